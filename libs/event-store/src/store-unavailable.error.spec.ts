import { isConnectionLostError } from './store-unavailable.error';

describe('isConnectionLostError', () => {
  it.each([
    ['a server terminating the connection', { code: '57P01' }],
    ['a refused connection', { code: 'ECONNREFUSED' }],
    ['a lost connection class 08', { code: '08006' }],
    ['pg dropping its socket', new Error('Connection terminated unexpectedly')],
  ])('is true for %s', (_, error) => {
    expect(isConnectionLostError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', { code: '23505' }],
    ['a full disk', { code: 'SQLITE_FULL' }],
    ['a closed store', new Error('Client was closed and is not queryable')],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => {
    expect(isConnectionLostError(error)).toBe(false);
  });
});
