import { parseRevisionTag } from './command-context.decorator';

describe('parseRevisionTag (If-Match)', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['0', 0],
  ])('%s → %d', (tag, revision) => {
    expect(parseRevisionTag(tag)).toBe(revision);
  });

  it.each(['"3', '3"', '"-1"', '"a"', '*', '"1", "2"', ''])('refuses %j', (tag) => {
    expect(parseRevisionTag(tag)).toBeNull();
  });
});
