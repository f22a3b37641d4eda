import { Browser, Page } from 'playwright-core';
import { TestTenant } from './tenants';

/**
 * The console at `url` in a new browser context, every Content-Security-Policy refusal of its
 * pages pushed to `violations`.
 */
export async function openConsole(browser: Browser, url: string, viewport: { width: number; height: number }, violations: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(url);
  return page;
}

export async function signIn(page: Page, tenant: TestTenant): Promise<void> {
  await page.getByLabel('Admin API key').fill(tenant.adminApiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
