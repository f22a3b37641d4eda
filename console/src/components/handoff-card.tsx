import { useEffect, useState } from 'preact/hooks';
import { type Delivery, type Handoff, type HandoffStatus, messageOf, unwrap } from '../api/client';
import { useChannelNames } from '../channel-names';
import { plural } from '../format';
import { useSignedIn } from '../signed-in';
import { DeliveryItem } from './delivery-item';
import { DateTime } from './date-time';
import { isUnfinished, useRefreshWhileUnfinished } from './use-refresh-while-unfinished';
import { Announcements } from './announcements';

interface HandoffCardProps {
  handoff: Handoff;
  /** h2 on the Handoffs page, h3 under the Conversation page's "Handoffs". */
  headingLevel?: 2 | 3;
  /** Off on the Conversation page, which is where it leads. */
  showConversationLink?: boolean;
  /** After a resolve or a reopen: the conversation's mode changed with it. */
  onChange?: () => void;
}

/** One handoff: who, why, when, each channel's delivery, and what the admin can do about it. */
export function HandoffCard({ handoff: initial, headingLevel = 2, showConversationLink = true, onChange }: HandoffCardProps) {
  const { api } = useSignedIn();
  const channelName = useChannelNames();
  const [handoff, setHandoff] = useState(initial);
  /** The channel redelivered last, until its new result is in: then the result is announced. */
  const [awaited, setAwaited] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const path = { params: { path: { id: handoff.id } } };
  // The page read the handoff again (its conversation's mode changed): show that one.
  useEffect(() => setHandoff(initial), [initial]);

  const show = (next: Handoff) => {
    setHandoff(next);
    const result = next.deliveries.find((delivery) => delivery.channel === awaited);
    if (result && !isUnfinished(result.status)) {
      setAwaited(undefined);
      setNotice(`${channelName(result.channel)}: ${result.status}.`);
    }
  };
  const following = useRefreshWhileUnfinished(handoff, async () => show(await unwrap(api.GET('/v1/admin/handoffs/{id}', path))));

  const act = (action: () => Promise<void>): void => {
    setBusy(true);
    setProblem('');
    setNotice('');
    void action()
      .catch((error: unknown) => setProblem(messageOf(error)))
      .finally(() => setBusy(false));
  };

  const setStatus = (status: HandoffStatus) =>
    act(async () => {
      show(await unwrap(api.PATCH('/v1/admin/handoffs/{id}', { ...path, body: { status } })));
      setNotice(status === 'resolved' ? 'Marked resolved.' : 'Reopened.');
      onChange?.();
    });

  const redeliver = (channel: string) =>
    act(async () => {
      const delivery = await unwrap(
        api.POST('/v1/admin/handoffs/{id}/deliveries/{channel}/redeliver', { params: { path: { id: handoff.id, channel } } }),
      );
      following.restart();
      setAwaited(channel);
      setHandoff(withDelivery(handoff, delivery));
      setNotice(`Redelivering to ${channelName(channel)}…`);
    });

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `handoff-${handoff.id}`;
  return (
    <article class="card handoff" aria-labelledby={headingId}>
      <div class="handoff-head">
        <Heading id={headingId} class="handoff-title">
          {handoff.visitorEmail ?? 'Visitor without an email'}
        </Heading>
        <span class={`badge badge-${handoff.status}`}>{handoff.status}</span>
      </div>
      <p class="handoff-meta">
        Asked <DateTime value={handoff.createdAt} />
        {handoff.resolvedAt && (
          <>
            {' · resolved '}
            <DateTime value={handoff.resolvedAt} />
          </>
        )}
        {handoff.erasedAt && (
          <>
            {' · erased '}
            <DateTime value={handoff.erasedAt} />
          </>
        )}
      </p>
      <p class="handoff-meta">
        <FirstAnswer handoff={handoff} />
        {handoff.followUps.total > 0 && (
          <>
            {' · '}
            {plural(handoff.followUps.total, 'follow-up')} to the team
            {handoff.followUps.failed > 0 && <span class="handoff-failures">, {handoff.followUps.failed} failed</span>}
          </>
        )}
      </p>
      <p class="handoff-reason">{handoff.reason ?? <span class="muted">No reason given</span>}</p>
      <ul class="deliveries" aria-label="Deliveries">
        {handoff.deliveries.map((delivery) => (
          <DeliveryItem key={delivery.channel} delivery={delivery} busy={busy} onRedeliver={() => redeliver(delivery.channel)} />
        ))}
      </ul>
      <div class="actions">
        {showConversationLink && (
          <a class="button" href={`/admin/conversations?id=${encodeURIComponent(handoff.conversationId)}`}>
            Open conversation
          </a>
        )}
        {handoff.status === 'open' ? (
          <button type="button" class="button" disabled={busy} onClick={() => setStatus('resolved')}>
            Mark resolved
          </button>
        ) : (
          // An erased handoff has nothing left to hand to the team again.
          !handoff.erasedAt && (
            <button type="button" class="button" disabled={busy} onClick={() => setStatus('open')}>
              Reopen
            </button>
          )
        )}
      </div>
      <Announcements notice={notice} problem={problem} />
    </article>
  );
}

/** When the team first answered in the chat (from the console, the API or a helpdesk). */
function FirstAnswer({ handoff }: { handoff: Handoff }) {
  if (handoff.firstReplyAt) {
    return (
      <>
        First answered <DateTime value={handoff.firstReplyAt} />
      </>
    );
  }
  return <>{handoff.status === 'open' ? 'Not answered yet' : 'Not answered in the chat'}</>;
}

function withDelivery(handoff: Handoff, delivery: Delivery): Handoff {
  return { ...handoff, deliveries: handoff.deliveries.map((each) => (each.channel === delivery.channel ? delivery : each)) };
}
