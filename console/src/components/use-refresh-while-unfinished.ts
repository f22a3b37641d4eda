import { useEffect, useRef, useState } from 'preact/hooks';
import type { Handoff } from '../api/client';

const FIRST_DELAY_MS = 1000;
const LONGEST_DELAY_MS = 30_000;

export function isUnfinished(status: Handoff['deliveries'][number]['status']): boolean {
  return status === 'pending' || status === 'delivering';
}

/**
 * Reloads what is shown while it is `unfinished`, first after a second, then backing off to half a
 * minute (an email the mail server deferred can stay pending for an hour). `shown` is what the
 * last reload brought: each new one schedules the next. `restart` goes back to the quick pace,
 * after a redelivery.
 */
export function useRefreshWhile(unfinished: boolean, shown: unknown, reload: () => Promise<void>): { restart: () => void } {
  const delay = useRef(FIRST_DELAY_MS);
  const [failedReloads, setFailedReloads] = useState(0);

  useEffect(() => {
    if (!unfinished) {
      delay.current = FIRST_DELAY_MS;
      return undefined;
    }
    const timer = setTimeout(() => {
      delay.current = Math.min(delay.current * 2, LONGEST_DELAY_MS);
      reload().catch(() => setFailedReloads((count) => count + 1));
    }, delay.current);
    return () => clearTimeout(timer);
  }, [shown, unfinished, failedReloads]);

  return {
    restart: () => {
      delay.current = FIRST_DELAY_MS;
    },
  };
}

/** Reloads the handoff while any of its deliveries is unfinished (see `useRefreshWhile`). */
export function useRefreshWhileUnfinished(handoff: Handoff, reload: () => Promise<void>): { restart: () => void } {
  return useRefreshWhile(
    handoff.deliveries.some((delivery) => isUnfinished(delivery.status)),
    handoff,
    reload,
  );
}
