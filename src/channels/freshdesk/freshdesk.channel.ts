import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import {
  ChannelConfig,
  DeliveryContext,
  DeliveryOutcome,
  ErasurePayload,
  ErasureSupport,
  FollowUpPayload,
  FollowUpSupport,
  HandoffPayload,
  RetryPolicy,
} from '../delivery-channel';
import { followUpOutcome, searchListing, sendDeletion, sendFollowUpOnce } from '../helpdesk-follow-up';
import { basicAuthorization, failedBeforeSending, mayPassLater, sendHelpdeskRequest } from '../helpdesk-request';
import { HelpdeskAccount, HelpdeskTicketChannel } from '../helpdesk-ticket-channel';
import { WebhookTargetPolicy } from '../webhook-target/webhook-target-policy';
import { WebhookTransport } from '../webhook/webhook-transport';
import { createdNoteId, freshdeskNoteRequest, markedNote } from './freshdesk-note';
import { freshdeskErrorText, freshdeskOutcome, freshdeskTicketRequest } from './freshdesk-ticket';
import { freshdeskInbound } from './freshdesk-inbound';
import { FreshdeskSettings } from './freshdesk.settings';

/** Freshdesk's Basic auth takes the API key as the user name and any password. */
const UNUSED_PASSWORD = 'X';

/** What a deleted Freshdesk ticket leaves behind (https://developers.freshdesk.com/api/#delete_a_ticket). */
export const FRESHDESK_REMAINS =
  'Freshdesk keeps a deleted ticket in its trash until it is emptied there, and keeps the requester contact (the visitor email) as a contact.';

/**
 * A Freshdesk ticket per handoff, created through the Tickets API with an agent's API key.
 * Retried only when the request surely was not processed (see freshdeskOutcome). Follow-ups are
 * notes on it; an erasure deletes it.
 */
@Injectable()
export class FreshdeskChannel extends HelpdeskTicketChannel<FreshdeskSettings> {
  readonly name = 'freshdesk';
  readonly displayName = 'Freshdesk';
  override readonly inbound = freshdeskInbound;
  readonly settingsType = FreshdeskSettings;
  readonly retryPolicy: RetryPolicy = { attempts: 5, backoffBaseMs: 5_000, honoursRetryAfter: true, repeatsSafely: false };
  protected readonly account: HelpdeskAccount<FreshdeskSettings> = { field: 'domain', hostSuffix: '.freshdesk.com', ticketsPath: '/api/v2/tickets' };
  override readonly followUps: FollowUpSupport = {};

  constructor(transport: WebhookTransport, policy: WebhookTargetPolicy, config: AppConfig) {
    super(transport, policy, config.helpdesks.freshdeskApiBaseUrl);
  }

  async deliver(payload: HandoffPayload, config: ChannelConfig): Promise<DeliveryOutcome> {
    const settings = config as unknown as FreshdeskSettings;
    return sendHelpdeskRequest(this.transport, {
      url: this.ticketsUrl(settings.domain),
      body: freshdeskTicketRequest(payload, settings),
      headers: this.authorization(settings),
      outcomeOf: (response) => freshdeskOutcome(response, settings.domain),
      retryableFailure: failedBeforeSending,
    });
  }

  /** One message as a note on the handoff's ticket (public for the visitor's), at most once. */
  override async deliverFollowUp({ handoff, messages }: FollowUpPayload, config: ChannelConfig, { deliveryId, attempt = 1 }: DeliveryContext): Promise<DeliveryOutcome> {
    const settings = config as unknown as FreshdeskSettings;
    const ticketId = handoff.externalId;
    if (ticketId === null) return { status: 'permanent_failure', error: 'The handoff made no Freshdesk ticket to add to.' };
    return sendFollowUpOnce(this.transport, {
      url: this.apiUrl(settings.domain, `/api/v2/tickets/${ticketId}/notes`),
      body: freshdeskNoteRequest(messages[0], deliveryId),
      headers: this.authorization(settings),
      outcomeOf: (response) => followUpOutcome(response, createdNoteId, freshdeskErrorText),
      retryableFailure: mayPassLater,
      creates: 'note',
      retried: attempt > 1,
      findMarked: () =>
        searchListing(
          this.transport,
          { url: this.apiUrl(settings.domain, `/api/v2/tickets/${ticketId}/conversations?per_page=100`), headers: this.authorization(settings) },
          freshdeskErrorText,
          (body) => markedNote(body, deliveryId),
        ),
    });
  }

  /** Deleted, though Freshdesk keeps it in its trash (FRESHDESK_REMAINS). */
  override erasure(): ErasureSupport {
    return { follows: true };
  }

  override async deliverErasure({ handoff }: ErasurePayload, config: ChannelConfig): Promise<DeliveryOutcome> {
    const settings = config as unknown as FreshdeskSettings;
    if (handoff.externalId === null) return { status: 'delivered', remains: FRESHDESK_REMAINS };
    const deleted = await sendDeletion(
      this.transport,
      { url: this.apiUrl(settings.domain, `/api/v2/tickets/${handoff.externalId}`), headers: this.authorization(settings) },
      freshdeskErrorText,
    );
    return deleted.status === 'delivered' ? { ...deleted, remains: FRESHDESK_REMAINS } : deleted;
  }

  private authorization(settings: FreshdeskSettings): Record<string, string> {
    return { Authorization: basicAuthorization(settings.apiKey, UNUSED_PASSWORD) };
  }
}
