/**
 * Assistant replies are posted by a separate engine through the admin API; the widget picks them
 * up by POLLING `GET /v1/widget/conversations/:id/messages?after=<last sequence read>` WITH BACKOFF
 * (each poll carries only what is new) rather than a server push: the API has no push channel,
 * plain HTTP polling passes every proxy, CDN and corporate firewall, and with this schedule it
 * stays well inside the per-conversation rate limit (30 a minute).
 *
 * Schedule: 2 s after the visitor writes (or the pane opens, or a reply arrives), then doubling
 * while nothing new comes, up to 30 s; a 429's Retry-After is honoured. Polling runs only while
 * the pane is open and the page visible.
 */
export const FIRST_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 30_000;

export interface PollOutcome {
  /** Something new was shown: the conversation is active, keep polling fast. */
  changed: boolean;
  retryAfterMs?: number;
}

export class ReplyPoller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delayMs = FIRST_DELAY_MS;
  private running = false;

  constructor(private readonly poll: () => Promise<PollOutcome>) {}

  /** Polls now, then on the fast schedule again. */
  start(): void {
    this.running = true;
    this.delayMs = FIRST_DELAY_MS;
    this.schedule(0);
  }

  /** The visitor just wrote: a reply is likely soon. */
  hurry(): void {
    if (!this.running) return;
    this.delayMs = FIRST_DELAY_MS;
    this.schedule(this.delayMs);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    const { changed, retryAfterMs } = await this.poll();
    if (!this.running) return;
    this.delayMs = changed ? FIRST_DELAY_MS : Math.min(this.delayMs * 2, MAX_DELAY_MS);
    this.schedule(Math.max(this.delayMs, retryAfterMs ?? 0));
  }
}
