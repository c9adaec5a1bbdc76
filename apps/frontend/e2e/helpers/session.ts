import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { signUp, type TestUser } from './app';
import { launchBrowser, type Browser } from './browser';
import { startStack, type Stack } from './stack';

export interface SignedIn {
  stack: Stack;
  browser: Browser;
  page: Page;
  user: TestUser;
  close(): Promise<void>;
}

/** A fresh stack and browser with a new user signed up through the form (`tag` names the user and email). */
export async function signedInApp(
  tag: string,
  options: { timezoneId?: string; persistent?: boolean } = {},
): Promise<SignedIn> {
  const user: TestUser = {
    name: `${tag[0]!.toUpperCase()}${tag.slice(1)} Tester`,
    email: `${tag}-${randomBytes(4).toString('hex')}@example.com`,
    password: `${tag}-password-1`,
  };
  const stack = await startStack({ persistent: options.persistent });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser({ timezoneId: options.timezoneId });
    browser.page.setDefaultTimeout(20_000);
    await signUp(browser.page, stack.frontendUrl, user);
  } catch (err) {
    await browser?.close();
    await stack.close();
    throw err;
  }
  const b = browser;
  return {
    stack,
    browser: b,
    page: b.page,
    user,
    async close() {
      await b.close();
      await stack.close();
    },
  };
}
