import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSignerKey, verifierKeyText } from '../checkpoint/note-keys';
import { signNote } from '../checkpoint/signed-note';
import { formatCheckpoint } from '../checkpoint/tlog-checkpoint';
import { eventLeafHash, hashChildren } from '../merkle/merkle-hash';
import { canonicalJson } from './canonical-json';
import { computeEventHash } from './event-hash';
import { ChainedEvent, verifyChain } from './verify-chain';

/** docs/integrity.md promises auditors exact bytes and hashes: hold the code to them. */
describe('docs/integrity.md worked example', () => {
  const doc = readFileSync(join(__dirname, '../../../../docs/integrity.md'), 'utf8');
  const block = (lang: string) => {
    const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(doc);
    if (!match) throw new Error(`docs/integrity.md has no ${lang} block`);
    return match[1];
  };
  const lines = block('ndjson')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ChainedEvent);

  it('states the canonical text of revision 0 exactly as the code writes it', () => {
    const { streamId, revision, eventId, type, data, metadata, previousHash } = lines[0];
    const text = canonicalJson({ streamId, revision, eventId, type, data, metadata, previousHash });
    expect(block('canonical').trimEnd()).toBe(text);
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(lines[0].hash);
  });

  it('lists hashes the code computes, chained into a valid stream', async () => {
    for (const event of lines) expect(computeEventHash(event)).toBe(event.hash);
    expect(lines[1].previousHash).toBe(lines[0].hash);
    await expect(verifyChain(lines)).resolves.toMatchObject({ valid: true, eventsChecked: 2 });
  });

  it('signs the worked checkpoint of the two-leaf log byte for byte (section 8)', () => {
    const [signerKey, verifierKey] = block('keys').trimEnd().split('\n');
    const signer = parseSignerKey(signerKey);
    expect(verifierKeyText(signer)).toBe(verifierKey);
    const root = hashChildren(eventLeafHash(lines[0].hash), eventLeafHash(lines[1].hash));
    const body = formatCheckpoint({ origin: signer.name, treeSize: 2, rootHash: root });
    expect(signNote(body, signer)).toBe(block('checkpoint'));
    expect(doc).toContain(root.toString('hex'));
    expect(doc).toContain(eventLeafHash(lines[0].hash).toString('hex'));
  });
});
