import { chatRequestSchema } from '@todo/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, type TestUser } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';
import type { Stack } from './helpers/stack';

// The UI recovers by itself and remembers where the user was: the real backend is stopped and started again
// under the running frontend (its data on disk), and the page is reloaded and signed into again. Local agent.

let app: TestApp;
let stack: Stack;
let page: Page;
let user: TestUser;

beforeAll(async () => {
  app = await startApp('recovery', { persistent: true, user: { name: 'Rita Recovery' } });
  ({ stack, page, user } = app);
});

afterAll(() => app?.close());

const conversation = (title: string) => page.locator('[data-conversation-id]', { hasText: title });
const subtitle = () => page.locator('#chat-subtitle');
const taskList = () => page.getByRole('list', { name: 'Task list' });
const banner = () => page.locator('.connection-banner');

describe('continuity', () => {
  it('GIVEN two conversations, the first one open WHEN the page is reloaded at / THEN the first one reopens', async () => {
    await ask(page, 'add a task to buy milk');
    await page.getByRole('button', { name: 'New chat' }).click();
    await ask(page, 'add a task to water the plants');
    await conversation('buy milk').click();
    await subtitle().filter({ hasText: 'buy milk' }).waitFor();

    await page.goto(`${stack.frontendUrl}/`);
    await subtitle().filter({ hasText: 'buy milk' }).waitFor();
    await page.locator('article[aria-label="You"]', { hasText: 'add a task to buy milk' }).waitFor();
    expect(await page.locator('article', { hasText: 'water the plants' }).count()).toBe(0);
  });

  it('GIVEN an open conversation WHEN the user signs out and in again THEN it reopens', async () => {
    await Promise.all([
      page.waitForURL(`${stack.frontendUrl}/sign-in`),
      page.getByRole('button', { name: 'Sign out' }).click(),
    ]);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await Promise.all([
      page.waitForURL(`${stack.frontendUrl}/`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    await subtitle().filter({ hasText: 'buy milk' }).waitFor();
    await page.locator('article[aria-label="You"]', { hasText: 'add a task to buy milk' }).waitFor();
  });
});

describe('self-healing', () => {
  it('GIVEN the backend goes down WHEN the user chats, adds a task and opens another conversation, and the backend comes back THEN one banner shows, nothing is wiped, and everything recovers without a click', async () => {
    await taskList().getByText('buy milk', { exact: false }).waitFor();
    await stack.stopBackend();

    // A chat message: kept, with Retry, saying it will be sent again.
    const input = page.getByLabel('Message the assistant');
    await input.fill('add a task to call mom');
    await input.press('Enter');
    const failed = page.locator('article[aria-label="Assistant"][data-state="error"]');
    await failed.waitFor();
    await failed.getByRole('button', { name: 'Retry' }).waitFor();
    await banner().waitFor();

    // A task from the form: the title stays in the box.
    await page.getByLabel('New task').fill('Pay rent');
    await page.getByRole('button', { name: 'Add', exact: true }).click();

    // Another conversation: the open one stays on screen instead of an empty chat.
    await conversation('water the plants').click();
    await page.waitForTimeout(500);
    await screenshot(page, 'recovery-01-backend-down');
    expect(await banner().count()).toBe(1);
    expect(await page.locator('.inline-error, .field-error').count()).toBe(0);
    expect(
      await page.locator('article[aria-label="You"]', { hasText: 'add a task to buy milk' }).count(),
    ).toBe(1);
    expect(await failed.count()).toBe(1);
    expect(await page.getByLabel('New task').inputValue()).toBe('Pay rent');
    expect(await taskList().getByText('buy milk', { exact: false }).count()).toBe(1);

    await stack.startBackend();

    // No click from here on: the banner goes, the message is sent, the asked-for conversation opens.
    await banner().waitFor({ state: 'detached', timeout: 60_000 });
    // As long as the banner may take: under a loaded CI machine the resent turn and its event took over 30 s.
    await taskList().getByText('call mom', { exact: false }).waitFor({ timeout: 60_000 });
    await subtitle().filter({ hasText: 'water the plants' }).waitFor();
    expect(await page.locator('article[data-state="error"]').count()).toBe(0);
    // Every error the outage caused is gone (Next's route announcer, outside main, is an empty alert region).
    expect(await page.locator('main [role="alert"]').count()).toBe(0);
    await screenshot(page, 'recovery-02-back');

    // The sent message is in the first conversation once, answered.
    await conversation('buy milk').click();
    await page.locator('article[aria-label="Assistant"][data-state="done"]').nth(1).waitFor();
    expect(await page.locator('article[aria-label="You"]', { hasText: 'call mom' }).count()).toBe(1);
  });

  it('GIVEN the connection drops after the backend added the task but before the answer arrived WHEN the UI sends the message again by itself THEN the task is there once and the answer shows', async () => {
    const sent: unknown[] = [];
    let dropped = false;
    await page.route('**/api/*/chat', async (route) => {
      sent.push(route.request().postDataJSON());
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // the backend runs the whole turn…
      await route.abort('connectionreset'); // …and the answer is lost on the way back
    });
    try {
      const input = page.getByLabel('Message the assistant');
      await input.fill('add a task to renew the car insurance');
      await input.press('Enter');
      // Sent again without a click once the backend answers the connection check.
      await page
        .locator('article[aria-label="Assistant"][data-state="done"]', {
          hasText: /renew the car insurance/i,
        })
        .waitFor({ timeout: 60_000 });
      await taskList().getByText('renew the car insurance', { exact: false }).waitFor();
      expect(await taskList().getByText('renew the car insurance', { exact: false }).count()).toBe(1);
      expect(sent).toHaveLength(2);
      // The same turn id both times: that is what tells the backend not to run it again.
      const [first, second] = sent.map((body) => chatRequestSchema.parse(body));
      expect(first!.turn_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(second).toEqual({ ...first, conversation_id: second!.conversation_id });
      expect(await page.locator('article[data-state="error"]').count()).toBe(0);
    } finally {
      await page.unroute('**/api/*/chat');
    }
  });
});
