import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, Locator, Page, Route } from 'playwright-core';
import { escapeHtml } from '../../src/widget-assets/demo-page';
import { launchChromium } from '../support/browser';
import { configureHandoff, generateWebhookSecret } from '../support/handoff';
import { Peers, startPeers } from '../support/peers';
import { asAdmin, asPlatform, createTenant, TestTenant } from '../support/tenants';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const SCREENSHOTS = join(__dirname, 'screenshots');
const DESKTOP = { width: 1024, height: 768 };
const CONFIRMATION = 'Thanks — someone will be in touch.';

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

interface CustomerSite {
  pageFor: (tenant: TestTenant) => string;
  close: () => Promise<void>;
}

async function startCustomerSite(apiUrl: string): Promise<CustomerSite> {
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

// A real browser and real peers: slower than an HTTP test (the e2e project's testTimeout is not applied per project).
jest.setTimeout(60_000);

describe('The widget in a real browser, embedded on another origin', () => {
  let peers: Peers;
  let testApp: TestApp;
  let site: CustomerSite;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    peers = await startPeers();
    testApp = await startTestApp(peers.env);
    site = await startCustomerSite(testApp.url);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await testApp?.close();
    await peers?.close();
  });

  async function tenantWith(options: { entitled: boolean; email?: string; webhook?: boolean }): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name: 'Acme Outdoor', handoffEntitled: options.entitled });
    if (!options.entitled) return tenant;
    await configureHandoff(testApp, tenant, {
      enabled: true,
      email: options.email ?? null,
      webhookUrl: options.webhook ? peers.receiver.url : null,
    });
    if (options.webhook) await generateWebhookSecret(testApp, tenant);
    return tenant;
  }

  /** The customer's page with the pane open, once the widget has its config. */
  async function openWidget(tenant: TestTenant, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const config = page.waitForResponse((response) => response.url().endsWith('/v1/widget/config') && response.request().method() === 'GET');
    await page.goto(site.pageFor(tenant));
    expect((await config).status()).toBe(200);
    await page.getByRole('button', { name: 'Open chat' }).click();
    return page;
  }

  const log = (page: Page) => page.getByRole('log', { name: 'Conversation' });
  const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });
  const handoffDialog = (page: Page) => page.getByRole('dialog', { name: 'Talk to a person' });
  const contactButtons = (page: Page) => page.getByRole('button', { name: 'Contact a human' });

  async function say(page: Page, text: string): Promise<void> {
    await messageBox(page).fill(text);
    await messageBox(page).press('Enter');
    await log(page).getByText(text).waitFor();
  }

  async function submitHandoff(page: Page, opener: Locator, fields: { email: string; reason: string }): Promise<void> {
    await opener.click();
    const dialog = handoffDialog(page);
    await dialog.getByRole('textbox', { name: 'Your email (optional)' }).fill(fields.email);
    await dialog.getByRole('textbox', { name: 'How can we help? (optional)' }).fill(fields.reason);
    await dialog.getByRole('button', { name: 'Submit' }).click();
  }

  function conversationOf(page: Page, tenant: TestTenant): Promise<string> {
    return page.evaluate<string>(`JSON.parse(localStorage.getItem('wilow-widget:${tenant.widgetKey}:session')).conversationId`);
  }

  /** What the assistant engine does: posts a reply through the admin API. */
  async function postAssistantMessage(tenant: TestTenant, conversationId: string, body: { content: string; offerHandoff?: boolean }): Promise<void> {
    await testApp
      .http()
      .post(`/v1/admin/conversations/${conversationId}/messages`)
      .set(asAdmin(tenant))
      .send({ role: 'assistant', ...body })
      .expect(201);
  }

  async function screenshot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  }

  it('takes a visitor from chat to "Contact a human" to a delivered handoff, and keeps the chat going', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example', webhook: true });
    const page = await openWidget(tenant);
    const polls = recordPolls(page);
    await contactButtons(page).waitFor();
    await screenshot(page, '1-chat-open');

    await say(page, 'Hi, my tent arrived with a broken pole.');
    const conversationId = await conversationOf(page, tenant);
    await postAssistantMessage(tenant, conversationId, { content: 'Sorry to hear that! Could you share your order number?' });
    await log(page).getByText('Could you share your order number?').waitFor();
    // Polls read incrementally: once the reply (sequence 2) was read, the next poll asks only for what follows it.
    await waitFor(() => polls.includes(2), 15_000, 'a poll after the reply');
    expect(polls.every((after) => Number.isInteger(after))).toBe(true);

    await say(page, 'can I talk to a real person?');
    const inlineOffer = log(page).getByRole('button', { name: 'Contact a human' });
    await inlineOffer.waitFor();
    await screenshot(page, '2-inline-offer');

    await inlineOffer.click();
    const email = handoffDialog(page).getByRole('textbox', { name: 'Your email (optional)' });
    await email.fill('not-an-email');
    await handoffDialog(page).getByRole('button', { name: 'Submit' }).click();
    await handoffDialog(page).getByText('Enter a valid email address').waitFor();
    await screenshot(page, '3-form-invalid-email');
    await handoffDialog(page).getByRole('button', { name: 'Cancel' }).click();

    const reason = 'My tent pole is broken; I need a replacement before Saturday.';
    await submitHandoff(page, inlineOffer, { email: 'sam@visitor.example', reason });
    await log(page).getByText(CONFIRMATION).waitFor();
    expect(await handoffDialog(page).isVisible()).toBe(false);
    await screenshot(page, '4-confirmation');

    await say(page, 'Thanks! Meanwhile, do you ship to Norway?');
    expect(await page.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);

    const webhook = await waitFor(
      () => peers.receiver.requests.find((request) => JSON.parse(request.body.toString()).conversationId === conversationId),
      15_000,
      'the webhook delivery',
    );
    const payload = JSON.parse(webhook.body.toString());
    expect(payload).toMatchObject({ event: 'handoff.created', visitorEmail: 'sam@visitor.example', reason });
    expect(payload.transcript.map((message: { content: string }) => message.content)).toContain('can I talk to a real person?');
    const mail = await waitFor(
      () => peers.sink.messages.find((message) => message.headers.get('x-wilow-handoff-id') === payload.handoffId),
      15_000,
      'the handoff email',
    );
    expect(mail.text).toContain(reason);
  });

  it('offers "Contact a human" under an assistant message that offers a person', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example' });
    const page = await openWidget(tenant);
    await say(page, 'My sleeping bag zip broke on day one.');
    const conversationId = await conversationOf(page, tenant);
    expect(await log(page).getByRole('button', { name: 'Contact a human' }).count()).toBe(0);

    const offer = 'That should not happen. Would you like someone from our team to sort it out?';
    await postAssistantMessage(tenant, conversationId, { content: offer, offerHandoff: true });
    const inlineOffer = log(page).getByRole('button', { name: 'Contact a human' });
    await inlineOffer.waitFor();
    expect(await inlineOffer.count()).toBe(1);
    // Under that message: the offer follows its bubble.
    expect(await inlineOffer.locator('xpath=../preceding-sibling::*[1]').textContent()).toContain(offer);
    await screenshot(page, '2b-assistant-offer');

    await submitHandoff(page, inlineOffer, { email: 'kim@visitor.example', reason: 'Broken zip' });
    await log(page).getByText(CONFIRMATION).waitFor();
  });

  it('keeps the conversation across a reload', async () => {
    const tenant = await tenantWith({ entitled: false });
    const page = await openWidget(tenant);
    await say(page, 'Do you have the Trailblazer 2 in green?');
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await log(page).getByText('Do you have the Trailblazer 2 in green?').waitFor();
  });

  it('shows no "Contact a human" at all when handoff is off', async () => {
    const tenant = await tenantWith({ entitled: false });
    const page = await openWidget(tenant);
    await say(page, 'can I talk to a real person?');
    await postAssistantMessage(tenant, await conversationOf(page, tenant), { content: 'Let me find someone for you.', offerHandoff: true });
    await log(page).getByText('Let me find someone for you.').waitFor();
    expect(await contactButtons(page).count()).toBe(0);
    await screenshot(page, '5-handoff-off');
  });

  it('says "not taking new chats" when handoff was turned off after the widget loaded (403), keeping the form', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example' });
    const page = await openWidget(tenant);
    await contactButtons(page).waitFor();
    await testApp.http().patch(`/v1/platform/tenants/${tenant.id}`).set(asPlatform()).send({ handoffEntitled: false }).expect(200);

    await submitHandoff(page, contactButtons(page), { email: 'sam@visitor.example', reason: 'Refund, please' });
    await handoffDialog(page).getByText("We're not taking new chats right now").waitFor();
    expect(await handoffDialog(page).getByRole('textbox', { name: 'Your email (optional)' }).inputValue()).toBe('sam@visitor.example');
    expect(await handoffDialog(page).getByRole('textbox', { name: 'How can we help? (optional)' }).inputValue()).toBe('Refund, please');
    await screenshot(page, '6-handoff-disabled-403');
  });

  it("says handoff isn't available when no channel is configured (412)", async () => {
    const tenant = await tenantWith({ entitled: true });
    const page = await openWidget(tenant);
    await submitHandoff(page, contactButtons(page), { email: '', reason: 'Question about sizes' });
    await handoffDialog(page).getByText("contacting a person isn't available").waitFor();
    await screenshot(page, '7-no-channel-412');
  });

  it('asks to retry after a network error or a 429, and loses nothing typed', async () => {
    const tenant = await tenantWith({ entitled: false });
    const page = await openWidget(tenant);
    const question = 'Is the shop open on Sunday?';

    await failPosts(page, (route) => route.abort('internetdisconnected'));
    await messageBox(page).fill(question);
    await messageBox(page).press('Enter');
    await page.getByRole('alert').getByText("We couldn't reach the chat service").waitFor();
    expect(await messageBox(page).inputValue()).toBe(question);
    await screenshot(page, '8-network-error');

    await failPosts(page, (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After', 'Retry-After': '5' },
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests' }),
      }),
    );
    await messageBox(page).press('Enter');
    await page.getByRole('alert').getByText("You're going a bit fast").waitFor();
    expect(await messageBox(page).inputValue()).toBe(question);

    await page.unroute(CONVERSATION_ROUTES);
    await messageBox(page).press('Enter');
    await log(page).getByText(question).waitFor();
    expect(await messageBox(page).inputValue()).toBe('');
  });

  it('is operable by keyboard, with focus moved and returned where a visitor expects it', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example' });
    const page = await openWidget(tenant);
    await contactButtons(page).waitFor();
    expect(await focusedInWidget(page)).toBe('wilow-message');

    await contactButtons(page).focus();
    await page.keyboard.press('Enter');
    expect(await focusedInWidget(page)).toBe('wilow-email');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedInWidget(page)).toBe('Submit');
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('wilow-email');
    await page.keyboard.press('Escape');
    expect(await handoffDialog(page).isVisible()).toBe(false);
    expect(await focusedInWidget(page)).toBe('Contact a human');

    await page.keyboard.press('Escape');
    expect(await page.getByRole('region', { name: 'Chat with us' }).isVisible()).toBe(false);
    expect(await focusedInWidget(page)).toBe('Open chat');
  });

  it('fits a 320 px wide phone without horizontal scrolling, with thumb-sized controls', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example' });
    const page = await openWidget(tenant, { width: 320, height: 640 });
    await contactButtons(page).waitFor();
    await say(page, 'A long message to check wrapping: https://acme.example/products/trailblazer-2-ultralight-green');
    await screenshot(page, '9-phone-320');
    await contactButtons(page).click();
    await screenshot(page, '10-phone-320-form');

    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    for (const box of await boxes(page.getByRole('region', { name: 'Chat with us' }), handoffDialog(page))) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
    }
    for (const box of await boxes(page.getByRole('button', { name: 'Close chat' }).first(), handoffDialog(page).getByRole('button', { name: 'Submit' }))) {
      // Layout rounds to fractions of a pixel.
      expect(Math.round(box.width)).toBeGreaterThanOrEqual(44);
      expect(Math.round(box.height)).toBeGreaterThanOrEqual(44);
    }
  });

  it('runs on the /demo page under its strict Content-Security-Policy', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example' });
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.goto(`${testApp.url}/demo?key=${tenant.widgetKey}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await contactButtons(page).waitFor();
    await say(page, 'Hello from the demo page');
    // Styled, so its stylesheet was allowed: the send button has the accent colour.
    const sendColour = await page.evaluate<string>(
      "getComputedStyle(document.querySelector('wilow-widget').shadowRoot.querySelector('.send')).backgroundColor",
    );
    expect(sendColour).toBe('rgb(79, 70, 229)');
    expect(violations).toEqual([]);
    await screenshot(page, '11-demo-page');
  });
});

const CONVERSATION_ROUTES = '**/v1/widget/conversations**';

/** The `after` of every poll the widget makes (NaN for a poll without one), as they happen. */
function recordPolls(page: Page): number[] {
  const afters: number[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname.endsWith('/messages')) afters.push(Number(url.searchParams.get('after') ?? NaN));
  });
  return afters;
}

/** Fails the widget's POSTs (opening the conversation, sending) as `fail` says; polls go through. */
async function failPosts(page: Page, fail: (route: Route) => Promise<void>): Promise<void> {
  await page.unroute(CONVERSATION_ROUTES);
  await page.route(CONVERSATION_ROUTES, (route) => (route.request().method() === 'POST' ? fail(route) : route.fallback()));
}

/** The focused control inside the widget: its id, else its accessible label or text. */
function focusedInWidget(page: Page): Promise<string | undefined> {
  return page.evaluate<string | undefined>(`(() => {
    const focused = document.querySelector('wilow-widget').shadowRoot.activeElement;
    return focused ? focused.id || focused.getAttribute('aria-label') || focused.textContent.trim() : undefined;
  })()`);
}

async function boxes(...locators: Locator[]): Promise<{ x: number; y: number; width: number; height: number }[]> {
  const found = await Promise.all(locators.map((locator) => locator.boundingBox()));
  return found.map((box, index) => {
    if (!box) throw new Error(`${locators[index]} is not visible`);
    return box;
  });
}
