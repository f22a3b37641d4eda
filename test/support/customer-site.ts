import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../../src/widget-assets/demo-page';
import { TestTenant } from './tenants';

/**
 * A customer's site on another origin than the API, with CSS that would wreck an unprotected
 * widget: the shadow root has to keep it out.
 */
function customerPage(apiUrl: string, widgetKey: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Customer site</title>
<style>
  * { font-family: "Comic Sans MS", cursive !important; color: #c026d3 !important; box-sizing: content-box !important; }
  button, textarea, input { display: none !important; }
  div, section, p { border: 3px dashed red !important; padding: 20px !important; }
  body { margin: 0; padding: 32px; background: #fffbea; }
</style></head>
<body><h1>Customer's shop</h1><p>Our products.</p>
<script src="${apiUrl}/widget.js" data-widget-key="${escapeHtml(widgetKey)}" async></script>
</body></html>`;
}

export interface CustomerSite {
  pageFor: (tenant: TestTenant) => string;
  close: () => Promise<void>;
}

/** Serves the customer's page embedding the widget of the tenant named by `?key=`. */
export async function startCustomerSite(apiUrl: string): Promise<CustomerSite> {
  const server = createServer((request, response) => {
    const key = new URL(request.url ?? '/', 'http://localhost').searchParams.get('key') ?? '';
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(customerPage(apiUrl, key));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    // `localhost` against the API's `127.0.0.1`: another host and port, so another origin.
    pageFor: (tenant) => `http://localhost:${port}/?key=${encodeURIComponent(tenant.widgetKey)}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
