import { useCallback, useEffect, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput, EventName } from '../../../shared/contract';
import { api } from './client';

export type QueryState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: Error }
  | { status: 'ready'; data: T; error?: undefined };

/**
 * Loads a channel's output and reloads it when any of `refreshOn` events arrive. Keeps the last
 * data while reloading, so screens do not flash back to a spinner.
 */
export function useQuery<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
  refreshOn: EventName[] = [],
): QueryState<ChannelOutput<C>> & { reload: () => void } {
  const [state, setState] = useState<QueryState<ChannelOutput<C>>>({ status: 'loading' });
  const key = JSON.stringify(input);
  const events = refreshOn.join(',');

  const load = useCallback(() => {
    api.invoke(channel, JSON.parse(key) as ChannelInput<C>).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) =>
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }, [channel, key]);

  useEffect(() => {
    load();
    const offs = events === '' ? [] : events.split(',').map((e) => api.on(e as EventName, () => load()));
    const offConnection = api.onConnection((connected) => {
      if (connected) load();
    });
    return () => {
      for (const off of offs) off();
      offConnection();
    };
  }, [load, events]);

  return { ...state, reload: load };
}
