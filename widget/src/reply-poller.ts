/**
 * Replies (the assistant's, posted by a separate engine, and the team's) are picked up by POLLING
 * `GET /v1/widget/conversations/:id/messages?after=<last sequence read>` (each poll carries only
 * what is new; a poll follows `nextAfter` until it is null) rather than a server push: the API has
 * no push channel, and plain HTTP polling passes every proxy, CDN and corporate firewall.
 *
 * Schedule:
 * - at once when the pane opens or the page becomes visible again;
 * - 2 s after the visitor writes, a handoff is asked for, or something new arrives, then doubling
 *   while nothing new comes: up to 30 s while the assistant is talking (mode `assistant`), up to
 *   5 s while a handoff is open (`waiting` or `agent`: a person may answer at any moment), so
 *   2, 4, 5, 5… s, about 12 polls a minute;
 * - never more than 20 requests in any 60 s, whatever happens (a burst of replies, a long
 *   conversation read page by page, the pane opened and closed quickly): the service allows 30 a
 *   minute per conversation, polls and sends together, so 10 stay free for the visitor's
 *   messages and "Contact a human";
 * - a 429's Retry-After is honoured;
 * - none while the pane is closed or the page hidden (`document.visibilityState`), the longest
 *   back-off: a read marks what it returns as seen by the visitor, and answers the visitor has
 *   not seen are emailed to them after two minutes, so the widget reads only what it shows.
 *   Polling resumes on `visibilitychange`.
 */
export const FIRST_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 30_000;
export const HANDOFF_MAX_DELAY_MS = 5_000;
export const REQUESTS_PER_MINUTE = 20;
const MINUTE_MS = 60_000;

export interface PollOutcome {
  /** Something new was shown: the conversation is active, keep polling fast. */
  changed: boolean;
  /** The requests the poll made (one per page read). */
  requests: number;
  retryAfterMs?: number;
}

/** When to poll next: the schedule above, as a pure function of what happened and when. */
export class PollSchedule {
  private delayMs = FIRST_DELAY_MS;
  private handoffOpen = false;
  /** When each request of the last minute ended: later than it was counted, so on the safe side. */
  private readonly requestTimes: number[] = [];

  /** Something is likely to arrive soon: back to the first delay. */
  hurry(): void {
    this.delayMs = FIRST_DELAY_MS;
  }

  setHandoffOpen(open: boolean): void {
    this.handoffOpen = open;
    if (open) this.delayMs = Math.min(this.delayMs, HANDOFF_MAX_DELAY_MS);
  }

  /** How long to wait, from `now`, before the next poll after one that ended then with `outcome`. */
  afterPoll(now: number, { changed, requests, retryAfterMs }: PollOutcome): number {
    for (let request = 0; request < requests; request++) this.requestTimes.push(now);
    const ceiling = this.handoffOpen ? HANDOFF_MAX_DELAY_MS : MAX_DELAY_MS;
    this.delayMs = changed ? FIRST_DELAY_MS : Math.min(this.delayMs * 2, ceiling);
    return this.delayBeforePoll(now, Math.max(this.delayMs, retryAfterMs ?? 0));
  }

  /** `wantedMs`, or longer when the requests of the last minute leave no room for a poll before then. */
  delayBeforePoll(now: number, wantedMs: number): number {
    while (this.requestTimes.length > 0 && this.requestTimes[0] <= now - MINUTE_MS) this.requestTimes.shift();
    const blocking = this.requestTimes.length - REQUESTS_PER_MINUTE;
    if (blocking < 0) return wantedMs;
    // The next request may go once enough of the last minute's requests have left the window.
    return Math.max(wantedMs, this.requestTimes[blocking] + MINUTE_MS - now);
  }
}

/** Runs the schedule with timers while the widget shows the conversation; one poll at a time. */
export class ReplyPoller {
  private readonly schedule = new PollSchedule();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private polling = false;

  constructor(private readonly poll: () => Promise<PollOutcome>) {}

  /** Polls now (as soon as the budget allows), then on the schedule. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule.hurry();
    this.after(this.schedule.delayBeforePoll(Date.now(), 0));
  }

  /** The visitor just wrote or asked for a person: an answer is likely soon. */
  hurry(): void {
    this.schedule.hurry();
    if (this.running) this.after(this.schedule.delayBeforePoll(Date.now(), FIRST_DELAY_MS));
  }

  /** While a handoff is open, polls stay frequent. */
  setHandoffOpen(open: boolean): void {
    this.schedule.setHandoffOpen(open);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private after(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    // A poll still under way schedules the next itself when it ends.
    if (this.polling) return;
    this.polling = true;
    const outcome = await this.poll().finally(() => (this.polling = false));
    if (this.running) this.after(this.schedule.afterPoll(Date.now(), outcome));
  }
}
