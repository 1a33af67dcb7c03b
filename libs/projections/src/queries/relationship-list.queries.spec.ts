import { LedgerEvent } from '@app/domain';
import { ProjectionHarness } from '../projections/projection-harness';
import { RelationshipSummaryProjection } from '../projections/relationship-summary.projection';
import {
  ListRelationships,
  ListRelationshipsHandler,
  RelationshipSort,
  sortKeyOf,
} from './relationship-list.queries';
import {
  GetOrganization,
  GetOrganizationHandler,
  ListOrganizations,
  ListOrganizationsHandler,
} from './organization.queries';
import { decodeSortedCursor } from './sorted-cursor';

const ORG = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const REL = (n: number) => `10000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const OFFERING = '33333333-3333-4333-8333-333333333333';

function event(type: string, data: Record<string, unknown>): LedgerEvent {
  return { type, data } as unknown as LedgerEvent;
}

/**
 * Twelve relationships of three organizations: relationship n has n % 4 breaches, a review
 * score of n % 5 + 1 unless n is a multiple of 3 (unreviewed), and the offering when n is even.
 */
async function seed(h: ProjectionHarness): Promise<void> {
  await h.feed(
    h.recorded(event('OrganizationRegistered', { organizationId: ORG(1), name: 'Acme IT' })),
    h.recorded(event('OrganizationRegistered', { organizationId: ORG(2), name: 'bakery Ltd' })),
    h.recorded(event('OrganizationRegistered', { organizationId: ORG(3), name: 'ACME Foods' })),
  );
  for (let n = 1; n <= 12; n++) {
    const relationshipId = REL(n);
    const events = [
      event('RelationshipEstablished', {
        relationshipId,
        providerId: ORG(1),
        consumerId: n <= 8 ? ORG(2) : ORG(3),
        occurredAt: `2025-01-${String(n).padStart(2, '0')}T00:00:00.000Z`,
      }),
    ];
    if (n % 2 === 0)
      events.push(event('ServiceProvisioned', { relationshipId, offeringId: OFFERING }));
    for (let b = 0; b < n % 4; b++) {
      events.push(
        event('ServiceLevelMeasured', {
          relationshipId,
          offeringId: OFFERING,
          measurementId: `m${n}-${b}`,
          breached: true,
        }),
      );
    }
    if (n % 3 !== 0) {
      events.push(
        event('RelationshipReviewed', {
          relationshipId,
          reviewId: `v${n}`,
          stakeholderRole: 'customer',
          valueScore: (n % 5) + 1,
        }),
      );
    }
    if (n === 12) events.push(event('RelationshipEnded', { relationshipId, reason: null }));
    await h.feed(...events.map((e) => h.recorded(e)));
  }
}

describe('relationship and organization lists', () => {
  const h = new ProjectionHarness(new RelationshipSummaryProjection());
  const list = new ListRelationshipsHandler(h.store);
  beforeAll(() => seed(h));
  afterAll(() => h.close());

  /** Every item of a list, page by page through the cursors. */
  async function all(sort: RelationshipSort | undefined, limit: number, filter = {}) {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const decoded = cursor === null ? undefined : decodeSortedCursor(cursor);
      if (decoded) expect(decoded.sort).toBe(sortKeyOf(sort));
      const page = await list.execute(new ListRelationships(filter, sort, limit, decoded));
      ids.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
      if (cursor === null) return ids;
    }
    throw new Error('no last page');
  }

  const n = (id: string) => Number(id.slice(-2));

  it('sorts worst breaches first, ties by id, the same across page sizes', async () => {
    const worst = await all('-breaches', 5);
    expect(worst.map(n)).toEqual([3, 7, 11, 2, 6, 10, 1, 5, 9, 4, 8, 12]);
    expect(await all('-breaches', 1)).toEqual(worst);
    expect(await all('-breaches', 100)).toEqual(worst);
    expect((await all('breaches', 3)).map(n)).toEqual([4, 8, 12, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
  });

  it('sorts by mean value score with unreviewed relationships last in both directions', async () => {
    // scores: n%5+1 → 1:2 2:3 4:5 5:1 7:3 8:4 10:1 11:2; 3, 6, 9, 12 unreviewed
    expect((await all('-valueScore', 2)).map(n)).toEqual([4, 8, 2, 7, 1, 11, 5, 10, 3, 6, 9, 12]);
    expect((await all('valueScore', 4)).map(n)).toEqual([5, 10, 1, 11, 2, 7, 8, 4, 3, 6, 9, 12]);
  });

  it('lists the newest established first with sort=recent, and by id without a sort', async () => {
    expect((await all('recent', 5)).map(n)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect((await all(undefined, 5)).map(n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('filters by consumer, offering and status, with the total of the filter', async () => {
    expect((await all('-breaches', 2, { consumerId: ORG(3), status: 'active' })).map(n)).toEqual([
      11, 10, 9,
    ]);
    expect((await all(undefined, 2, { offeringId: OFFERING })).map(n)).toEqual([
      2, 4, 6, 8, 10, 12,
    ]);
    const page = await list.execute(
      new ListRelationships({ offeringId: OFFERING, status: 'ended' }, undefined, 10),
    );
    expect({ total: page.total, ids: page.items.map((r) => n(r.id)) }).toEqual({
      total: 1,
      ids: [12],
    });
  });

  it('lists organizations by name, searches case-insensitively, and shows both sides', async () => {
    const orgs = new ListOrganizationsHandler(h.store);
    const first = await orgs.execute(new ListOrganizations(undefined, 2));
    expect(first.items.map((o) => o.name)).toEqual(['ACME Foods', 'Acme IT']);
    expect(first.total).toBe(3);
    const rest = await orgs.execute(
      new ListOrganizations(undefined, 2, decodeSortedCursor(first.nextCursor!)),
    );
    expect(rest.items.map((o) => o.name)).toEqual(['bakery Ltd']);
    expect(rest.nextCursor).toBeNull();
    const acme = await orgs.execute(new ListOrganizations('aCmE', 10));
    expect(acme.items.map((o) => o.id)).toEqual([ORG(3), ORG(1)]);
    expect((await orgs.execute(new ListOrganizations('nobody', 10))).total).toBe(0);

    const detail = await new GetOrganizationHandler(h.store).execute(new GetOrganization(ORG(3)));
    expect(detail).toMatchObject({ id: ORG(3), name: 'ACME Foods', asProvider: { total: 0 } });
    expect(detail.asConsumer.total).toBe(4);
    expect(detail.asConsumer.items.map((r) => n(r.id))).toEqual([12, 11, 10, 9]);
    expect(detail.asConsumer.items[0].counterparty).toEqual({ id: ORG(1), name: 'Acme IT' });
    await expect(
      new GetOrganizationHandler(h.store).execute(new GetOrganization(REL(1))),
    ).rejects.toThrow(/organization/);
  });
});
