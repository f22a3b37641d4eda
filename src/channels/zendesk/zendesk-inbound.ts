import { helpdeskBodyTemplate, readHelpdeskBody } from '../helpdesk-inbound-body';
import { headerOf, InboundChannel, InboundConfig, InboundNews, InboundRequest, requireFreshTimestamp, requireHmac, signingSecretOf } from '../inbound-channel';

/**
 * Answers from Zendesk: a webhook (JSON, POST) fired by a trigger on public comments by agents.
 * Its body is written with Zendesk placeholders (https://support.zendesk.com/hc/en-us/articles/4408886858138,
 * "Zendesk placeholders reference"); requests are signed as "Verifying webhook authenticity" says
 * (https://developer.zendesk.com/documentation/webhooks/verifying/): base64(HMAC-SHA256(timestamp + body))
 * with the webhook's signing secret, in X-Zendesk-Webhook-Signature and
 * X-Zendesk-Webhook-Signature-Timestamp.
 */
export const zendeskInbound: InboundChannel = {
  setupSteps: [
    'In Admin Center > Apps and integrations > Webhooks, create a webhook: request method POST, request format JSON, endpoint URL {inboundUrl}, authentication None.',
    "Open the webhook, reveal its signing secret and save it here as 'Webhook signing secret'.",
    "In Admin Center > Objects and rules > Triggers, create a trigger with the conditions 'Comment | Is | Public', 'Current user | Is | (agent)' and 'Tags | Contains at least one of the following | handoff' (every handoff ticket carries the tag).",
    "Add the action 'Notify by > Active webhook', choose the webhook, and paste the JSON body below.",
    "So that a ticket set to Solved or Closed resolves the handoff, create a second trigger with the conditions 'Status | Changed to | Solved' and 'Tags | Contains at least one of the following | handoff', with the same action and body.",
  ],
  bodyTemplate: helpdeskBodyTemplate({
    ticketId: '{{ticket.id}}',
    externalId: '{{ticket.external_id}}',
    commentId: '{{ticket.latest_public_comment.id}}',
    commentText: '{{ticket.latest_public_comment.value}}',
    authorName: '{{current_user.name}}',
    ticketStatus: '{{ticket.status}}',
  }),

  verify(request: InboundRequest, config: InboundConfig): void {
    const secret = signingSecretOf(config, 'webhookSigningSecret');
    const timestamp = headerOf(request, 'x-zendesk-webhook-signature-timestamp') ?? '';
    requireFreshTimestamp(Date.parse(timestamp), request.now);
    requireHmac(secret, Buffer.concat([Buffer.from(timestamp, 'utf8'), request.rawBody]), headerOf(request, 'x-zendesk-webhook-signature'), 'base64');
  },

  read(body: unknown): InboundNews {
    // `{{ticket.status}}` renders the status name in the account's language; solved and closed
    // end the conversation with the team.
    return readHelpdeskBody(body, { closes: (status) => /^(solved|closed)$/i.test(status), fallbackAuthor: 'Zendesk agent' });
  },
};
