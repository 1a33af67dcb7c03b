import { IdSource } from '../ids/id-source';
import { nameBasedUuid } from '@app/domain';
import { CommandContext } from './command-context';

/**
 * The ids one command needs, by slot ('aggregate', 'entity', 'event:0', …).
 * Under an Idempotency-Key they are name-based on (actor, key, slot): a retry, even after a
 * restart, names the same stream, entities and events as the first attempt. Otherwise they
 * come from the injected IdSource.
 */
export class CommandIds {
  constructor(
    private readonly context: CommandContext,
    private readonly source: IdSource,
  ) {}

  id(slot: string): string {
    const { idempotencyKey, actor } = this.context;
    return idempotencyKey === undefined
      ? this.source.newId()
      : nameBasedUuid(`${actor}\n${idempotencyKey}\n${slot}`);
  }
}
