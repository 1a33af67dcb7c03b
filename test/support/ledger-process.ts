import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');
/** Lines kept per process for the failure report (the newest ones). */
const KEPT_LINES = 400;

export interface LedgerProcessOptions {
  /** Shown in logs and failure reports, e.g. `api-a`. */
  name: string;
  /** The compiled script to run with node. */
  entry: string;
  /** The whole environment of the child (nothing is inherited but what is passed). */
  env: Record<string, string>;
}

/**
 * One ledger process (an API or a projector) spawned with its own environment. Keeps its
 * output for the failure report and can be killed the hard way (SIGKILL, as a crash would).
 */
export class LedgerProcess {
  readonly name: string;
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private partial = '';
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exited: Promise<void>;

  constructor(options: LedgerProcessOptions) {
    this.name = options.name;
    this.child = spawn(process.execPath, [options.entry], {
      cwd: ROOT,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.collect(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.collect(chunk));
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
      this.child.once('error', (error) => {
        this.lines.push(`[spawn failed: ${error.message}]`);
        this.exit ??= { code: null, signal: null };
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Everything it wrote so far, a line per entry (JSON log lines as they are). */
  output(): string[] {
    return this.partial ? [...this.lines, this.partial] : [...this.lines];
  }

  /** Resolves when one of its lines matches (or rejects when it exits or the time is up). */
  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.output()) {
        const match = pattern.exec(line);
        if (match) return match;
      }
      if (!this.running) throw new Error(`${this.name} exited (${this.exitText()}) first`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no line matched ${pattern}`);
      await sleep(50);
    }
  }

  /** kill -9: no shutdown hook runs, connections and transactions are cut where they are. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful shutdown), then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The last lines of its output, for a failure report. */
  report(lines = 60): string {
    const all = this.output();
    const state = this.running ? `running, pid ${this.pid}` : `exited: ${this.exitText()}`;
    return `--- ${this.name} (${state}), last ${Math.min(lines, all.length)} of ${all.length} lines\n${all.slice(-lines).join('\n')}`;
  }

  private exitText(): string {
    if (this.exit === undefined) return 'running';
    return this.exit.signal ? `signal ${this.exit.signal}` : `code ${this.exit.code}`;
  }

  private collect(chunk: Buffer): void {
    const text = this.partial + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > KEPT_LINES * 2) this.lines.splice(0, this.lines.length - KEPT_LINES);
  }
}
