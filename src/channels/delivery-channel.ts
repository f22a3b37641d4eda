import type { Type } from '@nestjs/common';
import { InboundChannel } from './inbound-channel';
import { describeSettingFields, SettingField } from './setting-field';

/** Who wrote a message: the visitor, the Wilow assistant, or a person of the tenant's team. */
export type SpeakerRole = 'user' | 'assistant' | 'agent';

/** One message as delivered (the transcript's and the follow-ups'). */
export interface TranscriptEntry {
  role: SpeakerRole;
  content: string;
  createdAt: Date;
  /** The agent's name, on agent messages; else null. */
  author: { name: string } | null;
  /** Where an agent message was written (`admin`, `zendesk`, `freshdesk`, `slack`); else null. */
  source: string | null;
}

/** A message added after the handoff, as a follow-up carries it. */
export interface FollowUpMessage extends TranscriptEntry {
  id: string;
  /** Its place in the conversation: receivers order follow-ups by it. */
  sequence: number;
}

/** What every delivery of a handoff says of it. */
export interface HandoffSummary {
  handoffId: string;
  tenantId: string;
  /** The tenant's account name, shown in emails. */
  tenantName: string;
  conversationId: string;
  visitorEmail: string | null;
  reason: string | null;
  /** The moment of the handoff; the transcript stops there. */
  createdAt: Date;
  /** `<ADMIN_BASE_URL>/admin/conversations?id=<conversationId>`: the whole conversation. */
  adminConversationUrl: string;
}

/** Everything a channel delivers of the handoff itself, built once from the database for each delivery. */
export interface HandoffPayload extends HandoffSummary {
  /**
   * The newest messages of the conversation up to the handoff that the channel's transcript
   * budget could hold, oldest first; `transcriptTotal` says how many there were in all.
   */
  transcript: TranscriptEntry[];
  transcriptTotal: number;
  /** A synthetic handoff fired by an admin's Test button. */
  test: boolean;
}

/** What a later delivery of a handoff says of it. */
export interface HandoffReference extends HandoffSummary {
  /**
   * What this channel's delivery of the handoff made of it, to thread what follows under it: a
   * ticket id, a Slack message's `ts`, the handoff email's Message-ID. Null when it made nothing
   * known (or failed).
   */
  externalId: string | null;
}

/** Messages added while the handoff is open, oldest first: one, or several gathered into one email. */
export interface FollowUpPayload {
  handoff: HandoffReference;
  messages: FollowUpMessage[];
}

/** The handoff was resolved. */
export interface ResolutionPayload {
  handoff: HandoffReference;
  resolvedAt: Date;
}

/** Agents' answers the visitor has not read in the widget, to email to the visitor. */
export interface VisitorEmailPayload {
  handoff: HandoffReference;
  /** Where they go: the visitor's email, given with the handoff. */
  visitorEmail: string;
  /** Oldest first; never empty. */
  messages: FollowUpMessage[];
}

/** The conversation of a handoff was erased: the channel is told, or deletes what it made. */
export interface ErasurePayload {
  handoff: HandoffReference;
  erasedAt: Date;
  /** What this channel's follow-up deliveries of the handoff made (Slack thread replies), where they said. */
  followUpExternalIds: string[];
}

/**
 * How a channel follows the erasure of a handoff it delivered: by an `erased` delivery
 * (`deliverErasure`: tell the receiver, delete the ticket or post), or not at all, because what
 * it delivered cannot be taken back (`note` says what remains, e.g. an email that has left).
 */
export type ErasureSupport = { follows: true } | { follows: false; note: string };

/** Another channel of the tenant keeps failing: what the tenant is told, once per failing period. */
export interface ChannelFailingPayload {
  /** The tenant's account name. */
  tenantName: string;
  /** The failing channel's display name: "Ticket webhook". */
  channelName: string;
  /** The first failure of the run. */
  since: Date;
  consecutiveFailures: number;
  lastError: string;
  /** `<ADMIN_BASE_URL>/admin/settings/handoff`, where the channel is set up. */
  settingsUrl: string;
}

/** How a channel takes a handoff's later messages. */
export interface FollowUpSupport {
  /**
   * Gathers the messages of this many milliseconds, from the first not yet sent, into one
   * delivery (email); absent: one delivery per message.
   */
  batchDelayMs?: number;
}

export interface DeliveryContext {
  /** Sent to the receiver (`X-Wilow-Delivery`, `webhook-id`, `Idempotency-Key`) so it can deduplicate. */
  deliveryId: string;
  /**
   * Which try of the delivery this is, 1 for the first (absent for a Test button's): a later one
   * may follow a try whose outcome was never recorded (its worker stopped).
   */
  attempt?: number;
}

/** What was learnt from the peer, recorded on the attempt. */
export interface PeerResponse {
  /**
   * After an erasure delivery: what the destination still keeps though the service deleted what
   * it could (a vendor's trash, people's replies in a thread); absent when nothing remains.
   */
  remains?: string;
  responseStatus?: number;
  /** At most 2 KB of what the peer answered. */
  responseBody?: string;
  /** The ticket or message the peer created, when it says (a helpdesk's ticket id and agent URL). */
  externalId?: string;
  externalUrl?: string;
  /**
   * What the handoff is in the destination from now on, when this delivery replaced it (a
   * follow-up ticket made because the handoff's ticket was closed): recorded as the handoff
   * delivery's `externalId`, so later deliveries go there.
   */
  handoffExternalId?: string;
}

/**
 * Why an attempt failed: `error` is short and classified ("connection refused", "answered 500",
 * "answered 422: RecordInvalid"), for the tenant; `diagnostic` is what the transport or the
 * peer's library said in its own words (driver texts, certificate names, addresses), for the log
 * only, where it is kept under a reference that `error` then quotes.
 */
export interface FailureReason {
  error: string;
  diagnostic?: string;
}

/**
 * The result of one attempt. Channels never retry by themselves: they say whether a retry
 * could help (and, from a `Retry-After`, when), and the queue decides.
 */
export type DeliveryOutcome =
  | ({ status: 'delivered' } & PeerResponse)
  | ({ status: 'transient_failure'; retryAfterMs?: number } & FailureReason & PeerResponse)
  | ({ status: 'permanent_failure' } & FailureReason & PeerResponse);

/** How the queue retries a channel's transient failures. */
export interface RetryPolicy {
  /** Tries in all, the first included: 1 never retries. */
  attempts: number;
  /** Exponential backoff from this base (with jitter). */
  backoffBaseMs: number;
  /** Whether a peer's `Retry-After` sets the next delay instead of the backoff. */
  honoursRetryAfter: boolean;
  /**
   * Whether an attempt whose outcome is unknown (the worker stopped in the middle of it) may be
   * made again: true where a second copy is absorbed (an idempotency key, a receiver told to
   * deduplicate on the handoff id), false where it would make a second ticket.
   */
  repeatsSafely: boolean;
}

/** Never retried; a copy whose first send may have arrived is sent again, for the receiver to deduplicate. */
export const NEVER_RETRY: RetryPolicy = { attempts: 1, backoffBaseMs: 0, honoursRetryAfter: false, repeatsSafely: true };

/**
 * A tenant's settings of one channel as the channel sees them: the non-secret values as saved,
 * and every secret decrypted (absent when not set).
 */
export type ChannelConfig = Record<string, unknown>;

/** The previous value of a generated secret that a rotation with overlap replaced, and when its window ends. */
export interface RetiringSecret {
  value: string;
  expiresAt: Date;
}

/** Where a ChannelConfig carries each generated secret's RetiringSecret, by the secret's name, during a rotation's overlap. */
export const PREVIOUS_SECRETS = 'previousSecrets';

/**
 * The previous value of the generated secret `name` while its overlap lasts at `now`, else
 * undefined: ask at the moment of signing, so that nothing sent after the window uses it.
 */
export function previousSecretOf(config: ChannelConfig, name: string, now = Date.now()): string | undefined {
  const previous = (config[PREVIOUS_SECRETS] as Record<string, RetiringSecret> | undefined)?.[name];
  return previous !== undefined && now < previous.expiresAt.getTime() ? previous.value : undefined;
}

/**
 * What a delivery tells the channel's destination, as a subscription names it: the handoff itself,
 * a message added while it is open, its resolution, the conversation's erasure.
 */
export type DeliveryTopic = 'handoff' | 'follow_up' | 'resolved' | 'erased';

/** An event a channel sends, described for the event catalogue (`GET /v1/admin/handoff/events`). */
export interface ChannelEvent {
  /** As sent: `handoff.created`. */
  name: string;
  /** The deliveries that send it. */
  topic: DeliveryTopic;
  description: string;
  /** The JSON Schema of its body. */
  schema: object;
}

/**
 * A way of getting a handoff to the tenant's team. A channel is one folder under
 * `src/channels/<name>/` with a subclass of this, registered by one line in ChannelsModule;
 * settings storage, the admin API, the console's forms, scheduling and retries follow from what
 * it declares here. Channels know nothing of handoffs, tenants or the queue.
 */
export abstract class DeliveryChannel<Settings extends object = object> {
  /** Stored on each delivery and settings row; never renamed once in use. */
  abstract readonly name: string;
  /** What admins read: "Handoff email", "Ticket webhook". */
  abstract readonly displayName: string;
  /**
   * The settings an admin saves: a class-validator DTO whose properties carry `@SettingField`,
   * documented in OpenAPI and described to clients as field descriptors.
   */
  abstract readonly settingsType: Type<Settings>;
  /** Secrets the service makes itself (the webhook's signing secret): never sent in, shown once. */
  readonly generatedSecrets: readonly string[] = [];
  abstract readonly retryPolicy: RetryPolicy;
  /**
   * Whether deliveries go to an endpoint the tenant runs (a webhook, a helpdesk), which may be
   * slow or hang: one tenant then holds a smaller share of a worker's slots on this channel.
   */
  readonly tenantEndpoint: boolean = false;
  /** Raw transcript bytes worth loading for one delivery: the channel trims to its exact limit. */
  abstract readonly transcriptBudgetBytes: number;

  /** The field descriptors of `settingsType`, in declaration order. */
  get fields(): SettingField[] {
    return describeSettingFields(this.settingsType);
  }

  /** Names of the secrets: write-only settings fields and generated secrets. */
  get secretNames(): string[] {
    return [...this.fields.filter((field) => field.secret).map((field) => field.name), ...this.generatedSecrets];
  }

  /**
   * Checks and normalises settings that passed validation, before they are saved (an address
   * policy, a host rule): throws an AppError (a 400 with its code and the reason) to refuse.
   */
  prepare(settings: Settings): Promise<Settings> {
    return Promise.resolve(settings);
  }

  /**
   * Why a handoff sent now could not be delivered with these settings (`set` names the secrets
   * that exist), or null when it could. Required fields are checked before this is asked.
   */
  problem(_settings: Partial<Settings>, _set: ReadonlySet<string>): string | null {
    return null;
  }

  /** The events the channel sends that a destination may subscribe to, with their schemas; none by default. */
  readonly events: readonly ChannelEvent[] = [];

  /**
   * Whether a tenant's settings of the channel take deliveries of this topic: a webhook subscribed
   * to some events only does not take the others. By default every topic the channel supports.
   */
  takes(_topic: DeliveryTopic, _settings: Record<string, unknown>): boolean {
    return true;
  }

  /** A new value of one of `generatedSecrets`. */
  generateSecret(name: string): string {
    throw new Error(`The ${this.name} channel generates no secret '${name}'`);
  }

  abstract deliver(payload: HandoffPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome>;

  /**
   * How the messages added while a handoff is open reach this channel (then `deliverFollowUp`
   * sends them, in order, each after the previous one on this channel has finished); null: they
   * do not.
   */
  readonly followUps: FollowUpSupport | null = null;

  deliverFollowUp(_payload: FollowUpPayload, _config: ChannelConfig, _context: DeliveryContext): Promise<DeliveryOutcome> {
    return Promise.reject(new Error(`The ${this.name} channel takes no follow-ups`));
  }

  /** Whether the channel announces a handoff's resolution (then `deliverResolution` does). */
  readonly announcesResolution: boolean = false;

  deliverResolution(_payload: ResolutionPayload, _config: ChannelConfig, _context: DeliveryContext): Promise<DeliveryOutcome> {
    return Promise.reject(new Error(`The ${this.name} channel announces no resolution`));
  }

  /**
   * Whether the channel can write to the visitor (email): then agents' answers the visitor did not
   * read in time go through `deliverToVisitor`, with the tenant's settings of the channel when it
   * has any (a reply address), whether or not the channel is configured for handoffs.
   */
  readonly reachesVisitors: boolean = false;

  deliverToVisitor(_payload: VisitorEmailPayload, _config: ChannelConfig, _context: DeliveryContext): Promise<DeliveryOutcome> {
    return Promise.reject(new Error(`The ${this.name} channel does not write to visitors`));
  }

  /**
   * How the channel follows an erasure with a tenant's saved settings of it (see ErasureSupport):
   * a channel may follow in one mode of its settings and not in another. By default it cannot.
   */
  erasure(_settings: Record<string, unknown>): ErasureSupport {
    return { follows: false, note: 'This channel cannot take back what it delivered.' };
  }

  deliverErasure(_payload: ErasurePayload, _config: ChannelConfig, _context: DeliveryContext): Promise<DeliveryOutcome> {
    return Promise.reject(new Error(`The ${this.name} channel does not follow erasures`));
  }

  /**
   * Whether the channel tells the tenant that another of its channels keeps failing (email, to
   * the handoff address): then `deliverNotice` does.
   */
  readonly sendsNotices: boolean = false;

  deliverNotice(_payload: ChannelFailingPayload, _config: ChannelConfig, _context: DeliveryContext): Promise<DeliveryOutcome> {
    return Promise.reject(new Error(`The ${this.name} channel sends no notices`));
  }

  /**
   * How the channel's helpdesk sends agents' answers back (an inbound address, its verification,
   * its set-up steps); null for channels nobody answers through.
   */
  readonly inbound: InboundChannel | null = null;

  /** The Test button: by default a synthetic handoff delivered like any other. */
  test(payload: HandoffPayload, config: ChannelConfig, context: DeliveryContext): Promise<DeliveryOutcome> {
    return this.deliver(payload, config, context);
  }
}
