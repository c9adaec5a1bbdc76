import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, signUp, type TestUser } from './helpers/app';
import { screenshot, type Browser } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';
import type { Stack } from './helpers/stack';

// Every page under its Content-Security-Policy in real Chromium: the app must work with the policy on (Next's
// scripts carry the nonce), and the browser must report no violation on the way (issue #18, finding 6).

let app: TestApp;
let stack: Stack;
let browser: Browser;
let page: Page;
let user: TestUser;
const violations: string[] = [];

/** Chromium reports each blocked script, style, connection or frame both as a console error and as an event. */
async function recordViolations(b: Browser): Promise<void> {
  b.page.on('console', (msg) => {
    if (/content security policy/i.test(msg.text())) violations.push(`console: ${msg.text()}`);
  });
  await b.context.exposeBinding('reportViolation', (_source, text: string) => violations.push(text));
  await b.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportViolation: (text: string) => void }).reportViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
}

beforeAll(async () => {
  // The user signs up in a test, under the policy.
  app = await startApp('csp', { account: 'none', prepare: recordViolations });
  ({ stack, browser, page, user } = app);
});

afterAll(() => app?.close());

const url = (p: string) => `${stack.frontendUrl}${p}`;

/** Opens `path` and checks the answer's security headers. */
async function open(path: string): Promise<void> {
  const res = await page.goto(url(path));
  const headers = res!.headers();
  expect(headers['content-security-policy'], path).toMatch(
    /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
  );
  expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options'], path).toBe('nosniff');
  expect(headers['referrer-policy'], path).toBe('same-origin');
  // Served over plain http: HSTS would only pin a local host to https.
  expect(headers['strict-transport-security'], path).toBeUndefined();
}

describe('pages under the Content-Security-Policy', () => {
  it('GIVEN the sign-in page WHEN it loads THEN it has hydrated (client-side validation works) with no violation', async () => {
    await open('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The form only answers in place once React runs: a blocked bootstrap script would leave it inert.
    await page.getByLabel('Email').fill(user.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your password.').waitFor();
    expect(page.url()).toBe(url('/sign-in'));
    expect(violations).toEqual([]);
  });

  it('GIVEN the sign-up page WHEN a new user signs up THEN the workspace opens with no violation', async () => {
    await open('/sign-up');
    await signUp(page, stack.frontendUrl, user);
    expect(violations).toEqual([]);
  });

  it('GIVEN the app WHEN it loads and a chat turn adds a task THEN the streamed reply and the task show, with no violation', async () => {
    await open('/');
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
    await ask(page, 'add a task to check the headers');
    await page.locator('li.task', { hasText: /check the headers/i }).waitFor();
    await screenshot(page, 'csp-01-app');
    expect(violations).toEqual([]);
  });

  it('GIVEN the settings page WHEN a token is created THEN it shows, with no violation', async () => {
    await open('/settings');
    await page.getByLabel('Token name').fill('csp client');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('new-token').waitFor();
    await page.getByRole('link', { name: 'Back to app' }).click();
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
    expect(violations).toEqual([]);
  });

  it('GIVEN a page that does not exist WHEN it is opened THEN the not-found page loads with no violation', async () => {
    const res = await page.goto(url('/no-such-page'));
    expect(res!.status()).toBe(404);
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.waitForLoadState('load');
    expect(violations).toEqual([]);
  });

  it('GIVEN a signed-in page WHEN its JavaScript asks for the session or the session list THEN no session token is in the answer', async () => {
    await open('/');
    const answers = await page.evaluate(async () => {
      const read = async (path: string) => {
        const res = await fetch(path);
        return { body: await res.text(), header: res.headers.get('set-auth-token') };
      };
      return [await read('/api/auth/get-session'), await read('/api/auth/list-sessions')];
    });
    for (const { body, header } of answers) {
      expect(JSON.stringify(JSON.parse(body))).not.toMatch(/"token"/);
      expect(header).toBeNull();
    }
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ user: { email: user.email } });
  });

  it('GIVEN a 2 MB body WHEN posted through the frontend, sized or chunked THEN the answer is 413 payload_too_large, not 502', async () => {
    const big = 'x'.repeat(2_000_000);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    for (const body of [big, chunked]) {
      const res = await fetch(url('/api/auth/sign-in/email'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: stack.frontendUrl },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    }
  });

  it('GIVEN another site WHEN it frames the app THEN the browser refuses to render it', async () => {
    const framer = await browser.context.newPage();
    const blocked: string[] = [];
    framer.on('console', (msg) => blocked.push(msg.text()));
    await framer.setContent(`<iframe src="${url('/sign-in')}"></iframe>`);
    await expect
      .poll(() => blocked.some((t) => /frame-ancestors|refused to (display|frame)/i.test(t)))
      .toBe(true);
    await framer.close();
  });
});
