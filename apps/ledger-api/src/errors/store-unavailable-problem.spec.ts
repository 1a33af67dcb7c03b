import { StoreUnavailable } from '@app/event-store';
import { ProblemDetailsFilter } from './problem-details.filter';

describe('ProblemDetailsFilter and an unreachable event store', () => {
  it('answers 503 unavailable, naming no host, path or driver message', () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.7:5432');
    const problem = new ProblemDetailsFilter().toProblem(
      new StoreUnavailable('PostgreSQL event store', { cause }),
    );
    expect(problem).toMatchObject({ status: 503, type: 'urn:ledger:problem:unavailable' });
    expect(JSON.stringify(problem)).not.toMatch(/10\.0\.0\.7|ECONNREFUSED|PostgreSQL/);
  });
});
