import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFound, streamIdOf } from '@app/domain';
import { EventStore, StreamNotFound, verifierKeyText } from '@app/event-store';
import { AuditEvent, ndjsonLine, toAuditEvent } from '@app/ledger';
import { AuditLog } from '../audit-log';
import { CliError } from '../cli-error';
import { CliIo, println } from '../cli-io';

export interface EvidenceArgs {
  relationshipId: string;
  out: string;
}

/** One event's inclusion proof against the evidence's checkpoint. */
interface InclusionProof {
  position: string;
  leafIndex: number;
  leafHash: string;
  hashes: string[];
}

/**
 * Writes an evidence folder for one relationship: its events, an inclusion proof of each in
 * one signed checkpoint, the checkpoint, the verifier key and a README saying how to check it
 * offline with docs/verify-export.mjs alone.
 */
export async function evidenceCommand(
  store: EventStore,
  audit: AuditLog,
  args: EvidenceArgs,
  io: CliIo,
): Promise<number> {
  if (!/^[0-9a-fA-F-]{36}$/.test(args.relationshipId)) {
    throw new CliError(
      `--relationship must be a relationship id (a UUID), not "${args.relationshipId}"`,
    );
  }
  const streamId = streamIdOf('relationship', args.relationshipId.toLowerCase());
  const events: AuditEvent[] = [];
  try {
    for await (const event of store.readStream(streamId)) events.push(toAuditEvent(event));
  } catch (error) {
    if (error instanceof StreamNotFound || error instanceof NotFound) {
      throw new CliError(`relationship ${args.relationshipId} not found`);
    }
    throw error;
  }
  if (audit.signer === undefined) {
    throw new CliError('the ledger signing key is not here (LEDGER_SIGNING_KEY or the data dir)');
  }
  const checkpoint = await audit.latestCheckpoint();
  const proofs: InclusionProof[] = [];
  for (const event of events) {
    const leafIndex = await audit.merkle.leafIndexOf(event.position);
    if (leafIndex === undefined || leafIndex >= checkpoint.treeSize) {
      throw new CliError(
        `revision ${event.revision} is not yet in a signed checkpoint (latest: ${checkpoint.treeSize} events); try again shortly`,
      );
    }
    proofs.push({
      position: event.position,
      leafIndex,
      leafHash: (await audit.merkle.leafHash(leafIndex)).toString('base64'),
      hashes: (await audit.merkle.inclusionProof(leafIndex, checkpoint.treeSize)).map((h) =>
        h.toString('base64'),
      ),
    });
  }
  await mkdir(args.out, { recursive: true });
  await writeFile(join(args.out, 'events.ndjson'), events.map(ndjsonLine).join(''));
  await writeFile(
    join(args.out, 'proofs.json'),
    `${JSON.stringify({ streamId, treeSize: checkpoint.treeSize, proofs }, null, 2)}\n`,
  );
  await writeFile(join(args.out, 'checkpoint.txt'), checkpoint.note);
  await writeFile(join(args.out, 'verifier-key.txt'), `${verifierKeyText(audit.signer)}\n`);
  await writeFile(
    join(args.out, 'README.md'),
    readme(streamId, events.length, checkpoint.treeSize),
  );
  println(
    io.err,
    `evidence for ${streamId}: ${events.length} events proved in the checkpoint of ${checkpoint.treeSize} events, written to ${args.out}`,
  );
  return 0;
}

function readme(streamId: string, events: number, treeSize: number): string {
  return `# Evidence: ${streamId}

This folder proves that the ${events} events of \`${streamId}\` are in the Service-Relationship
Ledger's log as signed in one checkpoint (the first ${treeSize} events of the log).

| file | what it is |
| --- | --- |
| \`events.ndjson\` | the stream's events, one JSON object a line, in revision order |
| \`proofs.json\` | for each event: its position, its leaf index, its leaf hash and its RFC 9162 inclusion proof (base64) in the checkpoint's tree |
| \`checkpoint.txt\` | the signed checkpoint (C2SP tlog-checkpoint in a C2SP signed note, Ed25519) |
| \`verifier-key.txt\` | the ledger's verifier key (C2SP note verifier key) |

## Checking it offline

With Node.js 18 or later and the ledger's standalone verifier \`docs/verify-export.mjs\`
(one file, Node built-ins only; read it first):

    node verify-export.mjs --evidence <this folder>

It checks that the checkpoint is signed by the verifier key, that every event hashes to its
stored hash and links to its predecessor (revision 0 to the genesis value), that each leaf hash
is SHA-256(0x00 ‖ the event's hash), and that each inclusion proof leads to the checkpoint's root.
It exits 0 when everything holds, 1 naming what does not.

**Compare the verifier key** with one you obtained from the ledger's operator by another channel
(or pass it with \`--key <verifier key>\`): a folder that brings its own key proves nothing
about who signed. Keep \`checkpoint.txt\`: later, \`ledger verify --against checkpoint.txt\` shows
whether anything recorded before it was changed. The encodings are in docs/integrity.md.
`;
}
