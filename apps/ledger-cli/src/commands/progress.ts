import { CliIo, println } from '../cli-io';

/** Prints progress to stderr at most once a second, so long work shows it is alive. */
export function throttledProgress(io: CliIo, intervalMs = 1000): (line: string) => void {
  let last = Date.now();
  return (line) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    println(io.err, line);
  };
}
