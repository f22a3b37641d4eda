import type { Erasure } from '../api/client';
import { useChannelNames } from '../channel-names';
import { conversationsErased, outcomeTone, outcomeWord, statusSentence } from '../erasure';
import { DateTime } from './date-time';

/**
 * An erasure: its status, how many conversations it took, and each place the data had gone with
 * its outcome and what remains there. `live` makes the status a live region, for one being followed.
 */
export function ErasureSummary({ erasure, live = false }: { erasure: Erasure; live?: boolean }) {
  const channelName = useChannelNames();
  return (
    <div class="erasure">
      <p class="erasure-head">
        <span class={`badge badge-erasure-${erasure.status}`}>{erasure.status}</span>{' '}
        <span role={live ? 'status' : undefined}>{statusSentence(erasure.status)}</span>
      </p>
      <p class="erasure-meta">
        Started <DateTime value={erasure.createdAt} /> · {conversationsErased(erasure)}
      </p>
      {erasure.destinations.length > 0 && (
        <ul class="deliveries" aria-label="Destinations">
          {erasure.destinations.map((destination, index) => (
            <li key={index} class="delivery">
              <div class="delivery-head">
                <span class="delivery-channel">{channelName(destination.channel)}</span>
                <span class={`badge badge-${outcomeTone(destination.outcome)}`}>{outcomeWord(destination.outcome)}</span>
              </div>
              {destination.externalId && <p class="delivery-facts">{destination.externalId}</p>}
              {destination.note && <p class="delivery-note">{destination.note}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
