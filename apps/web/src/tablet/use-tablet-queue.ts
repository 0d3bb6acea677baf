import { useCallback, useEffect, useRef, useState } from 'react';
import { QueuedResponse, TabletQueue } from './tablet-queue';
import { SyncAnswer, SyncReport, syncQueue } from './tablet-sync';
import type { TabletResponse } from './tablet-queue';

/** Whether the browser believes it is online; follows the online and offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => globalThis.navigator?.onLine ?? true);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/** The device's queue as React state: what is on it, adding a form, and one sync at a time. */
export function useTabletQueue() {
  const queue = useRef<Promise<TabletQueue> | null>(null);
  const [entries, setEntries] = useState<QueuedResponse[] | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [report, setReport] = useState<SyncReport | null>(null);
  const inFlight = useRef<Promise<SyncReport> | null>(null);

  const open = useCallback(() => {
    queue.current ??= TabletQueue.open();
    return queue.current;
  }, []);
  const refresh = useCallback(async () => setEntries(await (await open()).all()), [open]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const add = useCallback(
    async (entry: Omit<QueuedResponse, 'status' | 'tabletResponseId'>) => {
      await (await open()).add(entry);
      await refresh();
    },
    [open, refresh],
  );

  const sync = useCallback(
    async (send: (batch: TabletResponse[]) => Promise<SyncAnswer>) => {
      // The online event and the button may both ask: the second waits for the first instead of resending.
      if (inFlight.current) return inFlight.current;
      setSyncing(true);
      inFlight.current = (async () => {
        try {
          const result = await syncQueue(await open(), send);
          setReport(result);
          return result;
        } finally {
          inFlight.current = null;
          setSyncing(false);
          await refresh();
        }
      })();
      return inFlight.current;
    },
    [open, refresh],
  );

  const clearSent = useCallback(async () => {
    await (await open()).clearSent();
    await refresh();
  }, [open, refresh]);

  return { entries, add, sync, syncing, report, clearSent };
}
