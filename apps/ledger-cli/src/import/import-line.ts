import { createHash } from 'node:crypto';
import { IMPORT_ROUTES, ImportCommandName, isImportCommand } from './import-routes';

/** One line of an import file, read. */
export interface ImportLine {
  command: ImportCommandName;
  /** The aggregate the command acts on (`:id` of its route); creates may carry theirs in the body. */
  id?: string;
  body: Record<string, unknown>;
  /** Given, or derived from the line's text: a second run of the file records nothing. */
  idempotencyKey: string;
  /** A name for this line's answer: later lines use its fields as `${name.field}`. */
  as?: string;
}

/** A line that cannot be sent at all (the API never sees it). */
export class BadImportLine extends Error {
  override readonly name = 'BadImportLine';
}

const FIELDS = new Set(['command', 'id', 'body', 'idempotencyKey', 'as']);

/**
 * Reads one line. `occurrence` counts earlier lines with the same text (a file may record the
 * same fact twice on purpose): the derived key tells them apart, and stays the same when other
 * lines are added to the file.
 */
export function parseImportLine(text: string, occurrence: number): ImportLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadImportLine('not a JSON object');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadImportLine('not a JSON object');
  }
  const line = value as Record<string, unknown>;
  const unknown = Object.keys(line).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) throw new BadImportLine(`unknown field(s): ${unknown.join(', ')}`);
  const { command, id, body, idempotencyKey, as } = line;
  if (typeof command !== 'string' || !isImportCommand(command)) {
    throw new BadImportLine(`"command" must be one of ${Object.keys(IMPORT_ROUTES).join(', ')}`);
  }
  const needsId = IMPORT_ROUTES[command].includes(':id');
  if (needsId !== (id !== undefined)) {
    throw new BadImportLine(
      needsId ? `${command} needs "id"` : `${command} takes no "id" (give body.id)`,
    );
  }
  if (id !== undefined && typeof id !== 'string') throw new BadImportLine('"id" must be a string');
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new BadImportLine('"body" must be a JSON object');
  }
  if (
    idempotencyKey !== undefined &&
    (typeof idempotencyKey !== 'string' || idempotencyKey === '')
  ) {
    throw new BadImportLine('"idempotencyKey" must be a non-empty string');
  }
  if (as !== undefined && (typeof as !== 'string' || !/^[\w-]{1,64}$/.test(as))) {
    throw new BadImportLine('"as" must be a name of letters, digits, _ or -');
  }
  return {
    command,
    id,
    body: (body ?? {}) as Record<string, unknown>,
    idempotencyKey:
      idempotencyKey ??
      `import:${createHash('sha256').update(text.trim()).digest('hex').slice(0, 40)}:${occurrence}`,
    as,
  };
}
