#!/usr/bin/env node
// Standalone verifier for a Service-Relationship Ledger export (NDJSON, one event per line).
//
// It depends on nothing but Node.js (18 or later) and shares no code with the ledger, so an
// auditor can read all of it and trust it on its own. The encoding it recomputes is written
// down in docs/integrity.md.
//
// Usage:
//   node verify-export.mjs [--json] [--partial] [export.ndjson | -]
//     (no file or "-": read standard input)
//   --json     print the report as one JSON object instead of text
//   --partial  the export starts mid-log (it was taken with fromPosition): accept the first
//              event seen of each stream as the start of its chain instead of requiring revision 0
//
// Exit status: 0 when every chain is intact, 1 when anything is broken, 2 on a usage or read error.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON (RFC 8785, JCS, for the values JSON can hold): object members sorted by
 * their keys compared as UTF-16 code units, no white space, strings and numbers exactly as
 * ECMAScript's JSON.stringify writes them.
 */
function canonicalJson(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    // JavaScript's default sort compares UTF-16 code units, which is what JCS prescribes.
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  throw new TypeError(`cannot encode a value of type ${typeof value}`);
}

/** SHA-256 (lower-case hex) of the UTF-8 bytes of the canonical JSON of the seven covered fields. */
function eventHash(event) {
  const covered = {
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    previousHash: event.previousHash,
  };
  return createHash('sha256').update(canonicalJson(covered), 'utf8').digest('hex');
}

function main() {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        partial: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(
      `${error.message}\nusage: node verify-export.mjs [--json] [--partial] [file | -]`,
    );
    process.exit(2);
  }
  if (args.values.help) {
    console.log('usage: node verify-export.mjs [--json] [--partial] [export.ndjson | -]');
    return;
  }
  if (args.positionals.length > 1) {
    console.error('give at most one file (or "-" for standard input)');
    process.exit(2);
  }
  const file = args.positionals[0];
  const input = file === undefined || file === '-' ? process.stdin : createReadStream(file);
  input.on('error', (error) => {
    console.error(`cannot read ${file}: ${error.message}`);
    process.exit(2);
  });
  verify(input, args.values).then(
    (report) => {
      if (args.values.json) {
        console.log(JSON.stringify(report));
      } else {
        for (const f of report.failures) {
          console.log(`FAIL ${f.streamId} revision ${f.revision} ${f.reason}: ${f.detail}`);
        }
        const failures = report.failures.length;
        console.log(
          `${report.eventsChecked} events in ${report.streamsChecked} streams checked: ` +
            (report.valid ? 'every chain is intact' : `${failures} failure(s)`),
        );
      }
      process.exitCode = report.valid ? 0 : 1;
    },
    (error) => {
      console.error(error.message);
      process.exit(2);
    },
  );
}

/** Reads the export line by line; keeps one head per stream, never the events themselves. */
async function verify(input, { partial }) {
  const heads = new Map(); // streamId -> { revision, hash }
  const failures = [];
  let eventsChecked = 0;
  let lineNumber = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      failures.push({
        streamId: null,
        revision: null,
        reason: 'unreadable',
        detail: `line ${lineNumber} is not JSON`,
      });
      continue;
    }
    if (event === null || typeof event !== 'object' || typeof event.streamId !== 'string') {
      failures.push({
        streamId: null,
        revision: null,
        reason: 'unreadable',
        detail: `line ${lineNumber} is not an event`,
      });
      continue;
    }
    eventsChecked += 1;
    const fail = (revision, reason, detail) =>
      failures.push({ streamId: event.streamId, revision, reason, detail });

    // 1. The event's own hash must be the hash of its content.
    let recomputed;
    try {
      recomputed = eventHash(event);
    } catch {
      recomputed = undefined;
    }
    if (recomputed !== event.hash) {
      fail(
        event.revision,
        'hash-mismatch',
        recomputed === undefined
          ? 'the content cannot be encoded canonically'
          : `stored hash ${event.hash} but the content hashes to ${recomputed}`,
      );
    }

    // 2. Revisions of a stream must come 0, 1, 2, ... without gaps or repeats.
    const head = heads.get(event.streamId);
    if (head === undefined && partial) {
      heads.set(event.streamId, { revision: event.revision, hash: event.hash });
      continue;
    }
    const expected = head === undefined ? 0 : head.revision + 1;
    if (!Number.isSafeInteger(event.revision) || event.revision < expected) {
      fail(
        event.revision,
        'reordered',
        `revision ${event.revision} arrived where revision ${expected} was expected`,
      );
      continue;
    }
    if (event.revision > expected) {
      const last = event.revision - 1;
      fail(
        expected,
        'missing-revision',
        last === expected
          ? `revision ${expected} is missing`
          : `revisions ${expected} to ${last} are missing`,
      );
    } else {
      // 3. previousHash must be the stored hash of the predecessor (genesis for revision 0).
      const predecessorHash = head === undefined ? GENESIS_HASH : head.hash;
      if (event.previousHash !== predecessorHash) {
        fail(
          event.revision,
          'broken-link',
          head === undefined
            ? `previousHash ${event.previousHash} of revision 0 is not the genesis hash`
            : `previousHash ${event.previousHash} is not the stored hash ${predecessorHash} of revision ${head.revision}`,
        );
      }
    }
    heads.set(event.streamId, { revision: event.revision, hash: event.hash });
  }
  return { valid: failures.length === 0, eventsChecked, streamsChecked: heads.size, failures };
}

main();
