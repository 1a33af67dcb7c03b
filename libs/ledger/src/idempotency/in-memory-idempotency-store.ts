import { CommandAnswer } from '../commands/command-answer';
import { IdempotencyClaim, IdempotencyStore } from './idempotency-store.port';

/** The idempotency key index in memory: for unit tests (lost on restart, by design). */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly keys = new Map<
    string,
    { requestHash: string; answer?: CommandAnswer; claimedAt: string }
  >();

  constructor(private readonly now: () => string = () => new Date().toISOString()) {}

  async claim(actor: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const id = `${actor}\n${key}`;
    const existing = this.keys.get(id);
    if (!existing) {
      this.keys.set(id, { requestHash, claimedAt: this.now() });
      return { kind: 'proceed' };
    }
    if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
    return existing.answer ? { kind: 'answered', answer: existing.answer } : { kind: 'proceed' };
  }

  async complete(actor: string, key: string, answer: CommandAnswer): Promise<void> {
    const entry = this.keys.get(`${actor}\n${key}`);
    if (entry) entry.answer = answer;
  }

  async release(actor: string, key: string, requestHash: string): Promise<void> {
    const id = `${actor}\n${key}`;
    const entry = this.keys.get(id);
    if (entry && entry.requestHash === requestHash && !entry.answer) this.keys.delete(id);
  }

  async prune(before: string, batchSize: number): Promise<number> {
    let pruned = 0;
    for (const [id, entry] of this.keys) {
      if (pruned >= batchSize) break;
      if (entry.claimedAt < before) {
        this.keys.delete(id);
        pruned += 1;
      }
    }
    return pruned;
  }

  async close(): Promise<void> {}
}
