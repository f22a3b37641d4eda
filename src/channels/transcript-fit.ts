import { HandoffPayload } from './delivery-channel';

/** A payload rendered by a channel, holding the newest part of the transcript that fits. */
export interface FittedRendering<R> {
  rendering: R;
  /** Messages of the transcript rendered (the newest ones). */
  kept: number;
}

/**
 * Renders the payload with as many of its newest messages as fit `fits`, at least none: a binary
 * search over how many to keep, so a long conversation costs a few renderings, not one per message.
 * The admin link in every rendering leads to the whole conversation.
 */
export function fitNewestMessages<R>(
  payload: HandoffPayload,
  render: (payload: HandoffPayload) => R,
  fits: (rendering: R) => boolean,
): FittedRendering<R> {
  const withNewest = (count: number) => ({ ...payload, transcript: payload.transcript.slice(payload.transcript.length - count) });
  const whole = render(payload);
  if (fits(whole)) return { rendering: whole, kept: payload.transcript.length };
  let low = 0;
  let high = payload.transcript.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(render(withNewest(middle)))) low = middle;
    else high = middle - 1;
  }
  return { rendering: render(withNewest(low)), kept: low };
}

/** Whether a delivered transcript leaves out older messages of the conversation. */
export function isTruncated(payload: HandoffPayload): boolean {
  return payload.transcript.length < payload.transcriptTotal;
}
