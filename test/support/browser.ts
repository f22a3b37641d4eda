import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { CustomerSite, startCustomerSite } from './customer-site';
import { Peers, startPeers } from './peers';
import { startTestApp, TestApp } from './test-app';

/** Debian's Chromium (the `chromium` package; `npm test` installs it when missing), driven by playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** What a browser test runs against: real peers, the service, a customer's site on another origin, and Chromium. */
export interface BrowserWorld {
  peers: Peers;
  testApp: TestApp;
  site: CustomerSite;
  browser: Browser;
  close: () => Promise<void>;
}

export async function startBrowserWorld(peerOptions?: Parameters<typeof startPeers>[0], env: Record<string, string> = {}): Promise<BrowserWorld> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const peers = await startPeers(peerOptions);
  const testApp = await startTestApp({ ...peers.env, ...env });
  const site = await startCustomerSite(testApp.url);
  const browser = await launchChromium();
  return {
    peers,
    testApp,
    site,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
      await testApp.close();
      await peers.close();
    },
  };
}

const SCREENSHOTS = join(__dirname, '..', 'browser', 'screenshots');

/** Saves the page (the viewport, or all of it) as `test/browser/screenshots/<name>.png`. */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled', fullPage });
}
