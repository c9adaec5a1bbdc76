import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { signUpOverHttp } from '@todo/testkit/http';
import { signUp, type TestUser } from './app';
import { launchBrowser, type Browser } from './browser';
import { startStack, type Stack } from './stack';

/** A running stack, a browser on it and a test user: what every browser test starts from. */
export interface TestApp {
  stack: Stack;
  browser: Browser;
  page: Page;
  user: TestUser;
  /** The user's id, bearer token and session cookie, when the account was made through the API. */
  account?: { id: string; token: string; cookie: string };
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** The browser's time zone (UTC by default). */
  timezoneId?: string;
  /** Keeps the backend's data on disk, so it outlives a backend restart. */
  persistent?: boolean;
  /** Extra environment of the backend (rate limits, a fake OpenAI, …). */
  backendEnv?: Record<string, string>;
  /** The user's name and password, where the made-up ones (from the tag) will not do. */
  user?: { name?: string; password?: string };
  /**
   * How the user gets an account: signed up through the form and signed in (the default), made through the
   * backend's API only (the browser stays signed out), or not at all (the test signs up itself).
   */
  account?: 'form' | 'api' | 'none';
  /** Runs on the new browser before it loads a page (init scripts, listeners). */
  prepare?: (browser: Browser) => unknown;
}

/**
 * A fresh stack and browser with a new user (`tag` names the user and its email), signed up as `account` says.
 * Whatever was started is stopped again when a step fails.
 */
export async function startApp(tag: string, options: TestAppOptions = {}): Promise<TestApp> {
  const user: TestUser = {
    name: options.user?.name ?? `${tag[0]!.toUpperCase()}${tag.slice(1)} Tester`,
    email: `${tag}-${randomBytes(4).toString('hex')}@example.com`,
    password: options.user?.password ?? `${tag}-password-1`,
  };
  const stack = await startStack({ persistent: options.persistent, backendEnv: options.backendEnv });
  let browser: Browser | undefined;
  let account: TestApp['account'];
  try {
    browser = await launchBrowser({ timezoneId: options.timezoneId });
    browser.page.setDefaultTimeout(20_000);
    await options.prepare?.(browser);
    const how = options.account ?? 'form';
    if (how === 'form') await signUp(browser.page, stack.frontendUrl, user);
    else if (how === 'api') account = await signUpOverHttp(stack.backendUrl, user);
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
    account,
    async close() {
      await b.close();
      await stack.close();
    },
  };
}
