import type { Delivery } from '../api/client';
import { useChannelNames } from '../channel-names';
import { plural, safeWebUrl } from '../format';
import { DateTime } from './date-time';

/**
 * The words admins see: a delivery being attempted right now is still pending for them; only a
 * visitor email is ever cancelled (the visitor read the answers in the widget first).
 */
function statusWord(status: Delivery['status']): 'delivered' | 'failed' | 'pending' | 'cancelled' {
  switch (status) {
    case 'delivered':
    case 'failed':
    case 'pending':
    case 'cancelled':
      return status;
    case 'delivering':
      return 'pending';
  }
}

interface DeliveryItemProps {
  delivery: Delivery;
  busy: boolean;
  onRedeliver: () => void;
}

export function DeliveryItem({ delivery, busy, onRedeliver }: DeliveryItemProps) {
  const channelName = useChannelNames();
  const word = statusWord(delivery.status);
  // What an erased delivery carried is gone: sending it again would send nothing of it.
  const redeliverable = word === 'failed' && !delivery.erasedAt;
  const ticketUrl = safeWebUrl(delivery.externalUrl);
  const facts = [
    plural(delivery.attempts, 'attempt'),
    delivery.responseStatus !== null && `response ${delivery.responseStatus}`,
    delivery.durationMs !== null && `${delivery.durationMs} ms`,
  ].filter(Boolean);
  return (
    <li class="delivery">
      <div class="delivery-head">
        <span class="delivery-channel">{channelName(delivery.channel)}</span>
        <span class={`badge badge-${word}`}>{word}</span>
      </div>
      <p class="delivery-facts">
        {facts.join(' · ')}
        {delivery.deliveredAt && (
          <>
            {' · delivered '}
            <DateTime value={delivery.deliveredAt} />
          </>
        )}
      </p>
      {delivery.lastError &&
        // A cancelled delivery was not needed, and its note says why: nothing went wrong.
        (word === 'cancelled' ? <p class="delivery-note">{delivery.lastError}</p> : <p class="delivery-error">Last error: {delivery.lastError}</p>)}
      {(ticketUrl || redeliverable) && (
        <div class="actions">
          {ticketUrl && (
            <a class="button" href={ticketUrl} target="_blank" rel="noopener noreferrer">
              Open ticket
            </a>
          )}
          {redeliverable && (
            <button type="button" class="button" disabled={busy} onClick={onRedeliver}>
              Redeliver
            </button>
          )}
        </div>
      )}
    </li>
  );
}
