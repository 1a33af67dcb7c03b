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
//   node verify-export.mjs --checkpoint <checkpoint.txt> --key <verifier key | file> export.ndjson
//              also check the signed checkpoint, and that the export's first N events (N = the
//              checkpoint's tree size) hash to its Merkle root (a whole export, not --partial)
//   node verify-export.mjs --evidence <folder> [--key <verifier key | file>]
//              check an evidence folder written by `ledger evidence`: the signed checkpoint, the
//              stream's chain, and each event's inclusion proof in the checkpoint's tree
//              (default key: the folder's verifier-key.txt; compare it with one you trust)
//
// Exit status: 0 when every chain is intact, 1 when anything is broken, 2 on a usage or read error.

import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

// ---------------------------------------------------------------- Merkle tree (RFC 9162 §2.1)

const sha256 = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
/** A leaf: SHA-256(0x00 ‖ the event's 32-byte hash). */
const leafHash = (eventHashHex) => sha256(Buffer.from([0]), Buffer.from(eventHashHex, 'hex'));
/** An interior node: SHA-256(0x01 ‖ left ‖ right). */
const nodeHash = (left, right) => sha256(Buffer.from([1]), left, right);

/** The root of the leaves pushed so far, keeping only the right edge of full subtrees. */
class RootBuilder {
  stack = []; // [{ size, hash }], sizes strictly decreasing powers of two
  count = 0;
  push(leaf) {
    let node = { size: 1, hash: leaf };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop();
      node = { size: node.size * 2, hash: nodeHash(left.hash, node.hash) };
    }
    this.stack.push(node);
    this.count += 1;
  }
  root() {
    if (this.stack.length === 0) return sha256(Buffer.alloc(0));
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i -= 1) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or null if it has the wrong shape. */
function rootFromInclusionProof(leafIndex, treeSize, leaf, proof) {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

// ---------------------------------------------------------------- signed checkpoints

/** A C2SP note verifier key `<name>+<8 hex digits>+<base64(0x01 ‖ Ed25519 public key)>`. */
function parseVerifierKey(text) {
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first <= 0 || second < 0) throw new Error('a verifier key is <name>+<hash>+<key>');
  const name = text.slice(0, first);
  const id = text.slice(first + 1, second);
  const key = Buffer.from(text.slice(second + 1), 'base64');
  if (key.length !== 33 || key[0] !== 1) throw new Error('the verifier key is not an Ed25519 key');
  const publicKey = key.subarray(1);
  // Key ID: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
  const keyId = sha256(Buffer.from(`${name}\n`, 'utf8'), key).subarray(0, 4);
  if (keyId.toString('hex') !== id) throw new Error("the verifier key's hash does not match it");
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') };
  return { name, keyId, key: createPublicKey({ key: jwk, format: 'jwk' }) };
}

/** Checks a signed note's signature by `verifier`; returns the checkpoint it carries or throws why not. */
function openCheckpoint(note, verifier) {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('not a signed note');
  const text = note.slice(0, split + 1);
  const signed = note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line !== '')
    .some((line) => {
      const match = /^\u2014 (\S+) (\S+)$/.exec(line);
      if (!match || match[1] !== verifier.name) return false;
      const blob = Buffer.from(match[2], 'base64');
      if (!blob.subarray(0, 4).equals(verifier.keyId)) return false;
      return verifySignature(null, Buffer.from(text, 'utf8'), verifier.key, blob.subarray(4));
    });
  if (!signed)
    throw new Error(
      `no valid signature by ${verifier.name}: the checkpoint was altered or signed by another key`,
    );
  const [origin, size, root] = text.split('\n');
  const rootHash = Buffer.from(root ?? '', 'base64');
  if (!/^(0|[1-9][0-9]*)$/.test(size ?? '') || rootHash.length !== 32) {
    throw new Error('the note is not a checkpoint (origin, tree size, base64 root hash)');
  }
  return { origin, treeSize: Number(size), rootHash };
}

function readKey(keyOrFile) {
  const text = existsSync(keyOrFile) ? readFileSync(keyOrFile, 'utf8') : keyOrFile;
  return parseVerifierKey(text.trim());
}

function main() {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        partial: { type: 'boolean', default: false },
        checkpoint: { type: 'string' },
        key: { type: 'string' },
        evidence: { type: 'string' },
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
    console.log(
      [
        'usage: node verify-export.mjs [--json] [--partial] [export.ndjson | -]',
        '       node verify-export.mjs [--json] --checkpoint <checkpoint.txt> --key <verifier key | file> export.ndjson',
        '       node verify-export.mjs [--json] --evidence <folder> [--key <verifier key | file>]',
      ].join('\n'),
    );
    return;
  }
  if (args.values.evidence !== undefined) {
    verifyEvidence(args.values.evidence, args.values.key).then(
      (report) => printReport(report, args.values.json),
      (error) => {
        console.error(error.message);
        process.exit(2);
      },
    );
    return;
  }
  let checkpoint;
  if (args.values.checkpoint !== undefined) {
    if (args.values.key === undefined || args.values.partial) {
      console.error('--checkpoint needs --key <verifier key> and a whole export (not --partial)');
      process.exit(2);
    }
    try {
      checkpoint = {
        note: readFileSync(args.values.checkpoint, 'utf8'),
        verifier: readKey(args.values.key),
      };
    } catch (error) {
      console.error(`cannot read the checkpoint or key: ${error.message}`);
      process.exit(2);
    }
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
  verify(input, { ...args.values, checkpoint }).then(
    (report) => printReport(report, args.values.json),
    (error) => {
      console.error(error.message);
      process.exit(2);
    },
  );
}

function printReport(report, json) {
  if (json) {
    console.log(JSON.stringify(report));
  } else {
    for (const f of report.failures) {
      console.log(
        f.streamId === null
          ? `FAIL ${f.reason}: ${f.detail}`
          : `FAIL ${f.streamId} revision ${f.revision} ${f.reason}: ${f.detail}`,
      );
    }
    const failures = report.failures.length;
    if (report.checkpoint?.proved) console.log(report.checkpoint.proved);
    console.log(
      `${report.eventsChecked} events in ${report.streamsChecked} streams checked: ` +
        (report.valid ? 'every chain is intact' : `${failures} failure(s)`),
    );
  }
  process.exitCode = report.valid ? 0 : 1;
}

/** The export against a signed checkpoint: its first N events must hash to the checkpoint's root. */
function checkAgainstCheckpoint({ note, verifier }, roots, eventsChecked, failures) {
  let checkpoint;
  try {
    checkpoint = openCheckpoint(note, verifier);
  } catch (error) {
    failures.push({
      streamId: null,
      revision: null,
      reason: 'checkpoint-signature',
      detail: error.message,
    });
    return { verified: false };
  }
  const name = `checkpoint ${checkpoint.origin} at ${checkpoint.treeSize} events`;
  const root = roots.get(checkpoint.treeSize);
  if (root === undefined) {
    failures.push({
      streamId: null,
      revision: null,
      reason: 'checkpoint-not-covered',
      detail: `the export holds ${eventsChecked} events, fewer than the ${checkpoint.treeSize} of the ${name}`,
    });
    return { verified: false };
  }
  if (!root.equals(checkpoint.rootHash)) {
    failures.push({
      streamId: null,
      revision: null,
      reason: 'checkpoint-mismatch',
      detail: `the export's first ${checkpoint.treeSize} events hash to ${root.toString('base64')}, not to the root ${checkpoint.rootHash.toString('base64')} of the ${name}: events were changed, removed or reordered`,
    });
    return { verified: false };
  }
  return {
    verified: true,
    proved: `the export's first ${checkpoint.treeSize} events hash to the root of the signed ${name}`,
  };
}

/** An evidence folder: signed checkpoint, the stream's chain, and every event's inclusion proof. */
async function verifyEvidence(folder, keyOrFile) {
  const read = (name) => readFileSync(join(folder, name), 'utf8');
  const verifier = readKey(keyOrFile ?? read('verifier-key.txt'));
  const note = read('checkpoint.txt');
  const { proofs } = JSON.parse(read('proofs.json'));
  const events = read('events.ndjson')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  const report = await verify(createReadStream(join(folder, 'events.ndjson')), { partial: false });
  const fail = (event, reason, detail) =>
    report.failures.push({
      streamId: event?.streamId ?? null,
      revision: event?.revision ?? null,
      reason,
      detail,
    });
  let checkpoint;
  try {
    checkpoint = openCheckpoint(note, verifier);
  } catch (error) {
    fail(undefined, 'checkpoint-signature', error.message);
  }
  if (checkpoint !== undefined) {
    if (!Array.isArray(proofs) || proofs.length !== events.length) {
      fail(
        undefined,
        'inclusion-proof',
        `${events.length} events but ${proofs?.length ?? 0} proofs`,
      );
    } else {
      events.forEach((event, i) => {
        const proof = proofs[i];
        if (proof.position !== event.position) {
          return fail(
            event,
            'inclusion-proof',
            `proof ${i} is for position ${proof.position}, not ${event.position}`,
          );
        }
        const leaf = leafHash(event.hash);
        if (leaf.toString('base64') !== proof.leafHash) {
          return fail(
            event,
            'inclusion-proof',
            `the leaf hash is not SHA-256(0x00 ‖ the event's hash)`,
          );
        }
        const hashes = proof.hashes.map((h) => Buffer.from(h, 'base64'));
        const root = rootFromInclusionProof(proof.leafIndex, checkpoint.treeSize, leaf, hashes);
        if (root === null || !root.equals(checkpoint.rootHash)) {
          fail(
            event,
            'inclusion-proof',
            `the inclusion proof of leaf ${proof.leafIndex} does not lead to the checkpoint's root`,
          );
        }
      });
    }
    report.checkpoint = {
      origin: checkpoint.origin,
      treeSize: checkpoint.treeSize,
      proved: `each event's inclusion proof leads to the root of the signed checkpoint ${checkpoint.origin} at ${checkpoint.treeSize} events`,
    };
  }
  report.valid = report.failures.length === 0;
  if (!report.valid && report.checkpoint) delete report.checkpoint.proved;
  return report;
}

/** Reads the export line by line; keeps one head per stream, never the events themselves. */
async function verify(input, { partial, checkpoint }) {
  const heads = new Map(); // streamId -> { revision, hash }
  // With a checkpoint: the Merkle root of the export's first N events (N its tree size).
  const roots = new Map();
  const tree = new RootBuilder();
  let wantedSize;
  if (checkpoint !== undefined) {
    try {
      wantedSize = openCheckpoint(checkpoint.note, checkpoint.verifier).treeSize;
    } catch {
      wantedSize = undefined; // reported by checkAgainstCheckpoint
    }
    if (wantedSize === 0) roots.set(0, tree.root());
  }
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
    if (wantedSize !== undefined && tree.count < wantedSize) {
      tree.push(
        /^[0-9a-f]{64}$/.test(event.hash)
          ? leafHash(event.hash)
          : sha256(Buffer.from(String(event.hash))),
      );
      if (tree.count === wantedSize) roots.set(wantedSize, tree.root());
    }
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
  let checkpointResult;
  if (checkpoint !== undefined) {
    checkpointResult = checkAgainstCheckpoint(checkpoint, roots, eventsChecked, failures);
  }
  return {
    valid: failures.length === 0,
    eventsChecked,
    streamsChecked: heads.size,
    failures,
    ...(checkpointResult ? { checkpoint: checkpointResult } : {}),
  };
}

main();
