import { RuleViolated } from '@app/domain';
import { IdempotencyKeyReused } from '../idempotency/idempotency-key-reused.error';
import { InMemoryIdempotencyStore } from '../idempotency/in-memory-idempotency-store';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandExecution } from './command-execution';
import { EarlierAnswers } from './earlier-answers';
import { IdempotentCommands } from './idempotent-commands';

const answer: CommandAnswer = { id: 'a', streamId: 'organization-a', revision: 0, position: '1' };
/** Only the context matters here; the stream is EarlierAnswers' business. */
const execution = (context: CommandContext) =>
  ({ context }) as CommandExecution<unknown, never, unknown>;
const keyed = (requestHash = 'h-1') =>
  execution({ actor: 'crm:service', idempotencyKey: 'k-1', requestHash });

describe('IdempotentCommands', () => {
  let index: InMemoryIdempotencyStore;
  let commands: IdempotentCommands;
  let runs: number;
  /** What the stream holds for the keyed request (a twin through another instance appended). */
  let inStream: CommandAnswer | undefined;
  const succeed = async () => {
    runs += 1;
    return answer;
  };

  beforeEach(() => {
    index = new InMemoryIdempotencyStore();
    inStream = undefined;
    const earlier = { ofKey: () => Promise.resolve(inStream) };
    commands = new IdempotentCommands(index, earlier as unknown as EarlierAnswers);
    runs = 0;
  });

  it('runs a command without a key as it is, and remembers nothing', async () => {
    const context = execution({ actor: 'crm:service', requestHash: 'h-1' });
    expect(await commands.run(context, succeed)).toBe(answer);
    expect(await commands.run(context, succeed)).toBe(answer);
    expect(runs).toBe(2);
  });

  it('answers a retry from the index without running the command again', async () => {
    expect(await commands.run(keyed(), succeed)).toEqual(answer);
    expect(await commands.run(keyed(), succeed)).toEqual(answer);
    expect(runs).toBe(1);
  });

  it('refuses the key for another request', async () => {
    await commands.run(keyed(), succeed);
    await expect(commands.run(keyed('h-2'), succeed)).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(runs).toBe(1);
  });

  it('frees the key when the command was refused, for the corrected request', async () => {
    const refused = commands.run(keyed(), () => Promise.reject(new RuleViolated('r', 'no')));
    await expect(refused).rejects.toBeInstanceOf(RuleViolated);
    expect(await commands.run(keyed('h-corrected'), succeed)).toEqual(answer);
  });

  it('keeps the key bound when the command failed in a way that may have appended', async () => {
    const failed = commands.run(keyed(), () => Promise.reject(new Error('store timed out')));
    await expect(failed).rejects.toThrow('store timed out');
    await expect(commands.run(keyed('h-other'), succeed)).rejects.toBeInstanceOf(
      IdempotencyKeyReused,
    );
    // The same request goes on (its events, if any, answer it: see EarlierAnswers).
    expect(await commands.run(keyed(), succeed)).toEqual(answer);
  });

  it('answers a refused keyed request from the events of its twin, and remembers that answer', async () => {
    const refused = () => {
      // The same request through another instance appended in between: "already exists".
      inStream = answer;
      return Promise.reject(new RuleViolated('already-exists', 'exists'));
    };
    expect(await commands.run(keyed(), refused)).toEqual(answer);
    inStream = undefined;
    expect(await commands.run(keyed(), succeed)).toEqual(answer);
    expect(runs).toBe(0);
  });
});
