/** An RFC 9457 problem answer as the ledger sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  /** The domain rule that said no (409). */
  rule?: string;
  errors?: { field: string; messages: string[] }[];
}

/** A request the ledger refused (or could not answer): keeps the server's own words. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(readonly problem: Problem) {
    super(describeProblem(problem));
  }

  get status(): number {
    return this.problem.status;
  }

  /** 401 and 403: the key is wrong or its role may not do this. */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** The server's message in one line: detail (or title), the rule, and field messages. */
export function describeProblem(problem: Problem): string {
  const head = problem.detail ?? problem.title ?? `HTTP ${problem.status}`;
  const rule = problem.rule === undefined ? '' : ` (${problem.rule})`;
  const fields = (problem.errors ?? [])
    .map((e) => `${e.field}: ${e.messages.join(', ')}`)
    .join('; ');
  return fields === '' ? `${head}${rule}` : `${head}${rule} — ${fields}`;
}

/** Reads a problem from an answer's body, whatever it holds. */
export function toProblem(status: number, body: unknown): Problem {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    return {
      status,
      type: str(b.type),
      title: str(b.title),
      detail: str(b.detail) ?? str(b.message),
      rule: str(b.rule),
      errors: Array.isArray(b.errors) ? (b.errors as Problem['errors']) : undefined,
    };
  }
  return { status, title: typeof body === 'string' && body !== '' ? body : undefined };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
