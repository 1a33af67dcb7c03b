import { requestHash } from './request-hash';

describe('requestHash', () => {
  // Stored events carry this hash and a keyed retry compares with it: its value may not move.
  it('is the SHA-256 of method, path and canonical body, as stored before', () => {
    expect(
      requestHash('post', '/v1/relationships/r-1/outputs', { n: 1, description: 'é report' }),
    ).toBe('4bd9dbeac7332f323c38f570f1270670eaa89d0b975a2eeb4029875f3efb4c72');
  });

  it('is the same whatever the key order, and differs with the body, path or method', () => {
    const hash = requestHash('POST', '/a', { x: 1, y: [1, { b: 2, a: 1 }] });
    expect(requestHash('POST', '/a', { y: [1, { a: 1, b: 2 }], x: 1 })).toBe(hash);
    expect(requestHash('POST', '/a', { x: 2, y: [1, { a: 1, b: 2 }] })).not.toBe(hash);
    expect(requestHash('POST', '/b', { x: 1, y: [1, { a: 1, b: 2 }] })).not.toBe(hash);
    expect(requestHash('PUT', '/a', { x: 1, y: [1, { a: 1, b: 2 }] })).not.toBe(hash);
    expect(requestHash('POST', '/a', undefined)).toBe(requestHash('POST', '/a', null));
  });
});
