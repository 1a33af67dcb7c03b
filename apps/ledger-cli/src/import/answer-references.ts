import { BadImportLine } from './import-line';

const REFERENCE = /^\$\{([\w-]{1,64})\.(\w{1,64})\}$/;

/**
 * Answers of earlier lines by their `as` name, and the substitution of `${name.field}` (a whole
 * string) in a later line's id and body: how a file names ids the ledger made (an outputId an
 * outcome needs). Under the lines' idempotency keys a second run gets the same answers.
 */
export class AnswerReferences {
  private readonly answers = new Map<string, Record<string, unknown>>();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** The line that will answer as `name` is under way. */
  pending(name: string | undefined, work: Promise<unknown>): void {
    if (name !== undefined)
      this.inFlight.set(
        name,
        work.catch(() => undefined),
      );
  }

  /** Waits for the lines whose answers `line` names. */
  async settled(line: { id?: string; body: unknown }): Promise<void> {
    const names = new Set<string>();
    collectNames([line.id, line.body], names);
    const waits: Promise<unknown>[] = [];
    for (const name of names) {
      const work = this.inFlight.get(name);
      if (work !== undefined) waits.push(work);
    }
    await Promise.all(waits);
  }

  remember(name: string | undefined, answer: unknown): void {
    if (name !== undefined && typeof answer === 'object' && answer !== null) {
      this.answers.set(name, answer as Record<string, unknown>);
    }
  }

  resolve<T>(value: T): T {
    if (typeof value === 'string') return this.lookup(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.resolve(v)) as T;
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, v]) => [key, this.resolve(v)]),
      ) as T;
    }
    return value;
  }

  private lookup(text: string): unknown {
    const match = REFERENCE.exec(text);
    if (!match) return text;
    const [, name, field] = match;
    const answer = this.answers.get(name);
    if (answer === undefined) throw new BadImportLine(`no earlier line answered as "${name}"`);
    if (!(field in answer)) throw new BadImportLine(`the answer "${name}" has no field "${field}"`);
    return answer[field];
  }
}

function collectNames(value: unknown, names: Set<string>): void {
  if (typeof value === 'string') {
    const match = REFERENCE.exec(value);
    if (match) names.add(match[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) collectNames(v, names);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) collectNames(v, names);
  }
}
