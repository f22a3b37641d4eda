import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

/** The two parts of an email. */
export interface EmailParts {
  text: string;
  html: string;
}

const TEMPLATE_DIR = join(__dirname, 'templates');

/**
 * A private Handlebars environment, so nothing registered elsewhere in the process reaches these
 * templates. Its partials: `layout` (the HTML page, as a partial block), `details` and
 * `messages` for the HTML part, `detailsText` and `messagesText` for the text part.
 */
const handlebars = Handlebars.create();
handlebars.registerHelper('multiline', multiline);
handlebars.registerPartial({
  layout: compileHtml('partials/layout.hbs'),
  details: compileHtml('partials/details.hbs'),
  messages: compileHtml('partials/messages.hbs'),
  detailsText: compileText('partials/details.text.hbs'),
  messagesText: compileText('partials/messages.text.hbs'),
});

/**
 * An email's templates, `templates/<name>.hbs` (HTML) and `templates/<name>.text.hbs`, compiled
 * once. Rendered with Handlebars directly rather than through MailerService's template support:
 * the adapter renders only the HTML part, its text templates are filled in by plain
 * substitution, and it interpolates `{{...}}` in subjects, which here carry tenant text. Strict
 * mode: a misspelt field fails loudly instead of rendering empty. Views hold display-ready strings
 * only, so the templates hold no logic.
 */
export class EmailTemplate<View> {
  private readonly html: HandlebarsTemplateDelegate<View>;
  private readonly text: HandlebarsTemplateDelegate<View>;

  constructor(name: string) {
    this.html = compileHtml(`${name}.hbs`);
    this.text = compileText(`${name}.text.hbs`);
  }

  render(view: View): EmailParts {
    return { text: this.text(view), html: this.html(view) };
  }
}

function compileHtml<View>(file: string): HandlebarsTemplateDelegate<View> {
  return handlebars.compile(readTemplate(file), { strict: true });
}

/** Plain text must not be HTML-escaped. */
function compileText<View>(file: string): HandlebarsTemplateDelegate<View> {
  return handlebars.compile(readTemplate(file), { strict: true, noEscape: true });
}

/** Escapes first, then turns line breaks into `<br>`, so no visitor or agent text becomes markup. */
function multiline(text: unknown): Handlebars.SafeString {
  const escaped = Handlebars.escapeExpression(String(text));
  return new Handlebars.SafeString(escaped.replace(/\r\n|\r|\n/g, '<br>\n'));
}

function readTemplate(file: string): string {
  return readFileSync(join(TEMPLATE_DIR, file), 'utf8');
}
