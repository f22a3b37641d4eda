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
  handoffId: string;
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
  /** [handoffId, arrival time on the monotonic clock (ms)], first arrival per handoff. */
  webhooks: [string, number][];
  emails: [string, number][];
  /** Requests or messages for a handoff that had already arrived (a job that ran twice). */
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

/** The handoff id of a webhook body or an email: both carry it near the start. */
export const HANDOFF_ID_IN_BODY = /"handoffId":"([0-9a-f-]{36})"/;
export const HANDOFF_ID_IN_EMAIL = /^X-Wilow-Handoff-Id: ([0-9a-f-]{36})/im;
