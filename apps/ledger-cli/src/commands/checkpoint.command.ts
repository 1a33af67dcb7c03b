import { writeFile } from 'node:fs/promises';
import { verifierKeyText } from '@app/event-store';
import { AuditLog } from '../audit-log';
import { CliIo, println } from '../cli-io';

export interface CheckpointArgs {
  /** A file to write; default: standard output. */
  out?: string;
}

/** Writes the latest signed checkpoint, for the auditor to keep outside the ledger. */
export async function checkpointCommand(
  audit: AuditLog,
  args: CheckpointArgs,
  io: CliIo,
): Promise<number> {
  const checkpoint = await audit.latestCheckpoint();
  if (args.out === undefined) io.out.write(checkpoint.note);
  else await writeFile(args.out, checkpoint.note);
  println(
    io.err,
    `checkpoint of ${checkpoint.treeSize} events (root ${checkpoint.rootHash.toString('base64')}, ` +
      `signed ${checkpoint.signedAt})${args.out ? ` written to ${args.out}` : ''}`,
  );
  if (audit.signer) println(io.err, `verifier key: ${verifierKeyText(audit.signer)}`);
  return 0;
}
