import { CommandAnswer } from '../commands/command-answer';
import { IdempotencyClaim, IdempotencyStore } from './idempotency-store.port';

/** The idempotency key index in memory: for unit tests (lost on restart, by design). */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly keys = new Map<string, { requestHash: string; answer?: CommandAnswer }>();

  async claim(actor: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const id = `${actor}\n${key}`;
    const existing = this.keys.get(id);
    if (!existing) {
      this.keys.set(id, { requestHash });
      return { kind: 'proceed' };
    }
    if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
    return existing.answer ? { kind: 'answered', answer: existing.answer } : { kind: 'proceed' };
  }

  async complete(actor: string, key: string, answer: CommandAnswer): Promise<void> {
    const entry = this.keys.get(`${actor}\n${key}`);
    if (entry) entry.answer = answer;
  }

  async close(): Promise<void> {}
}
