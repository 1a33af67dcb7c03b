import { storeFailureReason } from './store-failure-reason';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('storeFailureReason', () => {
  it.each([
    [
      'ECONNREFUSED',
      coded('connect ECONNREFUSED 10.0.0.7:5432', 'ECONNREFUSED'),
      'connection refused',
    ],
    [
      'ENOENT',
      coded('connect ENOENT /run/postgresql/.s.PGSQL.5432', 'ENOENT'),
      'socket or file not found',
    ],
    [
      '28P01',
      coded('password authentication failed for user "ledger"', '28P01'),
      'authentication failed',
    ],
    ['3D000', coded('database "ledger_prod" does not exist', '3D000'), 'database does not exist'],
    [
      'SQLITE_CANTOPEN',
      coded('unable to open database file', 'SQLITE_CANTOPEN'),
      'cannot open the database file',
    ],
    ['SQLITE_IOERR_FSYNC', coded('disk I/O error', 'SQLITE_IOERR_FSYNC'), 'disk I/O error'],
    [
      'pg client timeout',
      new Error('Connection terminated due to connection timeout'),
      'timed out',
    ],
    [
      'gRPC UNAVAILABLE',
      new Error('14 UNAVAILABLE: No connection established. Last error: connect ECONNREFUSED'),
      'connection refused',
    ],
    ['closed handle', new TypeError('The database connection is not open'), 'store closed'],
    [
      'anything else',
      new Error('something else at /srv/ledger/data/events.db'),
      'it failed to answer',
    ],
    ['a thrown string', 'a thrown string', 'it failed to answer'],
  ])('%s', (_name, error, reason) => {
    expect(storeFailureReason(error)).toBe(reason);
  });

  it('reads the code of a wrapped cause', () => {
    const cause = coded('connect ECONNREFUSED 10.0.0.7:5432', 'ECONNREFUSED');
    expect(storeFailureReason(new Error('query failed', { cause }))).toBe('connection refused');
  });

  it('never repeats a host, port, path, user or database of the driver message', () => {
    const messages = [
      coded('connect ENOENT /run/postgresql/.s.PGSQL.5432', 'ENOENT'),
      coded('password authentication failed for user "ledger"', '28P01'),
      new Error('getaddrinfo ENOTFOUND db.internal.example'),
      new Error('something else at /srv/ledger/data/events.db'),
    ];
    for (const error of messages) {
      expect(storeFailureReason(error)).not.toMatch(/\/|ledger|example|5432|\d+\.\d+/);
    }
  });
});
