import request from 'supertest';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { CommandContext, ExecuteRelationshipCommand, RelationshipIntent } from '@app/ledger';
import { establishedRelationship, post } from '../support/commands';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/*
 * A relationship that has lived long: 5,000 facts grown through the command bus (the HTTP
 * stack adds nothing here and would take minutes), then answered, replayed and verified over
 * HTTP across restarts — with the snapshots written meanwhile, and without them.
 */
const FACTS = 5_000;
jest.setTimeout(120_000);

describe('a relationship with 5,000 facts, across a restart', () => {
  let t: TestApp;
  let relationshipId: string;
  let streamId: string;
  const outputIds: string[] = [];
  let keyedAnswer: unknown;

  const auditor = (path: string) =>
    request(t.server).get(path).set('Authorization', bearer('auditor'));
  const keyed = { headers: { 'Idempotency-Key': 'long-relationship-output' } };

  beforeAll(async () => {
    t = await startTestApp({
      env: { LEDGER_SQLITE_SYNCHRONOUS: 'NORMAL', LEDGER_SNAPSHOT_EVERY: '1000' },
    });
    ({ relationshipId } = await establishedRelationship(t));
    streamId = `relationship-${relationshipId}`;
    await post(t, `/v1/relationships/${relationshipId}/stakeholders`, {
      role: 'customer',
      name: 'Dana (CIO)',
    }).expect(200);
    keyedAnswer = (
      await post(
        t,
        `/v1/relationships/${relationshipId}/outputs`,
        { description: 'first' },
        keyed,
      ).expect(200)
    ).body;
    const bus = t.app.get(CommandBus);
    const context: CommandContext = { actor: 'test-service:service', requestHash: 'bulk' };
    // The keyed output above is the first fact; every fifth of the rest is a cost.
    for (let i = 0; i < FACTS - 1; i += 1) {
      const intent: RelationshipIntent =
        i % 5 === 4
          ? {
              type: 'RecordCost',
              data: { effect: 'removed', amount: '10.5', currency: 'EUR', description: `c${i}` },
            }
          : { type: 'DeliverOutput', data: { description: `output ${i}` } };
      const answer = await bus.execute(
        new ExecuteRelationshipCommand(relationshipId, intent, context),
      );
      if (intent.type === 'DeliverOutput') outputIds.push(answer.outputId as string);
    }
  });

  afterAll(async () => {
    await t.dispose();
  });

  /** What the relationship answers: refusals, an accepted fact, a keyed retry, its replay. */
  async function checkAnswers(expectedRevision: number): Promise<void> {
    const outcomes = `/v1/relationships/${relationshipId}/outcomes`;
    const unknown = await post(t, outcomes, {
      stakeholderRole: 'customer',
      description: 'd',
      enabledBy: [outputIds[0], '0f0f0f0f-0000-4000-8000-000000000000'],
    }).expect(409);
    expect(unknown.body.rule).toBe('unknown-output');
    const role = await post(t, outcomes, {
      stakeholderRole: 'sponsor',
      description: 'd',
      enabledBy: [outputIds[0]],
    }).expect(409);
    expect(role.body.rule).toBe('stakeholder-role-not-assigned');
    // The keyed retry answers its first result without appending again.
    const again = await post(
      t,
      `/v1/relationships/${relationshipId}/outputs`,
      { description: 'first' },
      keyed,
    ).expect(200);
    expect(again.body).toEqual(keyedAnswer);

    const replay = await auditor(`/v1/audit/relationships/${relationshipId}/state`).expect(200);
    expect(replay.body.revision).toBe(expectedRevision);
    expect(replay.body.integrity.valid).toBe(true);
    expect(replay.body.state.deliveredOutputIds).toHaveLength(outputIds.length + 1);
    expect(replay.body.state.counts).toMatchObject({ outputs: outputIds.length + 1, costs: 999 });
    const verify = await auditor(`/v1/audit/verify?streamId=${streamId}`).expect(200);
    expect(verify.body).toMatchObject({ valid: true, eventsChecked: expectedRevision + 1 });

    const accepted = await post(t, outcomes, {
      stakeholderRole: 'customer',
      description: 'faster month-end closing',
      enabledBy: [outputIds[0], outputIds[outputIds.length - 1]],
    }).expect(200);
    expect(accepted.body.revision).toBe(expectedRevision + 1);
  }

  it('answers, replays and verifies after a restart that starts from a snapshot', async () => {
    const head = 2 + FACTS - 1; // established, stakeholder, then the facts from revision 2
    t = await t.restart();
    const snapshot = await t.app.get<EventStore>(EVENT_STORE).readSnapshot(streamId);
    expect(snapshot?.revision).toBeGreaterThan(head - 1000);
    await checkAnswers(head);
  });

  it('answers the same after a restart with every snapshot deleted', async () => {
    const head = 2 + FACTS; // and the outcome the first restart accepted
    await t.app.get<EventStore>(EVENT_STORE).deleteSnapshots(streamId);
    t = await t.restart();
    expect(await t.app.get<EventStore>(EVENT_STORE).readSnapshot(streamId)).toBeUndefined();
    await checkAnswers(head);
  });

  it('exports the state cache size and hit rate', async () => {
    const metrics = await request(t.server)
      .get('/metrics')
      .set('Authorization', bearer('admin'))
      .expect(200);
    const bytes = /^ledger_state_cache_bytes (\d+)$/m.exec(metrics.text);
    expect(Number(bytes?.[1])).toBeGreaterThan(0);
    expect(metrics.text).toMatch(/^ledger_state_cache_lookups\{result="hit"\} [1-9]/m);
    expect(metrics.text).toMatch(/^ledger_state_cache_hit_ratio 0\.\d+/m);
  });
});
