import { storedKey } from '../auth/session';
import { ApiError, toProblem } from './problem';

/** The last log position the dashboard has seen on the event stream (for read-your-writes). */
let seenPosition: string | undefined;

export function noteSeenPosition(position: string): void {
  seenPosition = position;
}

/** Headers every request carries: the key, when there is one (open mode needs none). */
export function authHeaders(key: string | null = storedKey()): Record<string, string> {
  return key === null || key === '' ? {} : { authorization: `Bearer ${key}` };
}

/**
 * GET a JSON answer. Queries ask for at least the position last seen on the event stream, so
 * a refresh triggered by an event shows that event (the server waits for its projections).
 */
export async function getJson<T>(
  path: string,
  params: Record<string, string | undefined> = {},
): Promise<T> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, value);
  }
  if (seenPosition !== undefined && path.startsWith('/v1/') && !path.startsWith('/v1/audit/')) {
    query.set('minPosition', seenPosition);
  }
  const qs = query.toString();
  return send<T>(qs === '' ? path : `${path}?${qs}`, { method: 'GET' });
}

/** POST a command as JSON. */
export async function postJson<T>(path: string, body: object = {}): Promise<T> {
  return send<T>(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

/** GET a text answer (the signed checkpoint, an NDJSON export). */
export async function getText(path: string): Promise<string> {
  const response = await fetch(path, { headers: authHeaders() });
  if (!response.ok) throw await errorOf(response);
  return response.text();
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { accept: 'application/json', ...authHeaders(), ...(init.headers ?? {}) },
    });
  } catch {
    throw new ApiError({ status: 0, title: 'The ledger cannot be reached' });
  }
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}

export async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return new ApiError(toProblem(response.status, body));
}
