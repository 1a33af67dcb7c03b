// The reference scenario of SPEC.md, posted through any transport (in-process app or real HTTP).

/** Ids and positions of a scenario posted through the command API. */
export interface Scenario {
  providerId: string;
  consumerId: string;
  offeringId: string;
  relationshipId: string;
  improvementId: string;
  /** Position of the last command's events. */
  position: string;
}

/** Sends one command of the scenario; answers its body or throws on anything but 200/201. */
export type ScenarioPoster = (
  path: string,
  body: object,
  role?: 'service' | 'analyst',
) => Promise<{ id: string; position: string; outputId?: string }>;

export const OFFERING_BODY = {
  name: 'Managed e-mail',
  targetConsumerGroup: 'small firms',
  goods: [],
  resourceAccess: ['mailbox'],
  serviceActions: ['support desk'],
  utility: ['send and receive mail'],
  warranty: { availabilityTarget: 99.9 },
  // Backdated: the scenario measures periods of 2026.
  effectiveFrom: '2025-01-01T00:00:00Z',
};

/** The full scenario of SPEC.md: parties, offering, relationship, value co-creation, an improvement. */
export async function postScenarioThrough(post: ScenarioPoster): Promise<Scenario> {
  const provider = await post('/v1/organizations', { name: 'Acme IT' });
  const consumer = await post('/v1/organizations', { name: 'Bakery Ltd' });
  const offering = await post('/v1/offerings', { providerId: provider.id, ...OFFERING_BODY });
  const relationship = await post('/v1/relationships', {
    providerId: provider.id,
    consumerId: consumer.id,
    occurredAt: '2025-01-01T00:00:00Z',
  });
  const rel = `/v1/relationships/${relationship.id}`;
  for (const role of ['customer', 'user', 'sponsor']) {
    await post(`${rel}/stakeholders`, { role, name: `${role} person` });
  }
  await post(`${rel}/provisions`, { offeringId: offering.id });
  const output = await post(`${rel}/outputs`, { description: 'mailboxes set up' });
  await post(`${rel}/outcomes`, {
    stakeholderRole: 'customer',
    description: 'staff reach customers by mail',
    enabledBy: [output.outputId],
  });
  await post(`${rel}/costs`, {
    effect: 'removed',
    amount: '0.10',
    currency: 'EUR',
    description: 'own server',
  });
  await post(`${rel}/costs`, {
    effect: 'removed',
    amount: '0.20',
    currency: 'EUR',
    description: 'backups',
  });
  await post(`${rel}/costs`, {
    effect: 'imposed',
    amount: '1250.50',
    currency: 'USD',
    description: 'fee',
  });
  await post(`${rel}/risks`, { effect: 'removed', description: 'data loss', severity: 'high' });
  await post(`${rel}/risks`, { effect: 'imposed', description: 'lock-in', severity: 'medium' });
  // Two half-month periods of March (one period of a metric is measured once).
  await post(`${rel}/service-levels`, {
    offeringId: offering.id,
    metric: 'availability',
    target: 99.9,
    actual: 99.95,
    period: { start: '2026-03-01', end: '2026-03-16' },
  });
  await post(`${rel}/service-levels`, {
    offeringId: offering.id,
    metric: 'availability',
    target: 99.9,
    actual: 99.5,
    period: { start: '2026-03-16', end: '2026-03-31' },
  });
  await post(`${rel}/reviews`, { stakeholderRole: 'customer', valueScore: 4 });
  await post(`${rel}/reviews`, { stakeholderRole: 'user', valueScore: 5 });
  const improvement = await post('/v1/improvements', {
    subject: { offeringId: offering.id },
    title: 'Faster mailbox setup',
    dimension: 'value-streams-and-processes',
    valueChainActivity: 'improve',
    metric: 'setup-hours',
    direction: 'decrease',
    baseline: 10,
    target: 2,
    targetDate: '2026-12-31',
    owner: 'Dana Reyes',
  });
  const imp = `/v1/improvements/${improvement.id}`;
  await post(`${imp}/approve`, {}, 'analyst'); // four eyes: not the proposer
  await post(`${imp}/implement`, {});
  const last = await post(`${imp}/evaluate`, { actual: 4, closure: 'partially-successful' });
  return {
    providerId: provider.id,
    consumerId: consumer.id,
    offeringId: offering.id,
    relationshipId: relationship.id,
    improvementId: improvement.id,
    position: last.position,
  };
}
