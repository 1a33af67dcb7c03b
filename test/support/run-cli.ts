import { Writable } from 'node:stream';
import { runCli } from '../../apps/ledger-cli/src/main';

export interface CliResult {
  status: number;
  out: string;
  err: string;
}

/** Runs the ledger CLI in this process (same code as `npm run ledger`), capturing both streams. */
export async function runCliCaptured(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  let out = '';
  let err = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  const status = await runCli(args, env, {
    out: sink((s) => (out += s)),
    err: sink((s) => (err += s)),
  });
  return { status, out, err };
}
