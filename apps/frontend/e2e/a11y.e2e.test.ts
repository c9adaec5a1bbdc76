import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, saveLanguage, signUp, type TestUser } from './helpers/app';
import { axeFindings, describeFindings } from './helpers/axe';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';
import type { Stack } from './helpers/stack';

// axe-core in real Chromium on every page, in light and dark, at desktop and phone width: WCAG 2.2 A/AA and
// axe's best practices, zero violations. Local agent; the workspace holds tasks (one done) and a chat turn.

let app: TestApp;
let stack: Stack;
let page: Page;
let user: TestUser;

beforeAll(async () => {
  // Signs up in a test, on the way through the pages.
  app = await startApp('a11y', { user: { name: 'Ada Access' }, account: 'none' });
  ({ stack, page, user } = app);
});

afterAll(() => app?.close());

const SIZES = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

/**
 * Checks the page in every size and colour scheme; `prepare` runs after each change (e.g. to open the phone's
 * Tasks view). Returns the findings as lines, empty when all is well.
 */
async function checkEverywhere(name: string, prepare?: (size: string) => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await prepare?.(size.name);
      // Colours fade on a scheme change (hover transitions): judge the colours they settle on.
      await page.waitForFunction(() =>
        document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState === 'finished'),
      );
      const where = `${name} ${size.name} ${scheme}`;
      const headings = await page.locator('h1').count();
      if (headings !== 1) lines.push(`${where}: ${headings} <h1> elements (one per page)`);
      lines.push(...describeFindings(where, await axeFindings(page)));
      await screenshot(page, `a11y-${name}-${size.name}-${scheme}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.emulateMedia({ colorScheme: 'light' });
  return lines;
}

/**
 * The workspace's chat view, then its task view (`name`-tasks): on a phone the tab bar (labelled in the UI's
 * language) switches to each first.
 */
async function checkViews(name: string, tabs: { chat: string; tasks: string }): Promise<string[]> {
  const lines: string[] = [];
  for (const [suffix, tab] of [
    ['', tabs.chat],
    ['-tasks', tabs.tasks],
  ] as const) {
    lines.push(
      ...(await checkEverywhere(`${name}${suffix}`, async (size) => {
        if (size === 'phone') await page.getByRole('button', { name: tab, exact: true }).click();
      })),
    );
  }
  return lines;
}

/** A task made through the API from the page (same cookies), for states the form does not reach in one step. */
async function addTask(body: Record<string, unknown>): Promise<void> {
  const status = await page.evaluate(async (json) => {
    const session = (await (await fetch('/api/auth/get-session')).json()) as { user: { id: string } };
    const res = await fetch(`/api/${session.user.id}/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(json),
    });
    return res.status;
  }, body);
  expect(status).toBe(201);
}

/** On a phone the conversations are a drawer: open it so its rows are on screen. */
async function openDrawer(size: string): Promise<void> {
  if (size !== 'phone') return;
  const toggle = page.getByRole('button', { name: 'Show conversations' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

describe('accessibility (axe, WCAG 2.2 A/AA + best practice)', () => {
  it('GIVEN the sign-in page THEN axe finds nothing in light/dark × desktop/phone', async () => {
    await page.goto(`${stack.frontendUrl}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect.soft(await checkEverywhere('sign-in')).toEqual([]);
  });

  it('GIVEN the sign-up page with a field error THEN axe finds nothing', async () => {
    await page.goto(`${stack.frontendUrl}/sign-up`);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Use at least 8 characters.').waitFor();
    expect.soft(await checkEverywhere('sign-up')).toEqual([]);
  });

  it('GIVEN the workspace with tasks, a done task and a chat turn THEN axe finds nothing in the chat or task views', async () => {
    await signUp(page, stack.frontendUrl, user);
    await addTask({
      title: 'File taxes',
      priority: 'high',
      tags: ['home', 'money'],
      due_at: '2030-01-04T17:00:00Z',
    });
    await addTask({
      title: 'Water plants',
      recurrence: 'FREQ=WEEKLY;BYDAY=MO',
      due_at: '2030-01-07T09:00:00Z',
    });
    // Made outside the task panel (as another tab would): the live region tells the person.
    await expect.poll(() => page.locator('#announcer').innerText()).toContain('Added task 2: Water plants');
    await ask(page, 'add a task to buy milk tomorrow at 5pm');
    await ask(page, "what's pending?");
    const list = page.getByRole('list', { name: 'Task list' });
    await list.getByText('Buy milk').waitFor();
    await list.getByText('Water plants').waitFor();
    await page.getByRole('checkbox', { name: 'Mark “Buy milk” as done' }).click();
    await page.getByRole('list', { name: 'Done tasks' }).getByText('Buy milk').waitFor();
    // A chat step's details open: its small table is judged too.
    await page.locator('li[data-tool="add_task"] summary').first().click();
    await page.locator('li[data-tool="add_task"] table').first().waitFor();
    expect.soft(await checkViews('app', { chat: 'Chat', tasks: 'Tasks' })).toEqual([]);
  });

  it('GIVEN the task editor and the chat help open THEN axe finds nothing', async () => {
    await page.getByRole('button', { name: 'Edit “File taxes”' }).click();
    await page.getByLabel('Title').waitFor();
    await page.getByRole('button', { name: 'What can I say?' }).click();
    await page.getByRole('region', { name: 'What you can say' }).waitFor();
    expect.soft(await checkEverywhere('app-open', async () => {})).toEqual([]);
  });

  it('GIVEN a question with quick replies and an undo toast THEN axe finds nothing', async () => {
    await page.goto(`${stack.frontendUrl}/`);
    // The last conversation reopens first: a message sent while it loads would be replaced by it.
    await page.locator('article[aria-label="Assistant"]').first().waitFor();
    await ask(page, 'delete all tasks');
    await page.getByRole('group', { name: 'Quick replies' }).waitFor();
    await page.getByRole('button', { name: 'Delete “Water plants”' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    expect.soft(await checkEverywhere('app-transient', openDrawer)).toEqual([]);
  });

  it('GIVEN a conversation being renamed THEN axe finds nothing', async () => {
    await page.goto(`${stack.frontendUrl}/`);
    await page.locator('[data-conversation-id]').first().waitFor();
    const field = page.getByRole('textbox', { name: /^Rename conversation / });
    expect
      .soft(
        await checkEverywhere('conversation-rename', async (size) => {
          await openDrawer(size);
          // The field closes when it loses the focus (a click on the drawer's toggle): open it again.
          if ((await field.count()) === 0)
            await page
              .getByRole('button', { name: /^Rename conversation / })
              .first()
              .click();
          await field.fill('');
          await field.press('Enter');
          await page.getByText('Give the conversation a title.').waitFor();
        }),
      )
      .toEqual([]);
    await field.press('Escape');
  });

  it('GIVEN a deleted conversation with its Undo toast THEN axe finds nothing', async () => {
    await page.getByRole('button', { name: 'New chat' }).click();
    await ask(page, 'add a task to feed the cat');
    const undo = page.getByRole('button', { name: /^Undo deleting conversation / });
    expect
      .soft(
        await checkEverywhere('conversation-undo', async (size) => {
          await openDrawer(size);
          if ((await undo.count()) === 0)
            await page
              .getByRole('button', { name: /^Delete conversation / })
              .first()
              .click();
          // The focus on the toast holds its time, so it is still there while axe looks.
          await undo.focus();
        }),
      )
      .toEqual([]);
    await undo.click();
  });

  it('GIVEN the settings page with a new token and a revoke being confirmed THEN axe finds nothing', async () => {
    await page.goto(`${stack.frontendUrl}/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect.soft(await checkEverywhere('settings')).toEqual([]);
    await page.getByLabel('Token name').fill('Claude Desktop');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByTestId('new-token').waitFor();
    await page.getByRole('button', { name: 'Revoke Claude Desktop' }).click();
    expect.soft(await checkEverywhere('settings-token')).toEqual([]);
  });

  it('GIVEN the Urdu UI (right to left) THEN axe finds nothing in the workspace, its task view and settings', async () => {
    await saveLanguage(page, 'ur');
    await page.goto(`${stack.frontendUrl}/`);
    await page.locator('html[lang="ur"][dir="rtl"]').waitFor({ state: 'attached' });
    await page.locator('article[aria-label="اسسٹنٹ"]').first().waitFor();
    expect.soft(await checkViews('ur-app', { chat: 'چیٹ', tasks: 'کام' })).toEqual([]);
    await page.goto(`${stack.frontendUrl}/settings`);
    await page.getByRole('heading', { name: 'ترتیبات', level: 1 }).waitFor();
    expect.soft(await checkEverywhere('ur-settings')).toEqual([]);
  });
});
