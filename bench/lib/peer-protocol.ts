/** Messages between the bench driver and its peers process (bench/peers-process.ts), over Node IPC. */

export interface PeersReady {
  type: 'ready';
  /** `https://localhost:<port>/hook` */
  webhookUrl: string;
  /** PEM of the receiver's certificate. */
  ca: string;
  smtpUrl: string;
  smtpPort: number;
}

/** A webhook as the receiver got it, kept so a baseline can send the very same bytes. */
export interface CapturedWebhook {
  /** What the webhook is about: see `webhookKey`. */
  key: string;
  body: string;
  headers: Record<string, string>;
}

export interface CapturedEmail {
  handoffId: string;
  from: string;
  to: string[];
  raw: string;
}

export interface Arrivals {
  /** [key (see `webhookKey`), arrival time on the monotonic clock (ms)], first arrival per key. */
  webhooks: [string, number][];
  /** [handoffId, arrival time on the monotonic clock (ms)], first arrival per handoff. */
  emails: [string, number][];
  /** Requests or messages for a key that had already arrived (a job that ran twice, or sent again). */
  duplicates: number;
  /** Arrivals whose handoff id could not be read. */
  unknown: number;
}

export type PeersRequest =
  | { id: number; type: 'reset'; capture: boolean }
  | { id: number; type: 'counts' }
  | { id: number; type: 'arrivals' }
  | { id: number; type: 'captured' }
  | { id: number; type: 'stop' };

export type PeersReply =
  | { id: number; type: 'ok' }
  | { id: number; type: 'counts'; webhooks: number; emails: number }
  | ({ id: number; type: 'arrivals' } & Arrivals)
  | { id: number; type: 'captured'; webhooks: CapturedWebhook[]; emails: CapturedEmail[] };

/** A webhook URL with this in its query is answered with a 500 whose body Postgres cannot store. */
export const UNSTORABLE_ANSWER_QUERY = 'unstorable=';

/** The handoff id of a webhook body or an email: both carry it near the start. */
const HANDOFF_ID_IN_BODY = /"handoffId":"([0-9a-f-]{36})"/;
/** A `handoff.message` body: the message's id follows the handoff id. */
const MESSAGE_ID_IN_BODY = /^\{"event":"handoff\.message",.*?"message":\{"id":"([0-9a-f-]{36})"/;
export const HANDOFF_ID_IN_EMAIL = /^X-Wilow-Handoff-Id: ([0-9a-f-]{36})/im;

/**
 * What a webhook body is about, so each arrival counts once: a `handoff.message` its message (a
 * handoff has many), any other event its handoff. Both ids are near the start of the body.
 */
export function webhookKey(body: string): string | undefined {
  const start = body.slice(0, 600);
  return (MESSAGE_ID_IN_BODY.exec(start) ?? HANDOFF_ID_IN_BODY.exec(start))?.[1];
}
