import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import {
  ChannelConfig,
  DeliveryContext,
  DeliveryOutcome,
  ErasurePayload,
  ErasureSupport,
  FollowUpMessage,
  FollowUpPayload,
  FollowUpSupport,
  HandoffPayload,
  HandoffReference,
  RetryPolicy,
} from '../delivery-channel';
import { followUpOutcome, inTurn, readFromHelpdesk, searchListing, sendDeletion, sendFollowUpOnce } from '../helpdesk-follow-up';
import { basicAuthorization, mayPassLater, sendHelpdeskRequest } from '../helpdesk-request';
import { HelpdeskAccount, HelpdeskTicketChannel } from '../helpdesk-ticket-channel';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from '../webhook/webhook-transport';
import {
  createdCommentId,
  createdTicketIdOf,
  markedComment,
  refusedAsClosed,
  ticketIdsOf,
  zendeskCommentRequest,
  zendeskFollowUpTicketRequest,
  zendeskTicketState,
} from './zendesk-follow-up';
import { zendeskErrorText, zendeskOutcome, zendeskTicketRequest, zendeskTicketUrl } from './zendesk-ticket';
import { zendeskInbound } from './zendesk-inbound';
import { ZendeskSettings } from './zendesk.settings';

/**
 * A Zendesk ticket per handoff, created through the Tickets API with the agent's API token.
 * Each request carries the delivery id as its Idempotency-Key, so retries never make a second ticket.
 * Follow-ups are comments on it (Zendesk takes no key for those: see sendFollowUpOnce); an
 * erasure deletes every ticket made for the handoff, then deletes them permanently.
 */
@Injectable()
export class ZendeskChannel extends HelpdeskTicketChannel<ZendeskSettings> {
  readonly name = 'zendesk';
  readonly displayName = 'Zendesk';
  override readonly inbound = zendeskInbound;
  readonly settingsType = ZendeskSettings;
  /** 5 s doubled over 6 tries: about two and a half minutes, past a short outage or rate limit. */
  readonly retryPolicy: RetryPolicy = { attempts: 6, backoffBaseMs: 5_000, honoursRetryAfter: true, repeatsSafely: true };
  protected readonly account: HelpdeskAccount<ZendeskSettings> = { field: 'subdomain', hostSuffix: '.zendesk.com', ticketsPath: '/api/v2/tickets.json' };
  override readonly followUps: FollowUpSupport = {};

  constructor(transport: WebhookTransport, policy: WebhookTargetPolicy, config: AppConfig) {
    super(transport, policy, config.helpdesks.zendeskApiBaseUrl);
  }

  async deliver(payload: HandoffPayload, config: ChannelConfig, { deliveryId }: DeliveryContext): Promise<DeliveryOutcome> {
    const settings = config as unknown as ZendeskSettings;
    return sendHelpdeskRequest(this.transport, {
      url: this.ticketsUrl(settings.subdomain),
      body: zendeskTicketRequest(payload, settings),
      headers: { ...this.authorization(settings), 'Idempotency-Key': deliveryId },
      outcomeOf: (response) => zendeskOutcome(response, settings.subdomain),
      retryableFailure: mayPassLater,
    });
  }

  /**
   * One message as a comment on the handoff's ticket, by its requester when the visitor spoke.
   * A closed ticket takes no comment: a follow-up ticket linked to it gets it, and is the
   * handoff's ticket from then on.
   */
  override async deliverFollowUp({ handoff, messages }: FollowUpPayload, config: ChannelConfig, { deliveryId, attempt = 1 }: DeliveryContext): Promise<DeliveryOutcome> {
    const settings = config as unknown as ZendeskSettings;
    const ticketId = handoff.externalId;
    if (ticketId === null) return { status: 'permanent_failure', error: 'The handoff made no Zendesk ticket to add to.' };
    const [message] = messages;
    const read = await readFromHelpdesk(this.transport, { url: this.apiUrl(settings.subdomain, `/api/v2/tickets/${ticketId}.json`), headers: this.authorization(settings) }, zendeskErrorText);
    if ('failed' in read) return read.failed;
    const ticket = zendeskTicketState(read.body);
    if (!ticket) return { status: 'permanent_failure', error: 'Zendesk answered the ticket without its status.' };
    // Without the visitor's email the ticket's requester is the API token's agent, not the visitor.
    const requesterId = handoff.visitorEmail === null ? null : ticket.requesterId;
    if (ticket.status === 'closed') return this.followUpTicket(settings, handoff, ticketId, message, deliveryId, requesterId);
    const commented = await sendFollowUpOnce(this.transport, {
      method: 'PUT',
      url: this.apiUrl(settings.subdomain, `/api/v2/tickets/${ticketId}.json`),
      body: zendeskCommentRequest(message, deliveryId, requesterId),
      headers: this.authorization(settings),
      outcomeOf: (response) => followUpOutcome(response, createdCommentId, zendeskErrorText),
      retryableFailure: mayPassLater,
      creates: 'comment',
      retried: attempt > 1,
      findMarked: () =>
        searchListing(
          this.transport,
          { url: this.apiUrl(settings.subdomain, `/api/v2/tickets/${ticketId}/comments.json?sort_order=desc`), headers: this.authorization(settings) },
          zendeskErrorText,
          (body) => markedComment(body, deliveryId),
        ),
    });
    // Closed between the read and the comment.
    if (refusedAsClosed(commented)) return this.followUpTicket(settings, handoff, ticketId, message, deliveryId, requesterId);
    return commented;
  }

  /** Deletes every ticket made for the handoff (found by its `external_id`), then permanently. */
  override erasure(): ErasureSupport {
    return { follows: true };
  }

  override async deliverErasure({ handoff }: ErasurePayload, config: ChannelConfig): Promise<DeliveryOutcome> {
    const settings = config as unknown as ZendeskSettings;
    const headers = this.authorization(settings);
    const listUrl = this.apiUrl(settings.subdomain, `/api/v2/tickets.json?external_id=${encodeURIComponent(handoff.handoffId)}`);
    const listed = await readFromHelpdesk(this.transport, { url: listUrl, headers }, zendeskErrorText);
    if ('failed' in listed) return listed.failed;
    const ticketIds = new Set([...(ticketIdsOf(listed.body) ?? []), ...(handoff.externalId === null ? [] : [handoff.externalId])]);
    const deletions = [...ticketIds].flatMap((id) => [
      () => sendDeletion(this.transport, { url: this.apiUrl(settings.subdomain, `/api/v2/tickets/${id}.json`), headers }, zendeskErrorText),
      () => sendDeletion(this.transport, { url: this.apiUrl(settings.subdomain, `/api/v2/deleted_tickets/${id}.json`), headers }, zendeskErrorText),
    ]);
    return inTurn(deletions);
  }

  /**
   * A follow-up ticket of the closed one, with the follow-up as its first comment. Zendesk's
   * Idempotency-Key (the delivery id) makes its creation safe to retry.
   */
  private followUpTicket(settings: ZendeskSettings, handoff: HandoffReference, closedTicketId: string, message: FollowUpMessage, deliveryId: string, requesterId: number | null): Promise<DeliveryOutcome> {
    return sendHelpdeskRequest(this.transport, {
      url: this.ticketsUrl(settings.subdomain),
      body: zendeskFollowUpTicketRequest(handoff, closedTicketId, message, deliveryId, requesterId),
      headers: { ...this.authorization(settings), 'Idempotency-Key': deliveryId },
      outcomeOf: (response) => {
        const outcome = followUpOutcome(response, createdCommentId, zendeskErrorText);
        const ticketId = createdTicketIdOf(response.body);
        if (outcome.status !== 'delivered' || ticketId === undefined) return outcome;
        return { ...outcome, handoffExternalId: ticketId, externalUrl: zendeskTicketUrl(settings.subdomain, ticketId) };
      },
      retryableFailure: mayPassLater,
    });
  }

  private authorization(settings: ZendeskSettings): Record<string, string> {
    return { Authorization: basicAuthorization(`${settings.agentEmail}/token`, settings.apiToken) };
  }
}
