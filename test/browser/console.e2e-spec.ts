import { createHmac } from 'node:crypto';
import { Browser, Locator, Page } from 'playwright-core';
import { BrowserWorld, saveScreenshot, startBrowserWorld } from '../support/browser';
import { openConsole, signIn } from '../support/console-page';
import { configureHandoff, generateWebhookSecret } from '../support/handoff';
import { Peers } from '../support/peers';
import { asAdmin, asPlatform, createTenant, TestTenant } from '../support/tenants';
import { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from '../support/widget';

const DESKTOP = { width: 1024, height: 768 };
const PHONE = { width: 375, height: 720 };

// A real browser and real peers: slower than an HTTP test (the e2e project's testTimeout is not applied per project).
jest.setTimeout(60_000);

describe('The admin console in a real browser', () => {
  let world: BrowserWorld;
  let peers: Peers;
  let testApp: TestApp;
  let browser: Browser;
  /** The ticket webhook answers 500 while this is true. */
  let helpdeskDown = false;
  let acme: TestTenant;
  const violations: string[] = [];

  beforeAll(async () => {
    world = await startBrowserWorld(
      { receiver: { respond: () => (helpdeskDown ? { status: 500, body: 'helpdesk is down' } : { status: 200, body: '{"ok":true}' }) } },
      // Vetted when a Slack app is saved; nothing is sent to it here.
      { SLACK_API_BASE_URL: 'https://localhost/api' },
    );
    ({ peers, testApp, browser } = world);
    acme = await createTenant(testApp, { name: 'Acme Outdoor', handoffEntitled: true });
    await configureHandoff(testApp, acme, { enabled: true, email: 'team@acme.example', webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, acme);
  });

  afterEach(() => {
    // Every page of the console ran under its Content-Security-Policy without a refusal.
    expect(violations).toEqual([]);
  });

  afterAll(() => world?.close());

  const openConsoleAt = (path: string, viewport = DESKTOP) => openConsole(browser, `${testApp.url}${path}`, viewport, violations);

  /** A visitor's conversation that ends in "Contact a human". */
  async function visitorHandoff(tenant: TestTenant, visitorEmail: string, reason: string, messages = ['Hello']) {
    const conversation = await openConversation(testApp, tenant);
    for (const message of messages) await postVisitorMessage(testApp, tenant, conversation, message);
    const response = await requestHandoff(testApp, tenant, conversation, { visitorEmail, reason });
    return { conversationId: conversation.conversationId, handoffId: response.body.handoffId as string };
  }

  const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true, level: 1 });
  const handoffCard = (page: Page, visitorEmail: string) => page.getByRole('article', { name: visitorEmail });
  const delivery = (card: Locator, channel: string) => card.getByRole('listitem').filter({ hasText: channel });

  /** The whole page, or the viewport only for a long one. */
  const screenshot = (page: Page, name: string, fullPage = true) => saveScreenshot(page, name, fullPage);

  it('refuses a wrong key with a message, signs in with the right one, kept in this tab only, and signs out, or is signed out when the key is revoked', async () => {
    const page = await openConsoleAt('/admin');
    await heading(page, 'Sign in to Wilow admin').waitFor();
    await screenshot(page, 'console-sign-in');

    await page.getByLabel('Admin API key').fill('wak_not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText("That key wasn't accepted").waitFor();
    expect(await page.getByLabel('Admin API key').getAttribute('aria-invalid')).toBe('true');

    await signIn(page, acme);
    await heading(page, 'Handoffs').waitFor();
    expect(page.url()).toBe(`${testApp.url}/admin/handoffs`);
    await page.getByRole('banner').getByText('Acme Outdoor').waitFor();
    expect(await page.evaluate('JSON.stringify(Object.values(sessionStorage))')).toBe(JSON.stringify([acme.adminApiKey]));
    expect(await page.evaluate('localStorage.length')).toBe(0);
    expect(await page.evaluate('document.cookie')).toBe('');

    await page.reload();
    await heading(page, 'Handoffs').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin API key').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);

    // A key revoked while the console is open: the next call signs out, saying why; a reload
    // makes sure there is one. The Handoffs page's own calls end first: one of them finding the
    // revoked key would sign out before the reload, which then forgets the message.
    const issued = await testApp.http().post(`/v1/platform/tenants/${acme.id}/admin-keys`).set(asPlatform()).expect(201);
    const pageCalls = ['/v1/admin/handoffs?', '/v1/admin/handoff/channels'].map((call) => page.waitForResponse((response) => response.url().includes(call)));
    await signIn(page, { ...acme, adminApiKey: issued.body.adminApiKey });
    await Promise.all(pageCalls);
    await testApp.http().delete(`/v1/platform/tenants/${acme.id}/admin-keys/${issued.body.id}`).set(asPlatform()).expect(204);
    await page.reload();
    await page.getByRole('alert').getByText('Your admin API key is no longer accepted. Sign in again.').waitFor();
    expect(await page.getByLabel('Admin API key').getAttribute('aria-invalid')).toBeNull();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it("shows a visitor's handoff with both channels' results, and redelivers the failed webhook from the page", async () => {
    helpdeskDown = true;
    await visitorHandoff(acme, 'sam@visitor.example', 'My tent pole is broken.');
    const page = await openConsoleAt('/admin/handoffs');
    await signIn(page, acme);

    const card = handoffCard(page, 'sam@visitor.example');
    await card.getByText('My tent pole is broken.').waitFor();
    await delivery(card, 'Handoff email').getByText('delivered', { exact: true }).waitFor();
    const webhook = delivery(card, 'Ticket webhook');
    await webhook.getByText('failed', { exact: true }).waitFor();
    await webhook.getByText('1 attempt · response 500').waitFor();
    await webhook.getByText('Last error:').waitFor();
    await card.getByText('open', { exact: true }).waitFor();
    await screenshot(page, 'console-handoffs');

    helpdeskDown = false;
    await webhook.getByRole('button', { name: 'Redeliver' }).click();
    await webhook.getByText('delivered', { exact: true }).waitFor();
    await webhook.getByText('2 attempts · response 200').waitFor();
    await card.getByRole('status').getByText('Ticket webhook: delivered.').waitFor();
    expect(await webhook.getByRole('button', { name: 'Redeliver' }).count()).toBe(0);
  });

  it('shows when each handoff was first answered, and its follow-ups to the team with their failures', async () => {
    const tenant = await createTenant(testApp, { name: 'Answers Co', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, tenant);
    const answered = await visitorHandoff(tenant, 'answered@visitor.example', 'Where is order 4471?');
    await visitorHandoff(tenant, 'waiting@visitor.example', 'Which size?');
    helpdeskDown = true;
    await testApp
      .http()
      .post(`/v1/admin/conversations/${answered.conversationId}/replies`)
      .set(asAdmin(tenant))
      .send({ authorName: 'Dana', content: 'It left the warehouse today.' })
      .expect(201);
    // The answer goes to the webhook as a follow-up, which the helpdesk refuses.
    await waitFor(
      async () => (await testApp.http().get(`/v1/admin/handoffs/${answered.handoffId}`).set(asAdmin(tenant))).body.followUps.failed === 1,
      15_000,
      'the failed follow-up',
    );
    helpdeskDown = false;

    const page = await openConsoleAt('/admin/handoffs');
    await signIn(page, tenant);
    const card = handoffCard(page, 'answered@visitor.example');
    await card.getByText(/^First answered .+ · 1 follow-up to the team, 1 failed$/).waitFor();
    await handoffCard(page, 'waiting@visitor.example').getByText('Not answered yet', { exact: true }).waitFor();
  });

  it('marks a handoff resolved and reopens it, and filters the list by status', async () => {
    const tenant = await createTenant(testApp, { name: 'Filter Co', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, email: 'team@filter.example' });
    await visitorHandoff(tenant, 'first@visitor.example', 'First');
    await visitorHandoff(tenant, 'second@visitor.example', 'Second');
    const page = await openConsoleAt('/admin/handoffs');
    await signIn(page, tenant);

    const titles = page.getByRole('article').getByRole('heading');
    await handoffCard(page, 'first@visitor.example').waitFor();
    expect(await titles.allTextContents()).toEqual(['second@visitor.example', 'first@visitor.example']);

    const first = handoffCard(page, 'first@visitor.example');
    await first.getByRole('button', { name: 'Mark resolved' }).click();
    await first.getByText('resolved', { exact: true }).waitFor();
    await first.getByRole('button', { name: 'Reopen' }).waitFor();

    await page.getByRole('radio', { name: 'Open' }).check();
    await page.waitForURL('**/admin/handoffs?status=open');
    await handoffCard(page, 'second@visitor.example').waitFor();
    expect(await titles.allTextContents()).toEqual(['second@visitor.example']);

    await page.getByRole('radio', { name: 'Resolved' }).check();
    await handoffCard(page, 'first@visitor.example').waitFor();
    expect(await titles.allTextContents()).toEqual(['first@visitor.example']);

    await page.goBack();
    await handoffCard(page, 'second@visitor.example').waitFor();
    expect(await page.getByRole('radio', { name: 'Open' }).isChecked()).toBe(true);

    await page.getByRole('radio', { name: 'All' }).check();
    await handoffCard(page, 'first@visitor.example').getByRole('button', { name: 'Reopen' }).click();
    await handoffCard(page, 'first@visitor.example').getByRole('button', { name: 'Mark resolved' }).waitFor();
    const stored = await testApp.http().get('/v1/admin/handoffs').query({ status: 'open' }).set(asAdmin(tenant)).expect(200);
    expect(stored.body.items).toHaveLength(2);

    for (let visitor = 1; visitor <= 20; visitor++) await visitorHandoff(tenant, `visitor${visitor}@visitor.example`, 'Later');
    await page.reload();
    await handoffCard(page, 'visitor20@visitor.example').waitFor();
    expect(await titles.count()).toBe(20);
    await page.getByRole('button', { name: 'Show older handoffs' }).click();
    await handoffCard(page, 'first@visitor.example').waitFor();
    expect(await titles.count()).toBe(22);
    expect(await page.getByRole('button', { name: 'Show older handoffs' }).count()).toBe(0);
  });

  it('takes a deep link opened signed out to its transcript after sign-in, on a 375 px phone', async () => {
    const { conversationId } = await visitorHandoff(acme, 'deep@visitor.example', 'Where is my order?', [
      'Hi, I ordered a tent last week.',
      'Can I talk to a real person?',
    ]);
    await testApp
      .http()
      .post(`/v1/admin/conversations/${conversationId}/messages`)
      .set(asAdmin(acme))
      .send({ role: 'assistant', content: 'Of course, a colleague will reply by email.' })
      .expect(201);
    const page = await openConsoleAt(`/admin/conversations?id=${conversationId}`, PHONE);
    await signIn(page, acme);

    await heading(page, 'Conversation').waitFor();
    expect(page.url()).toBe(`${testApp.url}/admin/conversations?id=${conversationId}`);
    const transcript = page.getByRole('region', { name: 'Transcript' }).getByRole('listitem');
    await transcript.first().waitFor();
    expect(await transcript.allInnerTexts()).toEqual([
      expect.stringMatching(/^Visitor .+\n+Hi, I ordered a tent last week\.$/),
      expect.stringMatching(/^Visitor .+\n+Can I talk to a real person\?$/),
      expect.stringMatching(/^Assistant .+\n+Of course, a colleague will reply by email\.$/),
    ]);
    const card = page.getByRole('region', { name: 'Handoffs' }).getByRole('article', { name: 'deep@visitor.example' });
    await delivery(card, 'Handoff email').getByText('delivered', { exact: true }).waitFor();
    await delivery(card, 'Ticket webhook').getByText('delivered', { exact: true }).waitFor();
    expect(await card.getByRole('link', { name: 'Open conversation' }).count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'console-conversation-phone');

    await page.getByRole('link', { name: 'Handoffs', exact: true }).click();
    await heading(page, 'Handoffs').waitFor();
    // The new page's title has the focus, as after a page load.
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Handoffs');
    await handoffCard(page, 'deep@visitor.example').getByRole('link', { name: 'Open conversation' }).click();
    await heading(page, 'Conversation').waitFor();
    await page.getByText('Of course, a colleague will reply by email.').waitFor();
  });

  it('turns handoff on, saves an email and a webhook URL with refusals next to their fields, shows a new secret once, and tests each channel', async () => {
    const tenant = await createTenant(testApp, { name: 'Settings Co', handoffEntitled: true });
    const page = await openConsoleAt('/admin/handoffs');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: testApp.url });
    await signIn(page, tenant);
    await page.getByRole('link', { name: 'Handoff settings' }).click();
    await heading(page, 'Handoff').waitFor();

    const toggle = page.getByRole('switch', { name: 'Enable handoff' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.getByText('Handoff is on.').waitFor();
    expect((await testApp.http().get('/v1/admin/handoff/settings').set(asAdmin(tenant)).expect(200)).body.enabled).toBe(true);

    const email = page.getByRole('region', { name: 'Handoff email' });
    const address = email.getByRole('textbox', { name: 'Handoff email' });
    await address.fill('not an email');
    await email.getByRole('button', { name: 'Save' }).click();
    await email.getByText('Handoff email must be a single email address').waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.name')).toBe('address');
    await address.fill('team@settings.example');
    await email.getByRole('button', { name: 'Save' }).click();
    await email.getByRole('status').getByText('Saved.').waitFor();
    await email.getByText('ready', { exact: true }).waitFor();
    expect(await address.getAttribute('aria-invalid')).toBeNull();

    const webhook = page.getByRole('region', { name: 'Ticket webhook' });
    const url = webhook.getByRole('textbox', { name: 'Webhook URL' });
    await url.fill('https://10.0.0.8/hook');
    await webhook.getByRole('button', { name: 'Save' }).click();
    // Shown with the URL field, as its description.
    const refusal = webhook.getByText('Webhook host is a private or reserved address (10.0.0.8).');
    await refusal.waitFor();
    expect((await url.getAttribute('aria-describedby'))?.split(' ')).toContain(await refusal.getAttribute('id'));
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    await url.fill(peers.receiver.url);
    await webhook.getByRole('button', { name: 'Save' }).click();
    await webhook.getByRole('status').getByText('Saved.').waitFor();
    await webhook.getByText(/secret/i).first().waitFor();

    await webhook.getByRole('button', { name: 'Generate secret' }).click();
    const revealed = webhook.getByRole('group', { name: 'New secret' });
    await revealed.getByText("Copy this secret now: it won't be shown again.").waitFor();
    const secret = await revealed.getByRole('textbox', { name: 'New secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await revealed.getByRole('button', { name: 'Copy secret' }).click();
    await revealed.getByText('Copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await webhook.getByText('ready', { exact: true }).waitFor();
    await page.setViewportSize({ width: DESKTOP.width, height: 1250 });
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'console-settings', false);

    await page.getByRole('button', { name: 'Test Handoff email' }).click();
    await email.getByRole('status').getByText(/^Test delivered: response 250, \d+ ms\.$/).waitFor();
    await page.getByRole('button', { name: 'Test Ticket webhook' }).click();
    await webhook.getByRole('status').getByText(/^Test delivered: response 200, \d+ ms\.$/).waitFor();
    const test = peers.receiver.requests[peers.receiver.requests.length - 1];
    expect(test.headers['x-wilow-signature']).toBe(`sha256=${createHmac('sha256', secret).update(test.body).digest('hex')}`);
    helpdeskDown = true;
    await page.getByRole('button', { name: 'Test Ticket webhook' }).click();
    await webhook.getByRole('status').getByText(/^Test failed: response 500, \d+ ms\./).waitFor();
    helpdeskDown = false;

    await page.reload();
    await heading(page, 'Handoff').waitFor();
    await webhook.getByText(/^Set .+ Generating a new one replaces it/).waitFor();
    expect(await page.getByRole('textbox', { name: 'New secret' }).count()).toBe(0);
    expect(await url.inputValue()).toBe(peers.receiver.url);
  });

  it("shows each helpdesk's inbound URL with Copy, its set-up steps and body to paste, and replaces the address", async () => {
    const tenant = await createTenant(testApp, { name: 'Inbound Co', handoffEntitled: true });
    const page = await openConsoleAt('/admin/handoffs');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: testApp.url });
    await signIn(page, tenant);
    await page.getByRole('link', { name: 'Handoff settings' }).click();
    await heading(page, 'Handoff').waitFor();

    const zendesk = page.getByRole('region', { name: 'Zendesk', exact: true });
    const url = zendesk.getByRole('textbox', { name: 'Inbound URL' });
    const first = await url.inputValue();
    expect(first).toMatch(/\/v1\/inbound\/zendesk\/[\w-]{43}$/);
    await zendesk.getByRole('button', { name: 'Copy URL' }).click();
    await zendesk.getByText('Copied.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(first);
    const steps = zendesk.getByRole('list', { name: 'Set-up steps in Zendesk' }).getByRole('listitem');
    expect(await steps.count()).toBeGreaterThan(2);
    expect(await steps.filter({ hasText: first }).count()).toBe(1);
    expect(JSON.parse(await zendesk.getByRole('textbox', { name: 'JSON body' }).inputValue())).toMatchObject({ ticketId: '{{ticket.id}}', authorName: '{{current_user.name}}' });

    await zendesk.getByRole('button', { name: 'New address for Zendesk' }).click();
    await waitFor(async () => (await url.inputValue()) !== first, 5_000, 'the new address');
    const [item] = (await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200)).body.items.filter((i: { channel: string }) => i.channel === 'zendesk');
    expect(await url.inputValue()).toBe(item.inboundUrl);
    await testApp.http().post(new URL(first).pathname).send({}).expect(404);

    const slack = page.getByRole('region', { name: 'Slack', exact: true });
    await slack.getByRole('list', { name: 'Set-up steps in Slack' }).getByText(/message\.channels/).waitFor();
    expect(await slack.getByRole('textbox', { name: 'JSON body' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Handoff email', exact: true }).getByRole('textbox', { name: 'Inbound URL' }).count()).toBe(0);
  });

  it('sets Slack up as a Slack app, showing only the chosen mode\'s fields, and back as an incoming webhook', async () => {
    const tenant = await createTenant(testApp, { name: 'Slack Co', handoffEntitled: true });
    const page = await openConsoleAt('/admin/handoffs');
    await signIn(page, tenant);
    await page.getByRole('link', { name: 'Handoff settings' }).click();
    await heading(page, 'Handoff').waitFor();
    const slack = page.getByRole('region', { name: 'Slack' });

    const webhookMode = slack.getByRole('radio', { name: 'Incoming webhook' });
    expect(await webhookMode.isChecked()).toBe(true);
    expect(await slack.getByRole('textbox', { name: 'Bot token' }).count()).toBe(0);
    await slack.getByRole('radio', { name: 'Slack app' }).check();
    expect(await slack.getByRole('textbox', { name: 'Incoming webhook URL' }).count()).toBe(0);
    await slack.getByRole('button', { name: 'Save' }).click();
    await slack.getByText('Enter the bot token.').waitFor();

    await slack.getByRole('textbox', { name: 'Bot token' }).fill('xoxb-1111-2222-bottoken');
    await slack.getByRole('textbox', { name: 'Channel ID' }).fill('C0123ABC');
    await slack.getByRole('textbox', { name: 'Signing secret' }).fill('8f742231b10e8888abcd99eeeeee85a5');
    await slack.getByRole('button', { name: 'Save' }).click();
    await slack.getByRole('status').getByText('Saved.').waitFor();
    await slack.getByText('ready', { exact: true }).waitFor();
    const saved = (await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200)).body.items.find((item: { channel: string }) => item.channel === 'slack');
    expect(saved.settings).toEqual({ channelId: 'C0123ABC' });

    await page.reload();
    await heading(page, 'Handoff').waitFor();
    expect(await slack.getByRole('radio', { name: 'Slack app' }).isChecked()).toBe(true);
    expect(await slack.getByRole('textbox', { name: 'Channel ID' }).inputValue()).toBe('C0123ABC');

    await webhookMode.check();
    await slack.getByRole('textbox', { name: 'Incoming webhook URL' }).fill(`${peers.receiver.url}/services/T1/B1/x`);
    await slack.getByRole('button', { name: 'Save' }).click();
    await slack.getByRole('status').getByText('Saved.').waitFor();
    const back = (await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(tenant)).expect(200)).body.items.find((item: { channel: string }) => item.channel === 'slack');
    expect(back.secrets.filter((secret: { set: boolean }) => secret.set).map((secret: { name: string }) => secret.name)).toEqual(['webhookUrl']);
  });

  it('shows a workspace without the entitlement the switch off and disabled, and whom to ask', async () => {
    const tenant = await createTenant(testApp, { name: 'Free Co', handoffEntitled: false });
    const page = await openConsoleAt('/admin/settings/handoff', PHONE);
    await signIn(page, tenant);
    await heading(page, 'Handoff').waitFor();
    const toggle = page.getByRole('switch', { name: 'Enable handoff' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    expect(await toggle.isDisabled()).toBe(true);
    await page.getByText('Contact Wilow to enable it.').waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'console-settings-not-entitled-phone', false);
  });
});
