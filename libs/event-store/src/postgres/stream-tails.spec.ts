import { StreamTails } from './stream-tails';

describe('StreamTails', () => {
  it('keeps the latest tail of a stream, never an older one over it', () => {
    const tails = new StreamTails();
    tails.remember('s', { revision: 3, hash: 'h3' });
    tails.remember('s', { revision: 1, hash: 'h1' });
    expect(tails.get('s')).toEqual({ revision: 3, hash: 'h3' });
    tails.remember('s', { revision: 4, hash: 'h4' });
    expect(tails.get('s')).toEqual({ revision: 4, hash: 'h4' });
  });

  it('forgets the least recently written stream first when full', () => {
    const tails = new StreamTails(2);
    tails.remember('a', { revision: 0, hash: 'a0' });
    tails.remember('b', { revision: 0, hash: 'b0' });
    tails.remember('a', { revision: 1, hash: 'a1' });
    tails.remember('c', { revision: 0, hash: 'c0' });
    expect(tails.get('b')).toBeUndefined();
    expect(tails.get('a')).toEqual({ revision: 1, hash: 'a1' });
    expect(tails.get('c')).toEqual({ revision: 0, hash: 'c0' });
  });
});
