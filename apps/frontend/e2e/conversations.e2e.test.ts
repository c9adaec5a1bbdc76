import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';

// The conversation list in Chromium: rename in place (Enter saves, Escape cancels, errors shown, kept after a
// reload) and delete with Undo (hidden at once, deleted when the toast's time is up, or back on Undo).

let app: TestApp;
let page: Page;

beforeAll(async () => {
  app = await startApp('convo');
  page = app.page;
  for (const text of ['add a task to call mom', 'add a task to buy bread', 'add a task to water plants']) {
    await page.getByRole('button', { name: 'New chat' }).click();
    await ask(page, text);
  }
  await items().nth(2).waitFor();
});

afterAll(async () => {
  await app?.close();
});

const list = () => page.getByRole('complementary', { name: 'Conversations' });
const items = () => list().locator('[data-conversation-id]');
const titles = () => items().allInnerTexts();
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

describe('conversation list: rename and delete with undo', () => {
  it('GIVEN a conversation WHEN renamed with the keyboard (Enter) THEN the new title shows, focus returns, and it is kept after a reload', async () => {
    const rename = list().getByRole('button', { name: /^Rename conversation .*call mom/i });
    await rename.focus();
    await page.keyboard.press('Enter');
    const field = list().getByRole('textbox', { name: /^Rename conversation .*call mom/i });
    await field.waitFor();
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, 'convo-01-rename-open');
    await field.fill('   ');
    await field.press('Enter');
    const error = list().getByRole('alert');
    await error.getByText('Give the conversation a title.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // The error goes as soon as something is typed.
    await field.pressSequentially('Family calls');
    expect(await error.count()).toBe(0);
    await field.press('Enter');
    await expect.poll(titles).toContain('Family calls');
    await expect.poll(focused).toBe('Rename conversation Family calls');

    await page.reload();
    await expect.poll(titles).toContain('Family calls');
  });

  it('GIVEN the title field open WHEN Escape is pressed THEN nothing changes and the focus is back on Rename', async () => {
    await list().getByRole('button', { name: 'Rename conversation Family calls' }).click();
    const field = list().getByRole('textbox', { name: 'Rename conversation Family calls' });
    await field.fill('Not this');
    await field.press('Escape');
    await field.waitFor({ state: 'detached' });
    expect(await titles()).toContain('Family calls');
    expect(await focused()).toBe('Rename conversation Family calls');
  });

  it('GIVEN a title the server refuses WHEN saved THEN its message shows by the field and the field stays open', async () => {
    await list().getByRole('button', { name: 'Rename conversation Family calls' }).click();
    const field = list().getByRole('textbox', { name: 'Rename conversation Family calls' });
    // The server's answer to a refused title, whatever the reason: a known code reads in the UI's words
    // (errors.validation_error for the field it names), as every API error does.
    await page.route('**/conversations/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 422,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'validation_error',
                message: 'body.title: title is not allowed',
                details: [{ path: 'body.title', message: 'title is not allowed' }],
              },
            }),
          })
        : route.fallback(),
    );
    await field.fill('Refused title');
    await field.press('Enter');
    await list().getByRole('alert').getByText('The title must not be empty or too long.').waitFor();
    expect(await field.isVisible()).toBe(true);
    await page.unrouteAll();
    await field.press('Escape');
    expect(await titles()).toContain('Family calls');
  });

  it('GIVEN a conversation WHEN deleted and Undo is pressed THEN it comes back in its place and stays after a reload', async () => {
    const before = await titles();
    const target = before.find((t) => /buy bread/i.test(t))!;
    await list()
      .getByRole('button', { name: `Delete conversation ${target}` })
      .click();
    await expect.poll(() => items().count()).toBe(2);
    const undo = page.getByRole('button', { name: `Undo deleting conversation ${target}` });
    await undo.waitFor();
    await screenshot(page, 'convo-02-undo-toast');
    await undo.click();
    await expect.poll(titles).toEqual(before);
    await page.reload();
    await expect.poll(titles).toEqual(before);
  });

  it('GIVEN a conversation deleted WHEN the toast runs out THEN it is gone, also after a reload', async () => {
    const target = (await titles()).find((t) => /buy bread/i.test(t))!;
    await list()
      .getByRole('button', { name: `Delete conversation ${target}` })
      .click();
    const toast = page.getByRole('status').filter({ hasText: 'Deleted conversation' });
    await toast.waitFor();
    await toast.waitFor({ state: 'detached', timeout: 15_000 });
    await page.reload();
    await expect.poll(() => items().count()).toBe(2);
    expect(await titles()).not.toContain(target);
  });

  it('GIVEN a conversation deleted WHEN the page is reloaded inside the undo window THEN it is deleted (as the toast said)', async () => {
    const target = (await titles()).find((t) => /water plants/i.test(t))!;
    await list()
      .getByRole('button', { name: `Delete conversation ${target}` })
      .click();
    await page.getByRole('button', { name: `Undo deleting conversation ${target}` }).waitFor();
    await page.reload();
    await expect.poll(() => items().count()).toBe(1);
    expect(await titles()).toEqual(['Family calls']);
  });
});
