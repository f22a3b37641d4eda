import { useEffect, useRef, useState } from 'preact/hooks';
import type { Handoff } from '../api/client';

const FIRST_DELAY_MS = 1000;
const LONGEST_DELAY_MS = 30_000;

export function isUnfinished(status: Handoff['deliveries'][number]['status']): boolean {
  return status === 'pending' || status === 'delivering';
}

/**
 * Reloads the handoff while any delivery is unfinished, first after a second, then backing off to
 * half a minute (an email the mail server deferred can stay pending for an hour). `restart` goes
 * back to the quick pace, after a redelivery.
 */
export function useRefreshWhileUnfinished(handoff: Handoff, reload: () => Promise<void>): { restart: () => void } {
  const delay = useRef(FIRST_DELAY_MS);
  const [failedReloads, setFailedReloads] = useState(0);
  const unfinished = handoff.deliveries.some((delivery) => isUnfinished(delivery.status));

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
  }, [handoff, failedReloads]);

  return {
    restart: () => {
      delay.current = FIRST_DELAY_MS;
    },
  };
}
