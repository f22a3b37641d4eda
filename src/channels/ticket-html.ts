import { HandoffPayload } from './delivery-channel';
import { formatUtc, singleLine, speakerOf } from './transcript-format';
import { fitNewestMessages, isTruncated } from './transcript-fit';

/**
 * The largest ticket comment sent: Zendesk refuses comments over 64 KB, and a longer transcript
 * is better read in the admin console, which the comment links to.
 */
export const MAX_TICKET_HTML_BYTES = 60 * 1024;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML that shows it literally: no visitor text ever becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** Escaped, with line breaks kept as `<br>`. */
export function multiline(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
}

/** A helpdesk ticket's subject: the visitor's reason on one line, or a plain label. */
export function ticketSubject(payload: HandoffPayload): string {
  const reason = singleLine(payload.reason ?? '');
  const subject = reason === '' ? 'Chat handoff' : reason.slice(0, 150);
  return payload.test ? `[Test] ${subject}` : subject;
}

/**
 * The handoff as the first, private comment of a helpdesk ticket: its details, a link to the
 * whole conversation, and the transcript oldest first with roles and times.
 */
export function renderTicketHtml(payload: HandoffPayload): string {
  const details = [
    ['Account', payload.tenantName],
    ['Requested', formatUtc(payload.createdAt)],
    ['Handoff', payload.handoffId],
    ...(payload.visitorEmail ? [['Visitor email', payload.visitorEmail]] : []),
    ...(payload.reason ? [['Reason', payload.reason]] : []),
  ].map(([label, value]) => `<strong>${label}:</strong> ${multiline(value)}`);
  const link = `<a href="${escapeHtml(payload.adminConversationUrl)}">Open the conversation</a>`;
  const messages = payload.transcript.map(
    (entry) => `<p><strong>${escapeHtml(speakerOf(entry))}</strong> · ${formatUtc(entry.createdAt)}<br>${multiline(entry.content)}</p>`,
  );
  return [
    ...(payload.test ? ['<p><em>This is a test handoff sent from the handoff settings.</em></p>'] : []),
    '<p>A visitor asked to talk to your team.</p>',
    `<p>${details.join('<br>')}</p>`,
    `<p>${link}</p>`,
    '<h3>Transcript</h3>',
    ...(isTruncated(payload)
      ? [`<p><em>The newest ${payload.transcript.length} of ${payload.transcriptTotal} messages; ${link} for all of them.</em></p>`]
      : []),
    ...(messages.length > 0 ? messages : ['<p><em>No messages.</em></p>']),
  ].join('\n');
}

/** The ticket comment holding the newest messages that fit MAX_TICKET_HTML_BYTES. */
export function fittedTicketHtml(payload: HandoffPayload): string {
  return fitNewestMessages(payload, renderTicketHtml, (html) => Buffer.byteLength(html) <= MAX_TICKET_HTML_BYTES).rendering;
}
