import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';
import type { Stack } from './helpers/stack';

// Layout and keyboard basics in Chromium: the phone layout (one panel at a time, full height, every button
// named), the skip link and the page's heading, focus after editing and deleting, the app icon, the web app
// manifest and the user's name in the header. Local agent.

let app: TestApp;
let stack: Stack;
let page: Page;

beforeAll(async () => {
  app = await startApp('layout', { user: { name: 'Pia Phone' } });
  ({ stack, page } = app);
});

afterAll(() => app?.close());

const pageScrolls = () =>
  page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));

describe('layout and keyboard', () => {
  it('GIVEN the workspace WHEN pressing Tab once and Enter THEN a skip link moves focus to the message box; the page has one h1', async () => {
    await page.locator('body').focus();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the message box' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat-input');
    expect(await page.locator('h1').count()).toBe(1);
  });

  it('GIVEN two tasks WHEN one is edited and saved, and the other deleted THEN the focus goes to its Edit button, then to the remaining task, never to the page', async () => {
    for (const title of ['Alpha', 'Beta']) {
      await page.getByLabel('New task').fill(title);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('list', { name: 'Task list' }).getByText(title, { exact: true }).waitFor();
    }
    await page.getByRole('button', { name: 'Edit “Alpha”' }).click();
    await page.getByLabel('Title').fill('Alpha two');
    await page.keyboard.press('Enter');
    const edit = page.getByRole('button', { name: 'Edit “Alpha two”' });
    await edit.waitFor();
    await expect.poll(() => edit.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('button', { name: 'Delete “Beta”' }).click();
    const remaining = page.getByRole('checkbox', { name: 'Mark “Alpha two” as done' });
    await expect.poll(() => remaining.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('GIVEN an open task WHEN it is completed THEN it moves to a collapsible Done group after the open ones, keeping the focus', async () => {
    await page.getByLabel('New task').fill('Gamma');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const done = page.getByRole('list', { name: 'Done tasks' });
    // click(), not check(): the checkbox moves to another list, which check() takes for a click that missed.
    await page.getByRole('checkbox', { name: 'Mark “Alpha two” as done' }).click();
    await done.getByText('Alpha two').waitFor();
    const checkbox = page.getByRole('checkbox', { name: 'Mark “Alpha two” as not done' });
    await expect.poll(() => checkbox.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('li.task .task-title').allInnerTexts()).toEqual(['Gamma', 'Alpha two']);
    await screenshot(page, 'layout-00-done-group');
    await page.getByText('Done (1)').click();
    expect(await done.isVisible()).toBe(false);
    await page.getByText('Done (1)').click();
    expect(await done.isVisible()).toBe(true);
  });

  it('GIVEN the add box WHEN Add is pressed with no title and then a title is typed THEN the error goes with the typing', async () => {
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const error = page.getByText('Give the task a title.');
    await error.waitFor();
    expect(await page.getByLabel('New task').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('New task').pressSequentially('D');
    expect(await error.count()).toBe(0);
    expect(await page.getByLabel('New task').getAttribute('aria-invalid')).toBe('false');
    await page.getByLabel('New task').fill('');
  });

  it('GIVEN a 1366 px wide screen THEN the task filters sit on one line and the rows are parted by straight dividers', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByLabel('New task').fill('Delta');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('li.task + li.task').first().waitFor();
    const boxes = await page
      .locator('.filters > :not(.sr-only)')
      .evaluateAll((els) =>
        els
          .map((el) => el.getBoundingClientRect())
          .map((r) => `${Math.round(r.top)}:${Math.round(r.left)}+${Math.round(r.width)}`),
      );
    expect(boxes).toHaveLength(5);
    expect(new Set(boxes.map((b) => b.split(':')[0])).size, boxes.join(' ')).toBe(1);
    // The divider is its own line, not the top border of a row with rounded corners (which curled at both ends).
    const divider = await page
      .locator('li.task + li.task')
      .first()
      .evaluate((el) => ({
        border: getComputedStyle(el).borderTopWidth,
        line: getComputedStyle(el, '::before').borderTopWidth,
        radius: getComputedStyle(el, '::before').borderTopLeftRadius,
      }));
    expect(divider).toEqual({ border: '0px', line: '1px', radius: '0px' });
    await screenshot(page, 'layout-01-1366');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('GIVEN the page WHEN the browser looks for its icon THEN it is linked and served', async () => {
    const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(href).toBeTruthy();
    const res = await fetch(new URL(href!, stack.frontendUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/');
  });

  it('GIVEN the page WHEN a phone looks for the web app manifest THEN it is linked, served as a manifest and names installable icons', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const res = await fetch(new URL(href!, stack.frontendUrl));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const manifest = (await res.json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: Array<{ src: string; sizes: string; type: string }>;
    };
    expect(manifest).toMatchObject({ name: 'Todo Chatbot', start_url: '/', display: 'standalone' });
    // Chrome installs an app with a 192 px and a 512 px icon.
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const got = await fetch(new URL(icon.src, stack.frontendUrl));
      expect(got.status, icon.src).toBe(200);
      expect(got.headers.get('content-type')).toBe(icon.type);
    }
    const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect((await fetch(new URL(apple!, stack.frontendUrl))).status).toBe(200);
  });

  it('GIVEN a signed-in user WHEN looking at the header THEN it shows their name, with the email on hover', async () => {
    const who = page.locator('.user-name');
    expect(await who.innerText()).toBe('Pia Phone');
    expect(await who.getAttribute('title')).toMatch(/^layout-.*@example\.com$/);
  });

  it('GIVEN a phone-sized screen WHEN chatting and switching to Tasks THEN one full-height panel shows at a time, the page does not scroll and Send and Add are named buttons', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.frontendUrl}/`);
    const chatSwitch = page.getByRole('button', { name: 'Chat', exact: true });
    const tasksSwitch = page.getByRole('button', { name: 'Tasks', exact: true });
    await chatSwitch.waitFor();
    expect(await chatSwitch.getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByRole('list', { name: 'Task list' }).isVisible()).toBe(false);

    await ask(page, 'add a task to buy milk');
    expect(await page.getByRole('button', { name: 'Send', exact: true }).isVisible()).toBe(true);
    expect(await pageScrolls()).toEqual({ x: 0, y: 0 });
    // The chat panel reaches down to the bottom of the screen, its composer with it.
    const composer = (await page.getByLabel('Message the assistant').boundingBox())!;
    expect(composer.y + composer.height).toBeGreaterThan(844 - 120);
    await screenshot(page, 'layout-01-phone-chat');

    await tasksSwitch.click();
    expect(await tasksSwitch.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('list', { name: 'Task list' }).getByText('Buy milk').waitFor();
    expect(await page.getByLabel('Message the assistant').isVisible()).toBe(false);
    await page.getByLabel('New task').fill('Call mom');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('list', { name: 'Task list' }).getByText('Call mom').waitFor();
    expect(await pageScrolls()).toEqual({ x: 0, y: 0 });
    await screenshot(page, 'layout-02-phone-tasks');

    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'layout-03-phone-tasks-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 860 });
    // Wide screens show both panels and no switch.
    expect(await tasksSwitch.isVisible()).toBe(false);
    expect(await page.getByLabel('Message the assistant').isVisible()).toBe(true);
  });
});
