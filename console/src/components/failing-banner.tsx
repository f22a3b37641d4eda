import type { HandoffChannel } from '../api/client';
import { plural } from '../format';
import { DateTime } from './date-time';

/**
 * Channels on which the last deliveries all failed (`failing`), with what the admin can do:
 * a link to the settings from Handoffs, nothing more on the settings page itself.
 */
export function FailingBanner({ channels, linkToSettings = false }: { channels: HandoffChannel[]; linkToSettings?: boolean }) {
  const failing = channels.filter((channel) => channel.failing);
  if (failing.length === 0) return null;
  return (
    <section class="failing-banner" aria-label="Failing channels">
      {failing.map(({ channel, displayName, failing: state }) =>
        state ? (
          <p key={channel} class="failing-channel">
            <strong>{displayName} is failing:</strong> the last {plural(state.consecutiveFailures, 'delivery', 'deliveries')} failed, since{' '}
            <DateTime value={state.since} />. Last error: {state.lastError}
          </p>
        ) : null,
      )}
      {linkToSettings && (
        <p>
          <a href="/admin/settings/handoff">Check the handoff settings</a>, then send the failed deliveries again from there.
        </p>
      )}
    </section>
  );
}
