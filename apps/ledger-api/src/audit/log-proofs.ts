import { Inject, Injectable } from '@nestjs/common';
import { NotFound } from '@app/domain';
import { MERKLE_LOG, MerkleLog } from '@app/event-store';
import { LOG_CHECKPOINTS, LogCheckpoints } from '@app/ledger';
import { RequestValidationFailed } from '../errors/request-validation-failed.error';
import { ConsistencyProofAnswer, InclusionProofAnswer } from './proof-answers.dto';

/** Inclusion and consistency proofs, with a precise 400 for every size the tree cannot prove. */
@Injectable()
export class LogProofs {
  constructor(
    @Inject(MERKLE_LOG) private readonly merkle: MerkleLog,
    @Inject(LOG_CHECKPOINTS) private readonly checkpoints: LogCheckpoints,
  ) {}

  async inclusion(position: string, treeSize?: number): Promise<InclusionProofAnswer> {
    const size = treeSize ?? (await this.checkpoints.latest()).treeSize;
    await this.assertWithinTree('treeSize', size);
    const leafIndex = await this.merkle.leafIndexOf(position);
    if (leafIndex === undefined) throw new NotFound('event at position', position);
    if (leafIndex >= size) {
      throw new RequestValidationFailed([
        {
          field: 'treeSize',
          messages: [
            `the event at position ${position} is leaf ${leafIndex}, not in a tree of ${size} leaves`,
          ],
        },
      ]);
    }
    return {
      leafIndex,
      treeSize: size,
      leafHash: (await this.merkle.leafHash(leafIndex)).toString('base64'),
      hashes: (await this.merkle.inclusionProof(leafIndex, size)).map(base64),
    };
  }

  async consistency(from: number, to?: number): Promise<ConsistencyProofAnswer> {
    const size = to ?? (await this.checkpoints.latest()).treeSize;
    if (from > size) {
      throw new RequestValidationFailed([
        { field: 'from', messages: [`from (${from}) must not be larger than to (${size})`] },
      ]);
    }
    await this.assertWithinTree(to === undefined ? 'from' : 'to', size);
    return { from, to: size, hashes: (await this.merkle.consistencyProof(from, size)).map(base64) };
  }

  private async assertWithinTree(field: string, size: number): Promise<void> {
    const current = await this.merkle.treeSize();
    if (size > current) {
      throw new RequestValidationFailed([
        { field, messages: [`${field} (${size}) is larger than the log (${current} events)`] },
      ]);
    }
  }
}

function base64(hash: Buffer): string {
  return hash.toString('base64');
}
