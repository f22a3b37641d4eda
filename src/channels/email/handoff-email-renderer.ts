import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { HandoffPayload } from '../delivery-channel';
import { formatUtc, singleLine, SPEAKERS } from '../transcript-format';
import { isTruncated } from '../transcript-fit';

export interface RenderedHandoffEmail {
  subject: string;
  text: string;
  html: string;
}

/** What the templates see: display-ready strings only, so the templates hold no logic. */
interface HandoffEmailView {
  tenantName: string;
  handoffTime: string;
  visitorEmail: string | null;
  reason: string | null;
  transcript: { speaker: string; time: string; content: string }[];
  /** Set when older messages were left out to bound the email's size. */
  truncation: { shown: number; total: number } | null;
  adminConversationUrl: string;
  test: boolean;
}

const TEMPLATE_DIR = join(__dirname, 'templates');

/**
 * Renders the handoff email with Handlebars directly rather than through MailerService's
 * template support: the adapter renders only the HTML part, its text templates are filled in
 * by plain substitution, and it interpolates `{{...}}` in subjects, which here carry tenant
 * text. Templates are compiled once, in a private Handlebars environment, in strict mode so a
 * misspelt field fails loudly instead of rendering empty.
 */
export class HandoffEmailRenderer {
  private readonly html: HandlebarsTemplateDelegate<HandoffEmailView>;
  private readonly text: HandlebarsTemplateDelegate<HandoffEmailView>;

  constructor() {
    const handlebars = Handlebars.create();
    handlebars.registerHelper('multiline', multiline);
    this.html = handlebars.compile(readTemplate('handoff.hbs'), { strict: true });
    // Plain text must not be HTML-escaped.
    this.text = handlebars.compile(readTemplate('handoff.text.hbs'), { strict: true, noEscape: true });
  }

  render(payload: HandoffPayload): RenderedHandoffEmail {
    const view = toView(payload);
    return { subject: subjectOf(payload), text: this.text(view), html: this.html(view) };
  }
}

function subjectOf(payload: HandoffPayload): string {
  const prefix = payload.test ? '[Wilow][TEST]' : '[Wilow]';
  return `${prefix} Handoff from ${singleLine(payload.tenantName)}`;
}

function toView(payload: HandoffPayload): HandoffEmailView {
  return {
    tenantName: payload.tenantName,
    handoffTime: formatUtc(payload.createdAt),
    visitorEmail: payload.visitorEmail,
    reason: payload.reason,
    transcript: payload.transcript.map((entry) => ({
      speaker: SPEAKERS[entry.role],
      time: formatUtc(entry.createdAt),
      content: entry.content,
    })),
    truncation: isTruncated(payload) ? { shown: payload.transcript.length, total: payload.transcriptTotal } : null,
    adminConversationUrl: payload.adminConversationUrl,
    test: payload.test,
  };
}

/** Escapes first, then turns line breaks into `<br>`, so no visitor text becomes markup. */
function multiline(text: unknown): Handlebars.SafeString {
  const escaped = Handlebars.escapeExpression(String(text));
  return new Handlebars.SafeString(escaped.replace(/\r\n|\r|\n/g, '<br>\n'));
}

function readTemplate(name: string): string {
  return readFileSync(join(TEMPLATE_DIR, name), 'utf8');
}
