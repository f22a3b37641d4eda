import { Browser } from 'playwright-core';
import { BrowserWorld, saveScreenshot, startBrowserWorld } from '../support/browser';
import { CustomerSite } from '../support/customer-site';
import { configureHandoff } from '../support/handoff';
import { FakeHelpdeskApis, slackMessageEvent, slackSignature, startFakeHelpdeskApis } from '../support/inbound-requests';
import { asAdmin, createTenant, TestTenant } from '../support/tenants';
import { queryDatabase, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';
import { contactButtons, conversationLog, conversationOf, openWidget, say, submitHandoff } from '../support/widget-page';

const SIGNING_SECRET = 'b4095e11c0ffee00b4095e11c0ffee00';
const BOT_TOKEN = 'xoxb-browser-bot-token';

jest.setTimeout(90_000);

describe("A Slack thread answer in the reference widget on the customer's site", () => {
  let apis: FakeHelpdeskApis;
  let world: BrowserWorld;
  let testApp: TestApp;
  let site: CustomerSite;
  let browser: Browser;
  let acme: TestTenant;

  beforeAll(async () => {
    apis = await startFakeHelpdeskApis(BOT_TOKEN);
    apis.slackUsers.set('U0DANA', { real_name: 'Dana Scully', profile: { display_name: 'Dana', real_name: 'Dana Scully' } });
    world = await startBrowserWorld(undefined, { SLACK_API_BASE_URL: `${apis.url}/slack/api` });
    ({ testApp, site, browser } = world);
    acme = await createTenant(testApp, { name: 'Acme Outdoor', handoffEntitled: true });
    await configureHandoff(testApp, acme, { enabled: true });
    const slack = { botToken: BOT_TOKEN, channelId: 'C0TEAM', signingSecret: SIGNING_SECRET };
    await testApp.http().put('/v1/admin/handoff/channels/slack').set(asAdmin(acme)).send(slack).expect(200);
  });

  afterAll(async () => {
    await world?.close();
    await apis?.server.close();
  });

  it("shows the answer under the Slack user's display name, after \"joined\"", async () => {
    const widget = await openWidget(browser, site.pageFor(acme));
    await say(widget, 'My tent pole snapped on the first night.');
    await submitHandoff(widget, contactButtons(widget), { email: 'sam@visitor.example', reason: 'Broken tent pole' });
    await conversationLog(widget).getByText('Thanks — someone will be in touch.').waitFor();
    const conversationId = await conversationOf(widget, acme);
    // The bot's handoff post, kept as `<channel>:<ts>`: the thread the team answers in.
    const [{ externalId }] = await waitFor(
      () =>
        queryDatabase<{ externalId: string }>(
          testApp.databaseUrl,
          "SELECT d.external_id AS \"externalId\" FROM handoffs h JOIN deliveries d ON d.handoff_id = h.id WHERE h.conversation_id = $1 AND d.kind = 'handoff' AND d.status = 'delivered'",
          [conversationId],
        ).then((rows) => rows.length > 0 && rows),
      20_000,
      'the Slack delivery',
    );
    const [channel, threadTs] = externalId.split(':');

    const inboundUrl = (await testApp.http().get('/v1/admin/handoff/channels').set(asAdmin(acme)).expect(200)).body.items.find((item: { channel: string }) => item.channel === 'slack').inboundUrl as string;
    const answer = 'Hi Sam, a new pole is on its way today.';
    const event = slackMessageEvent('EvBrowser1', { channel, user: 'U0DANA', text: `*${answer}*`, ts: '1700000050.000200', thread_ts: threadTs });
    await testApp.http().post(new URL(inboundUrl).pathname).set({ 'Content-Type': 'application/json', ...slackSignature(SIGNING_SECRET, event) }).send(event).expect(200);

    const log = conversationLog(widget);
    await log.getByText(answer).waitFor({ timeout: 20_000 });
    const lines = await log.locator(':scope > *').allInnerTexts();
    const joined = lines.indexOf('Dana joined the conversation');
    expect(joined).toBeGreaterThan(-1);
    expect(lines[joined + 1]).toMatch(/^Dana\s*:?\s*Hi Sam, a new pole is on its way today\.$/);
    await widget.getByText("You're chatting with Dana").waitFor();
    await saveScreenshot(widget, 'widget-slack-answer');
  });
});
