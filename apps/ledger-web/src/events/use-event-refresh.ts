import { useQueryClient } from '@tanstack/react-query';
import { createParser } from 'eventsource-parser';
import { useEffect, useState } from 'react';
import { authHeaders, noteSeenPosition } from '../api/client';
import { Coalescer } from './coalescer';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'off';

/**
 * Follows `GET /v1/events/stream` and refreshes what is on screen when events arrive: one
 * refetch of the active queries per burst of events (see Coalescer), asking the server for at
 * least the last position seen. `fetch` rather than EventSource, because EventSource cannot
 * send the Authorization header and the key must never go into a URL. On a dropped connection
 * it reconnects with `Last-Event-ID`, so no event is missed.
 */
export function useEventRefresh(enabled: boolean): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>(enabled ? 'connecting' : 'off');

  useEffect(() => {
    if (!enabled) {
      setState('off');
      return undefined;
    }
    const abort = new AbortController();
    const coalescer = new Coalescer(() => {
      void queryClient.invalidateQueries({ refetchType: 'active' });
    });
    let lastEventId: string | undefined;
    let retryMs = 1000;

    const follow = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        try {
          const headers: Record<string, string> = { accept: 'text/event-stream', ...authHeaders() };
          if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
          const response = await fetch('/v1/events/stream', { headers, signal: abort.signal });
          if (response.status === 401 || response.status === 403) {
            setState('off');
            return;
          }
          if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
          setState('live');
          retryMs = 1000;
          const parser = createParser({
            onEvent: (message) => {
              if (message.id !== undefined) {
                lastEventId = message.id;
                noteSeenPosition(message.id);
              }
              coalescer.notify();
            },
          });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        setState('reconnecting');
        await new Promise((resolve) => window.setTimeout(resolve, retryMs));
        retryMs = Math.min(retryMs * 2, 30_000);
      }
    };
    void follow();
    return () => {
      abort.abort();
      coalescer.cancel();
    };
  }, [enabled, queryClient]);

  return state;
}
