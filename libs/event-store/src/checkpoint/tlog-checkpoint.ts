/**
 * The body of a C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint):
 *
 *   <origin>\n<tree size, decimal>\n<root hash, base64>\n[extension lines]
 */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
}

export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (!checkpoint.origin || /[\n\r]/.test(checkpoint.origin)) throw new Error('bad origin');
  return `${checkpoint.origin}\n${checkpoint.treeSize}\n${checkpoint.rootHash.toString('base64')}\n`;
}

/** Parses a checkpoint body (the text of a verified note); throws naming the bad line. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') {
    throw new Error('a checkpoint has an origin, a tree size and a root hash, each on a line');
  }
  const [origin, size, root] = lines;
  if (origin === '') throw new Error('the checkpoint origin is empty');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new Error(`the checkpoint tree size "${size.slice(0, 40)}" is not a decimal number`);
  }
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) {
    throw new Error('the checkpoint root hash is not base64 of 32 bytes');
  }
  return { origin, treeSize: Number(size), rootHash };
}
