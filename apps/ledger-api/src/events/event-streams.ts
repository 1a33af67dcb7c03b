import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AllSubscription, EVENT_STORE, EventStore } from '@app/event-store';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import { EventStreamSender } from './event-stream-sender';

/**
 * The open event streams of the process. Each is fed by its own store subscription (never by
 * the in-memory EventBus, which would miss events recorded by another process and those
 * recorded before the client connected). On shutdown every stream is ended before the HTTP
 * server closes, so clients see a clean end and the server does not wait for them.
 */
/** A subscription opened for one client, and where it starts. */
export interface OpenedStream {
  from: string | undefined;
  subscription: AllSubscription;
}

@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<EventStreamSender>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /**
   * Subscribes after `afterPosition` (exclusive); with none, from now on. Done before the
   * response is taken over, so a position the store refuses is still an ordinary 400.
   */
  async subscribe(afterPosition: string | undefined): Promise<OpenedStream> {
    const from = afterPosition ?? (await this.store.headPosition());
    return { from, subscription: this.store.subscribeToAll({ fromPosition: from }) };
  }

  /**
   * Streams every event of an opened subscription. The first bytes (headers and a comment)
   * are sent once the subscription is in place, so a client that has read them misses
   * nothing appended afterwards. `headers` are those the request's hooks set (correlation id,
   * security headers).
   */
  async serve(
    response: ServerResponse,
    { from, subscription }: OpenedStream,
    headers: Record<string, string | number | string[] | undefined> = {},
  ): Promise<void> {
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Tells a reverse proxy (nginx) not to buffer the stream.
      'x-accel-buffering': 'no',
    });
    response.write(`: streaming events after position ${from ?? 'none (empty log)'}\n\n`);
    const sender = new EventStreamSender(
      response,
      subscription,
      this.config.eventStreamHeartbeatMs,
    );
    this.open.add(sender);
    try {
      await sender.run();
    } finally {
      this.open.delete(sender);
    }
  }

  /** Clients connected right now (a metric). */
  get clientCount(): number {
    return this.open.size;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open].map((sender) => sender.stop()));
  }
}
