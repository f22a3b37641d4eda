import { Browser, Page } from 'playwright-core';
import { BrowserWorld, saveScreenshot, startBrowserWorld } from '../support/browser';
import { openConsole, signIn } from '../support/console-page';
import { CustomerSite } from '../support/customer-site';
import { configureHandoff, generateWebhookSecret } from '../support/handoff';
import { asAdmin, createTenant, TestTenant } from '../support/tenants';
import { TestApp } from '../support/test-app';
import { openConversation, postVisitorMessage, requestHandoff } from '../support/widget';
import { contactButtons, conversationLog, conversationOf, DESKTOP, openWidget, say, submitHandoff } from '../support/widget-page';

const PHONE = { width: 375, height: 720 };
const WITH_TEAM = 'Your conversation is with our team';

// A real browser and real peers: slower than an HTTP test (the e2e project's testTimeout is not applied per project).
jest.setTimeout(90_000);

describe('The team answers a visitor from the console, in the widget on the customer\'s site', () => {
  let world: BrowserWorld;
  let testApp: TestApp;
  let site: CustomerSite;
  let browser: Browser;
  let acme: TestTenant;
  const violations: string[] = [];

  beforeAll(async () => {
    world = await startBrowserWorld();
    ({ testApp, site, browser } = world);
    acme = await createTenant(testApp, { name: 'Acme Outdoor', handoffEntitled: true });
    await configureHandoff(testApp, acme, { enabled: true, email: 'team@acme.example', webhookUrl: world.peers.receiver.url });
    await generateWebhookSecret(testApp, acme);
  });

  afterEach(() => {
    // Every console page ran under its Content-Security-Policy without a refusal.
    expect(violations).toEqual([]);
  });

  afterAll(() => world?.close());

  const consoleAt = (path: string, viewport = DESKTOP) => openConsole(browser, `${testApp.url}${path}`, viewport, violations);
  const transcript = (page: Page) => page.getByRole('region', { name: 'Transcript' }).getByRole('listitem');
  const replyForm = (page: Page) => page.getByRole('region', { name: 'Reply' });
  const teamStatus = (page: Page) => page.getByText(WITH_TEAM);

  /** The visitor's chat on the customer's site, handed to the team from the widget. */
  async function visitorHandedOff(): Promise<{ widget: Page; conversationId: string }> {
    const widget = await openWidget(browser, site.pageFor(acme));
    await say(widget, 'My tent pole snapped on the first night.');
    await submitHandoff(widget, contactButtons(widget), { email: 'sam@visitor.example', reason: 'Broken tent pole' });
    await conversationLog(widget).getByText('Thanks — someone will be in touch.').waitFor();
    return { widget, conversationId: await conversationOf(widget, acme) };
  }

  async function sendReply(page: Page, authorName: string, content: string): Promise<void> {
    await replyForm(page).getByRole('textbox', { name: 'Your name' }).fill(authorName);
    await replyForm(page).getByRole('textbox', { name: 'Reply to the visitor' }).fill(content);
    await replyForm(page).getByRole('button', { name: 'Send reply' }).click();
  }

  it('shows the answer in the widget with the agent\'s name after "joined", and the team instead of "Contact a human" until resolved', async () => {
    const { widget, conversationId } = await visitorHandedOff();
    // The team has the conversation: no second "Contact a human", neither at the bottom nor inline.
    await teamStatus(widget).waitFor();
    expect(await contactButtons(widget).count()).toBe(0);

    const admin = await consoleAt(`/admin/conversations?id=${conversationId}`);
    await signIn(admin, acme);
    await admin.getByText('Waiting for your team', { exact: true }).waitFor();
    const answer = "Hi Sam, I'm Dana. A new pole is on its way today.";
    await sendReply(admin, 'Dana', answer);

    // In the transcript at once, with who wrote it and where; the mode follows.
    await transcript(admin).last().getByText(answer).waitFor();
    expect(await transcript(admin).last().innerText()).toMatch(/^Dana · Console .+\n+Hi Sam/);
    await admin.getByText('With Dana', { exact: true }).waitFor();
    await replyForm(admin).getByRole('status').getByText('Reply sent.').waitFor();
    expect(await replyForm(admin).getByRole('textbox', { name: 'Reply to the visitor' }).inputValue()).toBe('');
    const handoff = admin.getByRole('region', { name: 'Handoffs' }).getByRole('article', { name: 'sam@visitor.example' });
    await handoff.getByText(/^First answered /).waitFor();

    // The visitor sees who joined, then the answer under the agent's name, in the live log.
    const log = conversationLog(widget);
    await log.getByText(answer).waitFor();
    const lines = await log.locator(':scope > *').allInnerTexts();
    const joined = lines.indexOf('Dana joined the conversation');
    expect(joined).toBeGreaterThan(-1);
    expect(lines[joined + 1]).toMatch(new RegExp(`^Dana\\s*:?\\s*${escapeRegExp(answer)}$`));
    await widget.getByText("You're chatting with Dana").waitFor();
    expect(await contactButtons(widget).count()).toBe(0);
    expect(await teamStatus(widget).isVisible()).toBe(true);
    await saveScreenshot(widget, 'widget-agent-answer');

    // What the visitor adds shows in the console without a reload.
    await say(widget, 'Great, thank you! Same address as the order.');
    await transcript(admin).getByText('Great, thank you! Same address as the order.').waitFor();
    await saveScreenshot(admin, 'console-conversation-reply', true);

    // Resolved: the conversation is back with the assistant, and the widget offers a person again.
    await handoff.getByRole('button', { name: 'Mark resolved' }).click();
    await admin.getByText('With the assistant', { exact: true }).waitFor();
    await contactButtons(widget).waitFor();
    expect(await teamStatus(widget).count()).toBe(0);
    await widget.getByText('Our assistant answers right away').waitFor();
  });

  it('knows after a reload that the team has the conversation: no "Contact a human", even under an assistant offer', async () => {
    const conversation = await openConversation(testApp, acme);
    await postVisitorMessage(testApp, acme, conversation, 'Where is my order 4471?');
    await requestHandoff(testApp, acme, conversation, { visitorEmail: 'kim@visitor.example' });
    await testApp
      .http()
      .post(`/v1/admin/conversations/${conversation.conversationId}/messages`)
      .set(asAdmin(acme))
      .send({ role: 'assistant', content: 'A colleague will look into it. Anything else meanwhile?', offerHandoff: true })
      .expect(201);

    // The conversation the widget keeps, as after a reload of the customer's page.
    const widget = await openWidget(browser, site.pageFor(acme));
    await widget.evaluate(`localStorage.setItem('wilow-widget:${acme.widgetKey}:session', '${JSON.stringify(conversation)}')`);
    await widget.reload();
    await widget.getByRole('button', { name: 'Open chat' }).click();
    await conversationLog(widget).getByText('Anything else meanwhile?').waitFor();
    await teamStatus(widget).first().waitFor();
    // Under the assistant's offer and at the bottom.
    expect(await teamStatus(widget).count()).toBe(2);
    expect(await contactButtons(widget).count()).toBe(0);
  });

  it('refuses a reply with the reason next to its field, and says when the conversation has no open handoff, on a 375 px phone', async () => {
    const conversation = await openConversation(testApp, acme);
    await postVisitorMessage(testApp, acme, conversation, 'Can I talk to a real person?');
    const { body: created } = await requestHandoff(testApp, acme, conversation, { visitorEmail: 'lee@visitor.example' });
    const admin = await consoleAt(`/admin/conversations?id=${conversation.conversationId}`, PHONE);
    await signIn(admin, acme);
    const name = replyForm(admin).getByRole('textbox', { name: 'Your name' });
    const reply = replyForm(admin).getByRole('textbox', { name: 'Reply to the visitor' });
    await name.waitFor();

    await replyForm(admin).getByRole('button', { name: 'Send reply' }).click();
    await replyForm(admin).getByText('Enter your name: the visitor sees it with your reply.').waitFor();
    await replyForm(admin).getByText('Write your reply first.').waitFor();
    expect(await admin.evaluate('document.activeElement.id')).toBe('reply-authorName');

    // A bidirectional override would let a name pose as another: the service refuses it, by field.
    await sendReply(admin, 'Dana \u202E', 'Hello Lee, I can help.');
    const refusal = replyForm(admin).getByText(/^Your name must not contain control characters/);
    await refusal.waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe(await refusal.getAttribute('id'));
    expect(await reply.inputValue()).toBe('Hello Lee, I can help.');
    await saveScreenshot(admin, 'console-reply-refused-phone', true);
    expect(await admin.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    for (const control of [name, reply, replyForm(admin).getByRole('button', { name: 'Send reply' })]) {
      expect(Math.round((await control.boundingBox())?.height ?? 0)).toBeGreaterThanOrEqual(44);
    }

    // Resolved elsewhere meanwhile: the reply is refused, and kept.
    await testApp.http().patch(`/v1/admin/handoffs/${created.handoffId}`).set(asAdmin(acme)).send({ status: 'resolved' }).expect(200);
    await sendReply(admin, 'Dana', 'Hello Lee, I can help.');
    await replyForm(admin).getByRole('alert').getByText(/^This conversation has no open handoff/).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    expect(await reply.inputValue()).toBe('Hello Lee, I can help.');
    // The name stays for the browser session.
    await admin.reload();
    await expect(name.inputValue()).resolves.toBe('Dana');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
