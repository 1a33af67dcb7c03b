import { isPassingWriteError } from './passing-write-error';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isPassingWriteError: retry the batch, or stop the projection', () => {
  it.each([
    ['SQLite: disk full', withCode('SQLITE_FULL')],
    ['SQLite: database busy', withCode('SQLITE_BUSY')],
    ['PostgreSQL: connection failure', withCode('08006')],
    ['PostgreSQL: disk full', withCode('53100')],
    ['PostgreSQL: too many connections', withCode('53300')],
    ['PostgreSQL: server shutting down', withCode('57P01')],
    ['PostgreSQL: server starting', withCode('57P03')],
    ['PostgreSQL: deadlock', withCode('40P01')],
    ['server unreachable', withCode('ECONNREFUSED')],
    ['pg: connection lost', new Error('Connection terminated unexpectedly')],
    ['pg pool: no connection in time', new Error('timeout exceeded when trying to connect')],
  ])('retries after %s', (_, error) => {
    expect(isPassingWriteError(error)).toBe(true);
  });

  it.each([
    ['SQLite: constraint', withCode('SQLITE_CONSTRAINT')],
    ['PostgreSQL: unique violation', withCode('23505')],
    ['PostgreSQL: undefined table', withCode('42P01')],
    ['PostgreSQL: invalid JSON', withCode('22P02')],
    ['a projection bug', new TypeError('Do not know how to serialize a BigInt')],
    ['not an error', 'SQLITE_FULL'],
  ])('stops on %s', (_, error) => {
    expect(isPassingWriteError(error)).toBe(false);
  });
});
