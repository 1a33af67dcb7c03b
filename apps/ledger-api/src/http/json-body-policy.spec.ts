import { inexactNumberReason } from './exact-number';
import { JsonBodyRefused, MAX_BODY_DEPTH, nestingDepth, parseJsonBody } from './json-body-policy';
import { lowerCaseIdsInUrl } from './lower-case-ids';

function refusal(text: string): string[] {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof JsonBodyRefused) return error.problems.map((p) => p.field);
    throw error;
  }
  throw new Error(`accepted: ${text}`);
}

describe('exact numbers', () => {
  it.each(['0', '-0', '1', '0.1', '1.50', '15e-1', '99.95', '1e2', '9007199254740991', '-1.5e-7'])(
    'takes %s',
    (source) => expect(inexactNumberReason(source)).toBeUndefined(),
  );

  it.each([
    '1e309',
    '-1e309',
    '9007199254740992',
    '9007199254740993',
    '12345678901234567890',
    '1e20',
    '18446744073709551616',
    '0.1000000000000000000001',
    '1e-400',
  ])('refuses %s', (source) => expect(inexactNumberReason(source)).toEqual(expect.any(String)));
});

describe('the JSON body policy', () => {
  it('names the field of every refused value', () => {
    expect(refusal('{"a":1e309,"b":[1,"x\\u001b"],"c":{"d":12345678901234567890}}')).toEqual([
      'a',
      'b.1',
      'c.d',
    ]);
    expect(refusal('1e309')).toEqual(['body']);
    expect(refusal('{"__proto__":{"x":1}}')).toEqual(['__proto__']);
    expect(refusal('{"k\\u0007":1}')).toEqual(['body']);
  });

  it('counts nesting without recursion, ignoring brackets in strings', () => {
    expect(nestingDepth('{"a":"[[[[","b":[[1]]}')).toBe(3);
    expect(nestingDepth('"\\"[["')).toBe(0);
    expect(refusal('['.repeat(100_000))).toEqual(['body']);
    expect(parseJsonBody(`${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}`)).toEqual(
      expect.any(Array),
    );
  });

  it('of duplicate keys the last counts, on both paths', () => {
    expect(parseJsonBody('{"a":1,"a":2}')).toEqual({ a: 2 });
    expect(parseJsonBody('{"a":1e2,"a":2}')).toEqual({ a: 2 });
  });

  it('numbers of up to 15 significant digits take the fast path and stay exact', () => {
    expect(parseJsonBody('{"a":123456789.123456,"b":-0.5,"c":999999999999999}')).toEqual({
      a: 123456789.123456,
      b: -0.5,
      c: 999999999999999,
    });
    expect(refusal('{"a":123456789.1234567891}')).toEqual(['a']);
    expect(refusal('{"a":9007199254740993}')).toEqual(['a']);
  });

  it('lower-cases ids and stream ids, nothing else', () => {
    const id = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';
    expect(
      parseJsonBody(JSON.stringify({ id, s: `relationship-${id}`, t: `see ${id}`, tab: 'a\tb' })),
    ).toEqual({
      id: id.toLowerCase(),
      s: `relationship-${id.toLowerCase()}`,
      t: `see ${id}`,
      tab: 'a\tb',
    });
  });

  it('lower-cases ids in paths and queries', () => {
    const id = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D';
    const low = id.toLowerCase();
    expect(lowerCaseIdsInUrl(`/v1/audit/streams/relationship-${id}?x=${id}&q=ABC`)).toBe(
      `/v1/audit/streams/relationship-${low}?x=${low}&q=ABC`,
    );
    expect(lowerCaseIdsInUrl(`/v1/relationships/${id}/outputs`)).toBe(
      `/v1/relationships/${low}/outputs`,
    );
  });
});
