import { AnswerReferences } from './answer-references';
import { BadImportLine, parseImportLine } from './import-line';
import { ImportLanes } from './import-lanes';

const REL = '44444444-4444-4444-8444-444444444444';

describe('import lines', () => {
  const cost = JSON.stringify({ command: 'RecordCost', id: REL, body: { amount: '1' } });

  it('reads a line and derives its idempotency key from its text and repeat', () => {
    const first = parseImportLine(cost, 0);
    expect(first).toMatchObject({ command: 'RecordCost', id: REL, body: { amount: '1' } });
    expect(first.idempotencyKey).toMatch(/^import:[0-9a-f]{40}:0$/);
    expect(parseImportLine(` ${cost} `, 0).idempotencyKey).toBe(first.idempotencyKey);
    expect(parseImportLine(cost, 1).idempotencyKey).not.toBe(first.idempotencyKey);
    const keyed = JSON.stringify({ command: 'RecordCost', id: REL, body: {}, idempotencyKey: 'k' });
    expect(parseImportLine(keyed, 0).idempotencyKey).toBe('k');
  });

  it.each([
    ['not JSON', '{', 'not a JSON object'],
    ['an array', '[]', 'not a JSON object'],
    ['an unknown command', '{"command":"Nope"}', '"command" must be one of'],
    ['a route id missing', '{"command":"RecordCost","body":{}}', 'RecordCost needs "id"'],
    ['an id on a create', `{"command":"EstablishRelationship","id":"${REL}"}`, 'takes no "id"'],
    ['an unknown field', `{"command":"RecordCost","id":"${REL}","x":1}`, 'unknown field(s): x'],
    ['a body that is no object', `{"command":"RecordCost","id":"${REL}","body":[]}`, '"body"'],
    ['a blank key', `{"command":"RecordCost","id":"${REL}","idempotencyKey":""}`, 'non-empty'],
  ])('refuses %s', (_label, text, message) => {
    expect(() => parseImportLine(text, 0)).toThrow(BadImportLine);
    expect(() => parseImportLine(text, 0)).toThrow(message);
  });
});

describe('answer references', () => {
  it('replaces a whole string ${name.field} with the named answer field, anywhere in a body', () => {
    const refs = new AnswerReferences();
    refs.remember('report', { outputId: 'o-1', revision: 3 });
    expect(
      refs.resolve({ enabledBy: ['${report.outputId}', 'x'], note: 'see ${report.outputId}' }),
    ).toEqual({ enabledBy: ['o-1', 'x'], note: 'see ${report.outputId}' });
  });

  it('refuses an unknown name or field', () => {
    const refs = new AnswerReferences();
    refs.remember('report', { outputId: 'o-1' });
    expect(() => refs.resolve('${nope.outputId}')).toThrow('no earlier line answered as "nope"');
    expect(() => refs.resolve('${report.costId}')).toThrow('has no field "costId"');
  });
});

describe('import lanes', () => {
  it('keeps each lane in order, runs lanes side by side, and barriers alone', async () => {
    const lanes = new ImportLanes(10);
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
    };
    const all = [
      lanes.schedule(undefined, step('create', 5)),
      lanes.schedule('a', step('a1', 20)),
      lanes.schedule('b', step('b1', 1)),
      lanes.schedule('a', step('a2', 1)),
      lanes.schedule(undefined, step('barrier', 1)),
      lanes.schedule('b', step('b2', 1)),
    ];
    await Promise.all(all);
    const at = (entry: string) => log.indexOf(entry);
    expect(at('start a1')).toBeGreaterThan(at('end create'));
    expect(at('start b1')).toBeLessThan(at('end a1')); // side by side
    expect(at('start a2')).toBeGreaterThan(at('end a1')); // in lane order
    expect(at('start barrier')).toBeGreaterThan(Math.max(at('end a2'), at('end b1')));
    expect(at('start b2')).toBeGreaterThan(at('end barrier'));
  });
});
