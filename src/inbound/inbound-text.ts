import { convert } from 'html-to-text';
import { InboundTextFormat } from '../channels/inbound-channel';
import { boundedText, storableText } from '../common/text/storable-text';
import { MAX_AUTHOR_NAME_LENGTH, MAX_MESSAGE_LENGTH } from '../conversations/entities/message.entity';

/** Ends a helpdesk answer cut to the message limit, so the visitor knows there was more. */
export const CUT_MARKER = '\n[…] (shortened: the full answer is longer)';

/**
 * C0 and C1 controls other than tab and line feed, and the bidirectional controls that can make
 * text read differently from what it says (U+061C, U+200E/F, U+202A–E, U+2066–9).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNWANTED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A helpdesk answer as the plain text a message holds: markup removed (HTML by html-to-text,
 * Slack's mrkdwn by its own rules), controls and bidi overrides removed, blank runs squeezed,
 * cut to the message limit with CUT_MARKER. Empty when nothing readable is left.
 */
export function messageTextOf(text: string, format: InboundTextFormat): string {
  const plain = format === 'html' ? htmlToPlainText(text) : slackToPlainText(text);
  const clean = normalised(plain);
  const codePoints = Array.from(clean);
  if (codePoints.length <= MAX_MESSAGE_LENGTH) return clean;
  const kept = MAX_MESSAGE_LENGTH - Array.from(CUT_MARKER).length;
  return `${codePoints.slice(0, kept).join('')}${CUT_MARKER}`;
}

/** A helpdesk user's name as an author: one line, no controls, at most the author limit; `fallback` when empty. */
export function authorNameOf(name: string, fallback: string): string {
  const clean = normalised(name).replace(/\s+/g, ' ');
  return boundedText(clean === '' ? fallback : clean, MAX_AUTHOR_NAME_LENGTH);
}

function normalised(text: string): string {
  return storableText(text.replace(UNWANTED, ''))
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    ],
  });
}

/** Slack's escapes (https://api.slack.com/reference/surfaces/formatting#escaping): decoded last. */
const SLACK_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * Slack's mrkdwn (https://api.slack.com/reference/surfaces/formatting) as plain text: links
 * `<url|label>` become "label (url)", mentions `<@U…>` and `<#C…|name>` their names,
 * `*bold*`, `_italic_`, `~strike~` and code marks are dropped.
 */
export function slackToPlainText(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]+)>/g, (_match, target: string, label: string) => (/^[@#!]/.test(target) ? prefixOf(target) + label : `${label} (${target})`))
    .replace(/<([^<>]+)>/g, (_match, target: string) => (/^[@#]/.test(target) ? target : target.startsWith('!') ? `@${target.slice(1)}` : target))
    .replace(/```/g, '')
    .replace(/(^|[\s(])([*_~`])(?=\S)([^\n]*?\S)\2(?=[\s).,!?:;]|$)/gm, '$1$3')
    .replace(/&(amp|lt|gt);/g, (entity) => SLACK_ENTITIES[entity]);
}

function prefixOf(target: string): string {
  return target.startsWith('#') ? '#' : '@';
}
