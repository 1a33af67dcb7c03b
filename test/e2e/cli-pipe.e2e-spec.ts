import { spawn } from 'node:child_process';
import { join } from 'node:path';

const LEDGER_BIN = join(__dirname, '..', '..', 'apps', 'ledger-cli', 'bin', 'ledger.js');

describe('ledger CLI behind a pipe', () => {
  it('a reader that closes the pipe early (`| head -1`) ends the output quietly', async () => {
    const child = spawn(process.execPath, [LEDGER_BIN, '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: take the first chunk, then close our end before the CLI is done.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(status).toBe(0);
  });
});
