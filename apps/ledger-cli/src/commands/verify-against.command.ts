import { existsSync, readFileSync } from 'node:fs';
import {
  Checkpoint,
  eventLeafHash,
  EventStore,
  NoteVerifier,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  RecordedEvent,
  StreamingRoot,
  verifyConsistency,
} from '@app/event-store';
import { ChainVerification } from '@app/ledger';
import { AuditLog } from '../audit-log';
import { CliError } from '../cli-error';
import { CliIo, println } from '../cli-io';
import { throttledProgress } from './progress';

export interface VerifyAgainstArgs {
  /** The file of a checkpoint kept outside the ledger. */
  against: string;
  /** A verifier key, or a file holding one; default: the ledger's own key. */
  key?: string;
}

/** Where the log first stops matching the Merkle log the ledger recorded. */
interface Difference {
  leafIndex: number;
  now: RecordedEvent | undefined;
}

/**
 * Checks a kept checkpoint against the log as it is now, in three steps, and says which one
 * could not be proved: (1) the checkpoint's signature; (2) that the log's first N events still
 * hash to the checkpoint's root (recomputed from the events, not taken from the stored tree)
 * and that the ledger's consistency proof from N to the whole log verifies; (3) the chains.
 */
export async function verifyAgainstCommand(
  store: EventStore,
  audit: AuditLog,
  args: VerifyAgainstArgs,
  io: CliIo,
): Promise<number> {
  const note = readKept(args.against);
  const verifier = verifierOf(args.key, audit);
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(openNote(note, verifier));
  } catch (error) {
    println(
      io.out,
      `FAIL signature: cannot prove the checkpoint in ${args.against} is the ledger's: ${(error as Error).message}`,
    );
    return 1;
  }
  const name = `${checkpoint.origin} at ${checkpoint.treeSize} events`;
  println(io.out, `OK   signature: checkpoint ${name}, signed by ${verifier.name}`);

  const consistent = await checkConsistency(store, audit, checkpoint, name, io);

  const progress = throttledProgress(io);
  const chains = await new ChainVerification(store).verify({
    onProgress: (n) => progress(`verified ${n} events…`),
  });
  for (const f of chains.failures) {
    println(io.out, `FAIL chain: ${f.streamId} revision ${f.revision} ${f.reason}: ${f.detail}`);
  }
  println(
    io.out,
    `${chains.valid ? 'OK  ' : 'FAIL'} chains: ${chains.eventsChecked} events in ${chains.streamsChecked} streams` +
      (chains.valid ? ', every chain intact' : `, ${chains.failures.length} failure(s)`),
  );
  return consistent && chains.valid ? 0 : 1;
}

async function checkConsistency(
  store: EventStore,
  audit: AuditLog,
  checkpoint: Checkpoint,
  name: string,
  io: CliIo,
): Promise<boolean> {
  const recorded = await audit.merkle.treeSize();
  const prefix = new StreamingRoot();
  const whole = new StreamingRoot();
  let difference: Difference | undefined;
  let index = 0;
  for await (const event of store.readAll()) {
    const leaf = eventLeafHash(event.hash);
    if (index < checkpoint.treeSize) prefix.push(leaf);
    whole.push(leaf);
    if (difference === undefined && index < recorded) {
      if (!(await audit.merkle.leafHash(index)).equals(leaf))
        difference = { leafIndex: index, now: event };
    }
    index += 1;
  }
  const events = whole.size;
  if (difference === undefined && events < recorded)
    difference = { leafIndex: events, now: undefined };
  const fail = (why: string): false => {
    println(io.out, `FAIL consistency: cannot prove that the log still holds the ${name}: ${why}`);
    if (difference !== undefined) println(io.out, `     ${describe(difference)}`);
    return false;
  };
  if (events < checkpoint.treeSize) {
    return fail(
      `the log now holds only ${events} events: events recorded before the checkpoint were removed`,
    );
  }
  if (!prefix.root().equals(checkpoint.rootHash)) {
    return fail(
      `its first ${checkpoint.treeSize} events hash to ${prefix.root().toString('base64')}, not to the ` +
        `checkpoint's root ${checkpoint.rootHash.toString('base64')}: events recorded before the ` +
        'checkpoint were changed, removed or reordered',
    );
  }
  if (recorded !== events) {
    return fail(
      `the ledger's Merkle log holds ${recorded} leaves but the log has ${events} events`,
    );
  }
  const proof = await audit.merkle.consistencyProof(checkpoint.treeSize, events);
  if (!verifyConsistency(checkpoint.treeSize, events, proof, checkpoint.rootHash, whole.root())) {
    return fail(
      `the ledger's consistency proof from ${checkpoint.treeSize} to ${events} events does not verify`,
    );
  }
  println(
    io.out,
    `OK   consistency: the log's first ${checkpoint.treeSize} events hash to the checkpoint's root, ` +
      `and the consistency proof to all ${events} events (root ${whole.root().toString('base64')}) verifies`,
  );
  return true;
}

function describe({ leafIndex, now }: Difference): string {
  return now === undefined
    ? `the first difference: leaf ${leafIndex} was recorded in the Merkle log but the log ends before it`
    : `the first difference: leaf ${leafIndex} is not the event the Merkle log recorded there; ` +
        `the log now has ${now.streamId} revision ${now.revision} (position ${now.position}) in its place`;
}

function readKept(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read the kept checkpoint ${file}`);
  }
}

function verifierOf(key: string | undefined, audit: AuditLog): NoteVerifier {
  if (key === undefined) {
    if (audit.signer === undefined) {
      throw new CliError('give --key <verifier key> (the ledger signing key is not at hand here)');
    }
    return audit.signer;
  }
  const text = existsSync(key) ? readFileSync(key, 'utf8').trim() : key;
  try {
    return parseVerifierKey(text);
  } catch (error) {
    throw new CliError(`--key: ${(error as Error).message}`);
  }
}
