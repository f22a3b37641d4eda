import { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { configureHandoff, generateWebhookSecret } from '../support/handoff';
import { Peers, startPeers } from '../support/peers';
import { createTenant, TestTenant } from '../support/tenants';
import { queryDatabase, startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from '../support/widget';

jest.setTimeout(60_000);

/** Channel operations in the console, in Chromium: the failing banner, bulk redelivery and a rotation's window. */
describe('Channel operations in the console', () => {
  let peers: Peers;
  let testApp: TestApp;
  let browser: Browser;
  let receiverDown = true;
  const violations: string[] = [];

  beforeAll(async () => {
    peers = await startPeers({ receiver: { respond: () => (receiverDown ? { status: 503, body: 'down' } : { status: 200, body: '{}' }) } });
    testApp = await startTestApp({ ...peers.env, CHANNEL_FAILURE_NOTICE_AFTER: '2' });
    browser = await launchChromium();
  });

  afterEach(() => {
    expect(violations).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
    await peers?.close();
  });

  async function signedIn(path: string, tenant: TestTenant): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.goto(`${testApp.url}${path}`);
    await page.getByLabel('Admin API key').fill(tenant.adminApiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }

  const webhookStatuses = async (handoffIds: string[]) =>
    (await queryDatabase(testApp.databaseUrl, `SELECT status FROM deliveries WHERE handoff_id = ANY($1) AND channel = 'webhook'`, [handoffIds])).map((row) => row.status);

  it('shows a failing webhook on Handoffs and on the settings page, and sends its failed deliveries again from there', async () => {
    const tenant = await createTenant(testApp, { name: 'Acme Outdoor', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, tenant);
    const handoffIds: string[] = [];
    for (const visitor of ['one', 'two']) {
      const conversation = await openConversation(testApp, tenant);
      await postVisitorMessage(testApp, tenant, conversation, `Hello from ${visitor}`);
      handoffIds.push((await requestHandoff(testApp, tenant, conversation)).body.handoffId);
    }
    await waitFor(async () => (await webhookStatuses(handoffIds)).every((status) => status === 'failed'), 15_000, 'the webhook to fail');

    const page = await signedIn('/admin/handoffs', tenant);
    const banner = page.getByRole('region', { name: 'Failing channels' });
    await banner.getByText('Ticket webhook is failing:').waitFor();
    await banner.getByText('the last 2 deliveries failed').waitFor();
    await banner.getByText('Last error: answered 503').waitFor();
    await banner.getByRole('link', { name: 'Check the handoff settings' }).click();

    await page.getByRole('heading', { name: 'Handoff', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Failing channels' }).getByText('Ticket webhook is failing:').waitFor();
    receiverDown = false;
    const webhook = page.getByRole('region', { name: 'Ticket webhook' });
    await webhook.getByLabel('Redeliver failed since').fill('2020-01-01T00:00');
    await webhook.getByRole('button', { name: 'Redeliver failed Ticket webhook deliveries' }).click();
    await webhook.getByRole('status').getByText('2 failed deliveries being sent again.').waitFor();
    await waitFor(async () => (await webhookStatuses(handoffIds)).every((status) => status === 'delivered'), 15_000, 'the redeliveries');

    await page.reload();
    await page.getByRole('heading', { name: 'Handoff', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Ticket webhook' }).getByRole('button', { name: 'Generate secret' }).waitFor();
    expect(await page.getByRole('region', { name: 'Failing channels' }).count()).toBe(0);
  });

  it('rotates the signing secret with an overlap and shows until when the previous one signs', async () => {
    const tenant = await createTenant(testApp, { name: 'Rotating Co', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, tenant);

    const page = await signedIn('/admin/settings/handoff', tenant);
    const webhook = page.getByRole('region', { name: 'Ticket webhook' });
    await webhook.getByLabel('Keep the previous secret signing for').selectOption({ label: '7 days' });
    await webhook.getByRole('button', { name: 'Generate secret' }).click();
    await webhook.getByRole('textbox', { name: 'New secret' }).waitFor();
    await webhook.getByText('The previous secret still signs until').waitFor();
    const [row] = await queryDatabase(testApp.databaseUrl, `SELECT previous_secret_expires_at FROM channel_settings WHERE tenant_id = $1 AND channel = 'webhook'`, [tenant.id]);
    expect((row.previous_secret_expires_at as Date).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });
});
