/** Where a command writes: results to `out` (stdout), progress and diagnostics to `err`. */
export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export const processIo: CliIo = { out: process.stdout, err: process.stderr };

/** C0 controls but tab, DEL and C1 controls: what could move the cursor, clear or retitle. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/**
 * `text` with every control character but tab shown as a visible escape (`\x1b`, `\n`, `\r`),
 * so that text from the log (a description, an actor, a stream id of a tampered store) cannot
 * forge lines on an auditor's terminal, clear the screen or set the window title.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/**
 * Writes exactly one line, whatever `line` holds: every command prints through here, so
 * nothing it prints from the log reaches the terminal raw.
 */
export function println(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${escapeControl(line)}\n`);
}

/** Writes the tool's own multi-line text (usage, indented JSON) one line at a time. */
export function printLines(stream: NodeJS.WritableStream, text: string): void {
  for (const line of text.split('\n')) println(stream, line);
}
