import { Browser, Locator, Page } from 'playwright-core';
import { TestTenant } from './tenants';

export const DESKTOP = { width: 1024, height: 768 };

/** The customer's page at `url` with the widget's pane open, once the widget has its config. */
export async function openWidget(browser: Browser, url: string, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const config = page.waitForResponse((response) => response.url().endsWith('/v1/widget/config') && response.request().method() === 'GET');
  await page.goto(url);
  if ((await config).status() !== 200) throw new Error(`The widget's config answered ${(await config).status()}`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  return page;
}

export const conversationLog = (page: Page) => page.getByRole('log', { name: 'Conversation' });
export const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });
export const handoffDialog = (page: Page) => page.getByRole('dialog', { name: 'Talk to a person' });
export const contactButtons = (page: Page) => page.getByRole('button', { name: 'Contact a human' });

/** The visitor writes `text` and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  await messageBox(page).fill(text);
  await messageBox(page).press('Enter');
  await conversationLog(page).getByText(text).waitFor();
}

/** "Contact a human" from `opener`, with the form filled in and submitted. */
export async function submitHandoff(page: Page, opener: Locator, fields: { email: string; reason: string }): Promise<void> {
  await opener.click();
  const dialog = handoffDialog(page);
  await dialog.getByRole('textbox', { name: 'Your email (optional)' }).fill(fields.email);
  await dialog.getByRole('textbox', { name: 'How can we help? (optional)' }).fill(fields.reason);
  await dialog.getByRole('button', { name: 'Submit' }).click();
}

/** The conversation the widget keeps for the visitor. */
export function conversationOf(page: Page, tenant: TestTenant): Promise<string> {
  return page.evaluate<string>(`JSON.parse(localStorage.getItem('wilow-widget:${tenant.widgetKey}:session')).conversationId`);
}
