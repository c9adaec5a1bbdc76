import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyDone, type TestUser } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';
import type { Stack } from './helpers/stack';

// A person without a mouse: sign in, a chat turn, add a task and complete it with the keyboard alone. Every stop
// on the way shows where the focus is, and the page's live region says what happened. Local agent.

let app: TestApp;
let stack: Stack;
let page: Page;
let user: TestUser;

beforeAll(async () => {
  app = await startApp('keys', {
    user: { name: 'Kim Keys', password: 'Keyboard-only-93-walk' },
    // The test signs in with the keyboard.
    account: 'api',
    // Counts every pointer press the page sees: the test proves it made none.
    prepare: (browser) =>
      browser.context.addInitScript(() => {
        const w = window as unknown as { pointerPresses: number };
        w.pointerPresses = 0;
        addEventListener('pointerdown', () => w.pointerPresses++, true);
      }),
  });
  ({ stack, page, user } = app);
});

afterAll(() => app?.close());

interface Focused {
  id: string;
  name: string;
  /** Whether something shows where the focus is (an outline or a ring). */
  visible: boolean;
}

const focused = () =>
  page.evaluate((): Focused => {
    const active = document.activeElement as HTMLElement | null;
    const el = active === document.body ? null : active;
    const style = el ? getComputedStyle(el) : null;
    const label = el?.closest('label');
    return {
      id: el?.id ?? '',
      name: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
      visible:
        !!style &&
        ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
          style.boxShadow !== 'none' ||
          (!!label && getComputedStyle(label).outlineStyle !== 'none')),
    };
  });

/** Presses Tab until `want` holds for the focused element (at most `max` times); each stop must show its focus. */
async function tabTo(what: string, want: (f: Focused) => boolean, max = 40): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    // Past the last control the focus leaves the page for a moment (the browser's own controls) and comes back.
    if (f.id === '' && f.name === '') continue;
    expect(f.visible, `focus ring on ${f.id || f.name} (Tab ${n}, on the way to ${what})`).toBe(true);
    if (want(f)) return n;
  }
  throw new Error(`${what} not reached in ${max} Tabs`);
}

const announcements = () => page.locator('#announcer').innerText();

describe('keyboard only', () => {
  it('GIVEN the sign-in page WHEN typing email and password and pressing Enter THEN the workspace opens', async () => {
    await page.goto(`${stack.frontendUrl}/sign-in`);
    await tabTo('the email field', (f) => f.id === 'email');
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    expect((await focused()).id).toBe('password');
    await page.keyboard.type(user.password);
    await Promise.all([page.waitForURL(`${stack.frontendUrl}/`), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
  });

  it('GIVEN the workspace WHEN skipping to the message box and sending a message THEN the reply is announced and the focus stays in the box', async () => {
    expect(await tabTo('the skip link', (f) => f.name === 'Skip to the message box', 1)).toBe(1);
    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('chat-input');
    await page.keyboard.type('add a task to buy milk');
    await page.keyboard.press('Enter');
    const reply = await replyDone(page, 0, 'add a task to buy milk');
    expect(reply).toMatch(/buy milk/i);
    await expect.poll(announcements).toMatch(/Assistant: .*buy milk/i);
    expect((await focused()).id).toBe('chat-input');
  });

  it('GIVEN the message box WHEN tabbing to the add form and pressing Enter on a title THEN the task is added and announced', async () => {
    const tabs = await tabTo('the new task field', (f) => f.id === 'new-task-title');
    console.log(`message box → new task field: ${tabs} Tabs`);
    await page.keyboard.type('Call mom');
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Task list' }).getByText('Call mom').waitFor();
    await expect.poll(announcements).toMatch(/Added task 2: Call mom/);
    expect((await focused()).id).toBe('new-task-title');
  });

  it('GIVEN the new task WHEN tabbing to its checkbox and pressing Space THEN it is done, announced, and keeps the focus', async () => {
    await tabTo('the new task’s checkbox', (f) => f.name === 'Mark “Call mom” as done');
    await page.keyboard.press('Space');
    await page.getByRole('list', { name: 'Done tasks' }).getByText('Call mom').waitFor();
    await expect.poll(announcements).toMatch(/Completed task 2: Call mom/);
    await expect.poll(async () => (await focused()).name).toBe('Mark “Call mom” as not done');
    await screenshot(page, 'keyboard-01-done');
    expect(await page.evaluate(() => (window as unknown as { pointerPresses: number }).pointerPresses)).toBe(
      0,
    );
  });

  it('GIVEN a suggestion reached with the keyboard WHEN it is sent THEN the focus moves to the message box, not the page', async () => {
    // New chat (its empty screen has the example requests) comes before the panels: Tab on round the page.
    await tabTo('New chat', (f) => f.name === 'New chat', 60);
    await page.keyboard.press('Enter');
    await tabTo('an example request', (f) => f.name === "What's pending?");
    await page.keyboard.press('Enter');
    await replyDone(page, 0, "what's pending");
    expect((await focused()).id).toBe('chat-input');
    expect(await page.evaluate(() => (window as unknown as { pointerPresses: number }).pointerPresses)).toBe(
      0,
    );
  });
});
