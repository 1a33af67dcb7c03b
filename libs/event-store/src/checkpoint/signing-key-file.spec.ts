import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSignerKey, verifierKeyText } from './note-keys';
import { resolveSigningKey, signingKeyFile } from './signing-key-file';

describe('the checkpoint signing key', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-key-spec-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const resolve = (create: boolean, configuredKey?: string) =>
    resolveSigningKey({ dataDir: dir, keyName: 'ledger.test/log', create, configuredKey });

  it('is generated once at first start, readable by its owner only, and reused after', () => {
    expect(resolve(false)).toBeUndefined(); // the CLI never makes one
    const first = resolve(true);
    expect(first?.source).toBe('generated');
    expect(statSync(signingKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(signingKeyFile(dir), 'utf8')).toMatch(/^PRIVATE\+KEY\+ledger\.test\/log\+/);
    const again = resolve(true);
    expect(again?.source).toBe('file');
    expect(verifierKeyText(again!.signer)).toBe(verifierKeyText(first!.signer));
  });

  it('prefers LEDGER_SIGNING_KEY, and refuses a key file others can read', () => {
    const configured = generateSignerKey('other.example/log');
    expect(resolve(true, configured)?.source).toBe('configured');
    resolve(true);
    chmodSync(signingKeyFile(dir), 0o644);
    expect(() => resolve(true)).toThrow(/readable by its owner only/);
  });
});
