import { createHash } from 'node:crypto';

const DEMO_CSS = `
body { margin: 0; font-family: Georgia, "Times New Roman", serif; color: #1f2937; background: #fdfaf4; }
header { padding: 20px 32px; border-bottom: 1px solid #e7dfcf; font-size: 20px; font-weight: bold; }
main { max-width: 680px; margin: 0 auto; padding: 48px 24px; }
h1 { font-size: 40px; margin: 0 0 16px; }
p { font-size: 18px; line-height: 1.6; }
code { font-family: ui-monospace, monospace; font-size: 15px; background: #f1ead9; padding: 2px 6px; border-radius: 4px; overflow-wrap: anywhere; }
`;

/**
 * The demo page's own policy (helmet's default is for the API): its script and the widget API come
 * from this origin, its one stylesheet is allowed by hash, everything else is refused.
 */
export const DEMO_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  `style-src 'sha256-${createHash('sha256').update(DEMO_CSS).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A stand-in customer site with the widget embedded exactly as the README tells customers to. */
export function renderDemoPage(widgetKey: string): string {
  const key = escapeHtml(widgetKey);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wilow widget demo</title>
<style>${DEMO_CSS}</style>
</head>
<body>
<header>Acme Outdoor Co.</header>
<main>
<h1>Gear for every trail</h1>
<p>This page stands in for a customer's site. It embeds the Wilow widget with the key <code>${key}</code>: open the chat with the button at the bottom right.</p>
<p>Ask for a person (“can I talk to a real person?”) to see the handoff offer.</p>
</main>
<script src="/widget.js" data-widget-key="${key}" async></script>
</body>
</html>
`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}
