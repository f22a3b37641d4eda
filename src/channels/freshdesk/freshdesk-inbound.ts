import { helpdeskBodyTemplate, readHelpdeskBody } from '../helpdesk-inbound-body';
import { InboundChannel, InboundNews } from '../inbound-channel';

/** Freshdesk's ticket statuses: 4 Resolved, 5 Closed (Freshdesk API v2, "Tickets", status values). */
const CLOSING_STATUSES = /^(4|5|resolved|closed)$/i;

/**
 * Answers from Freshdesk: an automation rule on ticket updates whose action is "Trigger webhook"
 * (https://support.freshdesk.com/support/solutions/articles/132589-using-webhooks-in-automation-rules).
 * Freshdesk does not sign its webhooks: the unguessable address is the credential. Freshdesk has
 * no placeholder for a reply's id, so a reply is known by its ticket and text (see readHelpdeskBody).
 */
export const freshdeskInbound: InboundChannel = {
  setupSteps: [
    "In Admin > Workflows > Automations > Ticket updates, create a rule: when an action is performed by 'Agent', event 'Reply is sent'.",
    "Add the condition 'Tags | Contains any of | handoff' (every handoff ticket carries the tag).",
    "Add the action 'Trigger webhook': request type POST, URL {inboundUrl}, encoding JSON, content 'Advanced', and paste the JSON body below.",
    "So that a resolved or closed ticket resolves the handoff, create a second rule with the event 'Status is changed to Resolved' (and one for Closed), the same condition and the same webhook action.",
  ],
  bodyTemplate: helpdeskBodyTemplate({
    ticketId: '{{ticket.id}}',
    externalId: '',
    commentId: '',
    commentText: '{{ticket.latest_public_comment}}',
    authorName: '{{ticket.agent.name}}',
    ticketStatus: '{{ticket.status}}',
  }),

  verify(): void {
    // The address itself is the credential.
  },

  read(body: unknown): InboundNews {
    return readHelpdeskBody(body, { closes: (status) => CLOSING_STATUSES.test(status), fallbackAuthor: 'Freshdesk agent' });
  },
};
