import { DeliveryChannel } from '../channels/delivery-channel';
import { Delivery, DeliveryKind, DeliveryStatus } from './entities/delivery.entity';

/** What an erasure must do about one channel's copy of one handoff. */
export type ErasureTarget = { handoffId: string; channel: string; externalId: string | null } & (
  | { follow: true }
  | { follow: false; outcome: 'not_applicable' | 'not_recallable'; note: string }
);

/** Where the answers emailed to the visitor went: the visitor's own inbox. */
export const VISITORS_INBOX_NOTE = "The answers emailed to the visitor stay in the visitor's inbox.";

/**
 * The erasure targets of a handoff from its erased deliveries: each channel its handoff went to
 * (followed when the channel can be told or can delete, else what remains), and the visitor's inbox
 * when answers were emailed there. A channel nothing was ever sent to needs nothing.
 */
export function erasureTargets(
  deliveries: Delivery[],
  channelOf: (name: string) => DeliveryChannel | undefined,
  settingsOf: (name: string) => Record<string, unknown>,
): ErasureTarget[] {
  const targets: ErasureTarget[] = deliveries
    .filter((delivery) => delivery.kind === DeliveryKind.Handoff)
    .map((delivery) => targetOf(delivery, channelOf(delivery.channel), settingsOf(delivery.channel)));
  const emailed = deliveries.find((delivery) => delivery.kind === DeliveryKind.VisitorEmail && delivery.status === DeliveryStatus.Delivered);
  if (emailed) targets.push({ handoffId: emailed.handoffId, channel: emailed.channel, externalId: emailed.externalId, follow: false, outcome: 'not_recallable', note: VISITORS_INBOX_NOTE });
  return targets;
}

/**
 * With the tenant's settings of the channel as they are now: a webhook no longer subscribed to
 * `handoff.erased` is not told, and what a channel can take back may depend on its mode.
 */
function targetOf(delivery: Delivery, channel: DeliveryChannel | undefined, settings: Record<string, unknown>): ErasureTarget {
  const { handoffId, externalId } = delivery;
  const target = { handoffId, channel: delivery.channel, externalId };
  if (delivery.attempts === 0) return { ...target, follow: false, outcome: 'not_applicable', note: 'Nothing of the conversation had been sent there.' };
  if (!channel) return { ...target, follow: false, outcome: 'not_applicable', note: 'This channel is no longer available.' };
  if (!channel.takes('erased', settings)) return { ...target, follow: false, outcome: 'not_applicable', note: notSubscribedNote(channel) };
  const support = channel.erasure(settings);
  if (!support.follows) return { ...target, follow: false, outcome: 'not_recallable', note: support.note };
  return { ...target, follow: true };
}

function notSubscribedNote(channel: DeliveryChannel): string {
  const event = channel.events.find((candidate) => candidate.topic === 'erased')?.name ?? 'erasures';
  return `The ${channel.displayName} is not subscribed to ${event}, so it was not told.`;
}
