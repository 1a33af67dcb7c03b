/** Where a command writes: results to `out` (stdout), progress and diagnostics to `err`. */
export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export const processIo: CliIo = { out: process.stdout, err: process.stderr };

export function println(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}
