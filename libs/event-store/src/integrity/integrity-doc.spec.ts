import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json';
import { computeEventHash } from './event-hash';
import { ChainedEvent, verifyChain } from './verify-chain';

/** docs/integrity.md promises auditors exact bytes and hashes: hold the code to them. */
describe('docs/integrity.md worked example', () => {
  const doc = readFileSync(join(__dirname, '../../../../docs/integrity.md'), 'utf8');
  const block = (lang: string) => {
    const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(doc);
    if (!match) throw new Error(`docs/integrity.md has no ${lang} block`);
    return match[1];
  };
  const lines = block('ndjson')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ChainedEvent);

  it('states the canonical text of revision 0 exactly as the code writes it', () => {
    const { streamId, revision, eventId, type, data, metadata, previousHash } = lines[0];
    const text = canonicalJson({ streamId, revision, eventId, type, data, metadata, previousHash });
    expect(block('canonical').trimEnd()).toBe(text);
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(lines[0].hash);
  });

  it('lists hashes the code computes, chained into a valid stream', async () => {
    for (const event of lines) expect(computeEventHash(event)).toBe(event.hash);
    expect(lines[1].previousHash).toBe(lines[0].hash);
    await expect(verifyChain(lines)).resolves.toMatchObject({ valid: true, eventsChecked: 2 });
  });
});
