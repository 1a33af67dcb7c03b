import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { escapeControl, println } from './cli-io';
import { runCli } from './main';

const HOSTILE = 'ok\u001b[2J\u001b]0;owned\u0007\r\nchain intact\u009b31m\u0000';

describe('the CLI prints nothing from the log raw (issue 8 case 8)', () => {
  it('escapes every control character but tab, one line per println', () => {
    expect(escapeControl(HOSTILE)).toBe(
      'ok\\x1b[2J\\x1b]0;owned\\x07\\r\\nchain intact\\x9b31m\\x00',
    );
    expect(escapeControl('a\tb')).toBe('a\tb');
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    println(sink, HOSTILE);
    expect(written.split('\n')).toHaveLength(2);
  });

  it('replay shows a hostile description escaped, on its own line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-esc-'));
    const relationshipId = randomUUID();
    // Written straight to the store, as an event recorded before text fields were checked.
    const store = SqliteEventStore.open({ file: join(dir, 'events.db') });
    const event = (type: string, data: Record<string, string | null>) => ({
      eventId: randomUUID(),
      type,
      data: { relationshipId, occurredAt: '2026-01-01T00:00:00.000Z', ...data },
      metadata: { actor: `svc\u001b[1A:service`, recordedAt: '2026-01-01T00:00:00.000Z' },
    });
    await store.append(
      `relationship-${relationshipId}`,
      [
        event('RelationshipEstablished', { providerId: randomUUID(), consumerId: randomUUID() }),
        event('OutputDelivered', {
          outputId: randomUUID(),
          description: HOSTILE,
          offeringId: null,
        }),
      ],
      { expectedRevision: 'no_stream' },
    );
    await store.close();
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    try {
      const status = await runCli(
        ['replay', relationshipId, '--data-dir', dir],
        {},
        {
          out: sink,
          err: sink,
        },
      );
      expect(status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('ok\\x1b[2J\\x1b]0;owned\\x07\\r\\nchain intact');
    expect(out.split('\n').some((line) => line.startsWith('chain intact'))).toBe(false);
  });
});
