import { Browser, Page } from 'playwright-core';
import { BrowserWorld, saveScreenshot, startBrowserWorld } from '../support/browser';
import { openConsole, signIn } from '../support/console-page';
import { configureHandoff, generateWebhookSecret } from '../support/handoff';
import { Peers } from '../support/peers';
import { asAdmin, createTenant, TestTenant } from '../support/tenants';
import { TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { openConversation, postVisitorMessage, requestHandoff } from '../support/widget';

// A real browser and real peers: slower than an HTTP test.
jest.setTimeout(60_000);

/** Data protection in the console, in Chromium: deleting a conversation, erasing a visitor's data, retention. */
describe('Data protection in the console', () => {
  let world: BrowserWorld;
  let peers: Peers;
  let testApp: TestApp;
  let browser: Browser;
  const violations: string[] = [];

  beforeAll(async () => {
    world = await startBrowserWorld();
    ({ peers, testApp, browser } = world);
  });

  afterEach(() => {
    expect(violations).toEqual([]);
  });

  afterAll(() => world?.close());

  /** A workspace whose handoffs go to a ticket webhook only: everything it was sent can be taken back. */
  async function webhookTenant(): Promise<TestTenant> {
    const tenant = await createTenant(testApp, { name: 'Acme Outdoor', handoffEntitled: true });
    await configureHandoff(testApp, tenant, { enabled: true, webhookUrl: peers.receiver.url });
    await generateWebhookSecret(testApp, tenant);
    return tenant;
  }

  /** A visitor's conversation handed to the team, once the webhook has it. */
  async function handedOff(tenant: TestTenant, visitorEmail: string, message: string): Promise<string> {
    const conversation = await openConversation(testApp, tenant);
    await postVisitorMessage(testApp, tenant, conversation, message);
    const handoffId = (await requestHandoff(testApp, tenant, conversation, { visitorEmail, reason: 'Please call me' })).body.handoffId as string;
    await waitFor(() => peers.receiver.requests.some((request) => request.body.toString().includes(handoffId)), 15_000, 'the handoff webhook');
    return conversation.conversationId;
  }

  const conversationStatus = async (tenant: TestTenant, conversationId: string) =>
    (await testApp.http().get(`/v1/admin/conversations/${conversationId}`).set(asAdmin(tenant))).status;

  async function signedIn(tenant: TestTenant, path: string): Promise<Page> {
    const page = await openConsole(browser, `${testApp.url}${path}`, { width: 1024, height: 768 }, violations);
    await signIn(page, tenant);
    return page;
  }

  it('deletes a conversation from its page after a confirmation naming what goes, and follows the erasure to done', async () => {
    const tenant = await webhookTenant();
    const conversationId = await handedOff(tenant, 'ravi@visitor.example', 'My order 5521 never came');
    const page = await signedIn(tenant, `/admin/conversations?id=${conversationId}`);
    await page.getByText('My order 5521 never came').waitFor();

    await page.getByRole('button', { name: 'Delete conversation' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
    await dialog.getByText("the visitor's email and reason on its handoffs").waitFor();
    await dialog.getByText('Emails that have left cannot be recalled', { exact: false }).waitFor();
    await saveScreenshot(page, 'console-delete-conversation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await conversationStatus(tenant, conversationId)).toBe(200);

    await page.getByRole('button', { name: 'Delete conversation' }).click();
    await dialog.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('status').getByText('The conversation is deleted').waitFor();
    const progress = page.getByRole('region', { name: 'Erasure progress' });
    await progress.getByRole('status').getByText('Done: everything that could be taken back was.').waitFor();
    const webhook = progress.getByRole('listitem').filter({ hasText: 'Ticket webhook' });
    await webhook.getByText('done', { exact: true }).waitFor();
    await progress.getByText('1 conversation erased.').waitFor();
    expect(await page.getByText('My order 5521 never came').count()).toBe(0);
    expect(await conversationStatus(tenant, conversationId)).toBe(404);

    // The link of a deleted conversation, opened again, says there is no such conversation.
    await page.reload();
    await page.getByRole('alert').getByText('There is no such conversation in this workspace.').waitFor();
    expect(await page.getByRole('button', { name: 'Delete conversation' }).count()).toBe(0);
  });

  it("erases a visitor's data by email, saying how many conversations and no more, and lists past erasures", async () => {
    const tenant = await webhookTenant();
    const conversations = [
      await handedOff(tenant, 'mia@visitor.example', 'First question'),
      await handedOff(tenant, 'Mia@Visitor.example', 'Second question'),
    ];
    const page = await signedIn(tenant, '/admin/handoffs');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Data protection' }).click();
    await page.getByRole('heading', { name: 'Data protection', level: 1 }).waitFor();
    await page.getByRole('status').getByText('Nothing has been erased yet.').waitFor();

    await page.getByLabel('Visitor email').fill('mia@visitor.example');
    await page.getByRole('button', { name: "Erase visitor's data" }).click();
    await page.getByRole('status').getByText('2 conversations erased.').waitFor();
    const progress = page.getByRole('region', { name: 'Erasure progress' });
    await progress.getByRole('status').getByText('Done: everything that could be taken back was.').waitFor();
    expect(await progress.getByRole('listitem').filter({ hasText: 'Ticket webhook' }).count()).toBe(2);
    for (const conversationId of conversations) expect(await conversationStatus(tenant, conversationId)).toBe(404);
    const past = page.getByRole('list', { name: 'Past erasures' });
    await past.getByText('2 conversations erased.').waitFor();
    await saveScreenshot(page, 'console-data-protection', true);

    await page.getByLabel('Visitor email').fill('nobody@visitor.example');
    await page.getByRole('button', { name: "Erase visitor's data" }).click();
    await page.getByRole('status').getByText('No conversation matched: 0 conversations erased.').waitFor();
    expect(await page.getByRole('region', { name: 'Erasure progress' }).count()).toBe(0);
    await past.getByText('No conversation matched: 0 conversations erased.').waitFor();
  });

  it('sets how long transcripts are kept, says that retention never touches the team’s copy, and shows a refused value by the field', async () => {
    const tenant = await webhookTenant();
    const page = await signedIn(tenant, '/admin/handoffs');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Widget settings' }).click();
    await page.getByRole('heading', { name: 'Widget', level: 1 }).waitFor();
    const field = page.getByLabel('Transcript retention in days');
    expect(await field.inputValue()).toBe('');
    await page.getByText("it never deletes your team's tickets or Slack threads", { exact: false }).waitFor();

    await field.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Transcript retention in days must not be less than 1').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'console-retention-refused');

    await field.fill('30');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved: conversations with no message for 30 days are erased from Wilow.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    const saved = await testApp.http().get('/v1/admin/widget/settings').set(asAdmin(tenant)).expect(200);
    expect(saved.body.transcriptRetentionDays).toBe(30);
    await page.reload();
    await page.getByRole('heading', { name: 'Widget', level: 1 }).waitFor();
    await waitFor(async () => (await field.inputValue()) === '30', 10_000, 'the saved retention in the field');

    await field.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved: transcripts are kept.').waitFor();
    expect((await testApp.http().get('/v1/admin/widget/settings').set(asAdmin(tenant)).expect(200)).body.transcriptRetentionDays).toBeNull();
  });
});
