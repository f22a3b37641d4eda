import { Browser, Locator, Page, Route } from 'playwright-core';
import { BrowserWorld, saveScreenshot, startBrowserWorld } from '../support/browser';
import { CustomerSite } from '../support/customer-site';
import { configureHandoff, generateWebhookSecret } from '../support/handoff';
import { Peers } from '../support/peers';
import { asAdmin, asPlatform, createTenant, TestTenant } from '../support/tenants';
import { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import {
  contactButtons,
  conversationLog,
  conversationOf,
  DESKTOP,
  handoffDialog,
  messageBox,
  openWidget,
  say,
  submitHandoff,
} from '../support/widget-page';

const CONFIRMATION = 'Thanks — someone will be in touch.';
const WITH_TEAM = 'Your conversation is with our team';

// A real browser and real peers: slower than an HTTP test (the e2e project's testTimeout is not applied per project).
jest.setTimeout(60_000);

describe('The widget in a real browser, embedded on another origin', () => {
  let world: BrowserWorld;
  let peers: Peers;
  let testApp: TestApp;
  let site: CustomerSite;
  let browser: Browser;

  beforeAll(async () => {
    world = await startBrowserWorld();
    ({ peers, testApp, site, browser } = world);
  });

  afterAll(() => world?.close());

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

  const openWidgetOf = (tenant: TestTenant, viewport = DESKTOP) => openWidget(browser, site.pageFor(tenant), viewport);

  /** What the assistant engine does: posts a reply through the admin API. */
  async function postAssistantMessage(tenant: TestTenant, conversationId: string, body: { content: string; offerHandoff?: boolean }): Promise<void> {
    await testApp
      .http()
      .post(`/v1/admin/conversations/${conversationId}/messages`)
      .set(asAdmin(tenant))
      .send({ role: 'assistant', ...body })
      .expect(201);
  }

  const screenshot = (page: Page, name: string) => saveScreenshot(page, name);

  it('takes a visitor from chat to "Contact a human" to a delivered handoff, and keeps the chat going', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example', webhook: true });
    const page = await openWidgetOf(tenant);
    const polls = recordPolls(page);
    await contactButtons(page).waitFor();
    await screenshot(page, '1-chat-open');

    await say(page, 'Hi, my tent arrived with a broken pole.');
    const conversationId = await conversationOf(page, tenant);
    await postAssistantMessage(tenant, conversationId, { content: 'Sorry to hear that! Could you share your order number?' });
    await conversationLog(page).getByText('Could you share your order number?').waitFor();
    // Polls read incrementally: once the reply (sequence 2) was read, the next poll asks only for what follows it.
    await waitFor(() => polls.includes(2), 15_000, 'a poll after the reply');
    expect(polls.every((after) => Number.isInteger(after))).toBe(true);

    await say(page, 'can I talk to a real person?');
    const inlineOffer = conversationLog(page).getByRole('button', { name: 'Contact a human' });
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
    await conversationLog(page).getByText(CONFIRMATION).waitFor();
    expect(await handoffDialog(page).isVisible()).toBe(false);
    // The team has the conversation: no second "Contact a human", inline or at the bottom, and
    // the button that opened the form is gone, so the message box has the focus.
    expect(await page.getByText(WITH_TEAM).count()).toBe(2);
    expect(await contactButtons(page).count()).toBe(0);
    expect(await focusedInWidget(page)).toBe('wilow-message');
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
    const page = await openWidgetOf(tenant);
    await say(page, 'My sleeping bag zip broke on day one.');
    const conversationId = await conversationOf(page, tenant);
    expect(await conversationLog(page).getByRole('button', { name: 'Contact a human' }).count()).toBe(0);

    const offer = 'That should not happen. Would you like someone from our team to sort it out?';
    await postAssistantMessage(tenant, conversationId, { content: offer, offerHandoff: true });
    const inlineOffer = conversationLog(page).getByRole('button', { name: 'Contact a human' });
    await inlineOffer.waitFor();
    expect(await inlineOffer.count()).toBe(1);
    // Under that message: the offer follows its bubble.
    expect(await inlineOffer.locator('xpath=../preceding-sibling::*[1]').textContent()).toContain(offer);
    await screenshot(page, '2b-assistant-offer');

    await submitHandoff(page, inlineOffer, { email: 'kim@visitor.example', reason: 'Broken zip' });
    await conversationLog(page).getByText(CONFIRMATION).waitFor();
    expect(await conversationLog(page).getByText(WITH_TEAM).locator('xpath=../preceding-sibling::*[1]').textContent()).toContain(offer);
  });

  it('keeps the conversation across a reload', async () => {
    const tenant = await tenantWith({ entitled: false });
    const page = await openWidgetOf(tenant);
    await say(page, 'Do you have the Trailblazer 2 in green?');
    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    await conversationLog(page).getByText('Do you have the Trailblazer 2 in green?').waitFor();
  });

  it('shows no "Contact a human" at all when handoff is off', async () => {
    const tenant = await tenantWith({ entitled: false });
    const page = await openWidgetOf(tenant);
    await say(page, 'can I talk to a real person?');
    await postAssistantMessage(tenant, await conversationOf(page, tenant), { content: 'Let me find someone for you.', offerHandoff: true });
    await conversationLog(page).getByText('Let me find someone for you.').waitFor();
    expect(await contactButtons(page).count()).toBe(0);
    await screenshot(page, '5-handoff-off');
  });

  it('says "not taking new chats" when handoff was turned off after the widget loaded (403), keeping the form', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example' });
    const page = await openWidgetOf(tenant);
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
    const page = await openWidgetOf(tenant);
    await submitHandoff(page, contactButtons(page), { email: '', reason: 'Question about sizes' });
    await handoffDialog(page).getByText("contacting a person isn't available").waitFor();
    await screenshot(page, '7-no-channel-412');
  });

  it('asks to retry after a network error or a 429, and loses nothing typed', async () => {
    const tenant = await tenantWith({ entitled: false });
    const page = await openWidgetOf(tenant);
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
    await conversationLog(page).getByText(question).waitFor();
    expect(await messageBox(page).inputValue()).toBe('');
  });

  it('is operable by keyboard, with focus moved and returned where a visitor expects it', async () => {
    const tenant = await tenantWith({ entitled: true, email: 'team@acme.example' });
    const page = await openWidgetOf(tenant);
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
    const page = await openWidgetOf(tenant, { width: 320, height: 640 });
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
