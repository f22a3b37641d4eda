import { WidgetApi } from './api/client';
import { ChatWidget } from './chat-widget';
import { SessionStore } from './session-store';
import { VisitorConversation } from './visitor-conversation';

/**
 * Entry point. A site embeds the widget with one tag:
 *   <script src="https://<host>/widget.js" data-widget-key="wk_..." async></script>
 * The API is the origin the script came from, unless `data-api-base` says otherwise.
 */

/** `document.currentScript` is only set while this script first runs, so it is read right away. */
function findEmbeddingScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.widgetKey) return current;
  // Injected by a tag manager or a loader: look the tag up instead.
  return document.querySelector<HTMLScriptElement>('script[data-widget-key]');
}

function whenBodyReady(run: () => void): void {
  if (document.body) run();
  else document.addEventListener('DOMContentLoaded', run, { once: true });
}

function start(): void {
  const script = findEmbeddingScript();
  const widgetKey = script?.dataset.widgetKey;
  if (!script || !widgetKey) {
    console.warn('Wilow widget: no <script data-widget-key="…"> tag found; the widget is not shown.');
    return;
  }
  const apiBase = (script.dataset.apiBase ?? new URL(script.src, document.baseURI).origin).replace(/\/+$/, '');
  const api = new WidgetApi(apiBase, widgetKey);
  const widget = new ChatWidget(api, new VisitorConversation(api, new SessionStore(widgetKey)));
  whenBodyReady(() => widget.mount(document.body));
}

start();
