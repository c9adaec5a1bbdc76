import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';

// English and Urdu in real Chromium: the language saved in settings renders every page (right to left, from the
// server), survives reload and signing in again, and dates read in Urdu in the user's zone.

const KARACHI = 'Asia/Karachi';
let app: TestApp;
let page: Page;

beforeAll(async () => {
  app = await startApp('urdu', { timezoneId: KARACHI });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const url = (p: string) => `${app.stack.frontendUrl}${p}`;
const html = (p: Page = page) => p.locator('html');

/** Left edges (px) of the parts that should swap sides in a right-to-left page. */
async function layout() {
  const x = async (selector: string) => (await page.locator(selector).first().boundingBox())!.x;
  return {
    chat: await x('section.chat-panel'),
    tasks: await x('section.tasks'),
    conversations: await x('#conversation-list'),
    composer: await x('#chat-input'),
    brand: await x('.topbar .brand'),
    account: await x('.topbar .topnav'),
  };
}

/** A task due tomorrow at 5 pm in Karachi, made through the API from the page (same cookies). */
async function addTaskDueTomorrowAt5pm(title: string): Promise<Date> {
  const karachiNow = new Date(Date.now() + 5 * 3600_000);
  const due = new Date(
    Date.UTC(karachiNow.getUTCFullYear(), karachiNow.getUTCMonth(), karachiNow.getUTCDate() + 1, 17 - 5),
  );
  const status = await page.evaluate(
    async ({ title, due_at }) => {
      const session = (await (await fetch('/api/auth/get-session')).json()) as { user: { id: string } };
      const res = await fetch(`/api/${session.user.id}/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, due_at }),
      });
      return res.status;
    },
    { title, due_at: due.toISOString() },
  );
  expect(status).toBe(201);
  return due;
}

describe('English and Urdu', () => {
  let english: Awaited<ReturnType<typeof layout>>;

  it('GIVEN an English user WHEN Urdu is saved in settings THEN the page comes back in Urdu, right to left', async () => {
    english = await layout();
    expect(await html().getAttribute('dir')).toBe('ltr');
    await page.goto(url('/settings'));
    await page.getByLabel('Language', { exact: true }).selectOption('ur');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Save' }).click()]);
    await page.getByRole('heading', { name: 'ترتیبات', level: 1 }).waitFor();
    expect(await html().getAttribute('lang')).toBe('ur');
    expect(await html().getAttribute('dir')).toBe('rtl');
    expect(await page.getByLabel('زبان', { exact: true }).inputValue()).toBe('ur');
  });

  it('GIVEN Urdu WHEN the workspace opens THEN it is in Urdu and its layout is mirrored', async () => {
    await page.goto(url('/'));
    await page.getByRole('heading', { name: 'کام', level: 2 }).waitFor();
    await page.getByText('کیا کرنا ہے؟').waitFor();
    await page.getByRole('button', { name: 'بھیجیں' }).waitFor();
    // Nothing of the English UI is left in the page's visible text (task titles and names aside).
    expect(await page.locator('main').innerText()).not.toMatch(/\b(Tasks|Send|Pending|New chat|Search)\b/);
    const urdu = await layout();
    // Chat and tasks swap sides; so do the conversation list and the messages, and the header's ends.
    expect(english.chat).toBeLessThan(english.tasks);
    expect(urdu.chat).toBeGreaterThan(urdu.tasks);
    expect(english.conversations).toBeLessThan(english.composer);
    expect(urdu.conversations).toBeGreaterThan(urdu.composer);
    expect(english.brand).toBeLessThan(english.account);
    expect(urdu.brand).toBeGreaterThan(urdu.account);
    // The Send arrow points along the reading direction (mirrored).
    const arrow = page.getByRole('button', { name: 'بھیجیں' }).locator('svg');
    expect(await arrow.evaluate((el) => getComputedStyle(el).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)');
  });

  it('GIVEN Urdu WHEN a task is due tomorrow at 5 pm THEN its date is worded by Intl in Urdu in the user’s zone', async () => {
    const due = await addTaskDueTomorrowAt5pm('کرایہ ادا کرنا');
    const tomorrow = new Intl.RelativeTimeFormat('ur', { numeric: 'auto' }).format(1, 'day');
    const time = new Intl.DateTimeFormat('ur', { hour: 'numeric', timeZone: KARACHI }).format(due);
    const row = page.locator('li.task', { hasText: 'کرایہ ادا کرنا' });
    await row.locator('.due').waitFor();
    expect(await row.locator('.due').innerText()).toBe(`آخری تاریخ ${tomorrow} ${time}`);
    expect(await page.getByText('1 باقی').count()).toBe(1);
  });

  it('GIVEN Urdu WHEN a task repeats and the chat adds a task THEN the row’s summary and the chat’s step read in Urdu', async () => {
    const status = await page.evaluate(async () => {
      const session = (await (await fetch('/api/auth/get-session')).json()) as { user: { id: string } };
      const res = await fetch(`/api/${session.user.id}/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'ورزش', recurrence: 'FREQ=WEEKLY;BYDAY=MO' }),
      });
      return res.status;
    });
    expect(status).toBe(201);
    const repeat = page.locator('li.task', { hasText: 'ورزش' }).locator('.repeat');
    // "ہر پیر · اگلی بار 7 دسمبر": the day and month named by Intl in Urdu.
    await expect.poll(() => repeat.innerText()).toMatch(/ہر پیر · اگلی بار \d+ [\u0600-\u06ff]+$/);

    await page.locator('#chat-input').fill('add call the bank');
    await page.locator('#chat-input').press('Enter');
    const step = page.locator('li[data-tool="add_task"]').last();
    await expect.poll(() => step.innerText(), { timeout: 20_000 }).toMatch(/^‘call the bank’ شامل کیا/i);
    expect(await step.innerText()).not.toMatch(/\bAdded\b/);
  });

  it('GIVEN Urdu WHEN the backend refuses a new task (a tag too long) THEN its error reads in Urdu', async () => {
    const form = page.getByRole('form', { name: 'کام شامل کریں' });
    await form.getByRole('button', { name: 'تفصیل' }).click();
    await form.getByLabel('ٹیگ', { exact: true }).fill('x'.repeat(40));
    await form.getByLabel('نیا کام').fill('لمبا ٹیگ');
    await form.getByRole('button', { name: 'شامل کریں', exact: true }).click();
    // The API's 400 names body.tags.0 in English ("each tag must be at most 32 characters"); the catalog words it.
    const error = page.locator('#new-task-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('کم ٹیگ استعمال کریں، ہر ٹیگ مختصر ہو اور خالی نہ ہو۔');
    expect(await page.locator('li.task', { hasText: 'لمبا ٹیگ' }).count()).toBe(0);
    await screenshot(page, 'urdu-workspace-api-error');
    await form.getByLabel('ٹیگ', { exact: true }).fill('');
    await form.getByLabel('نیا کام').fill('');
    await form.getByRole('button', { name: 'تفصیل' }).click();
  });

  it('GIVEN the Urdu workspace THEN screenshots show it at desktop and phone width, light and dark', async () => {
    for (const [size, viewport] of [
      ['desktop', { width: 1280, height: 860 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `urdu-workspace-${size}-${scheme}`);
      }
    }
    // On a phone the tab bar switches to the tasks, in Urdu.
    await page.getByRole('button', { name: 'کام', exact: true }).click();
    await page.getByRole('list', { name: 'کاموں کی فہرست' }).waitFor();
    await screenshot(page, 'urdu-workspace-phone-dark-tasks');
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('GIVEN Urdu saved WHEN the page is reloaded and the user signs out and in again THEN it stays Urdu', async () => {
    await page.reload();
    await page.getByRole('heading', { name: 'کام', level: 2 }).waitFor();
    expect(await html().getAttribute('dir')).toBe('rtl');
    await Promise.all([
      page.waitForURL(url('/sign-in')),
      page.getByRole('button', { name: 'سائن آؤٹ' }).click(),
    ]);
    // Before sign-in the last choice (kept in a cookie) is used.
    await page.getByRole('heading', { name: 'سائن اِن', level: 1 }).waitFor();
    expect(await html().getAttribute('dir')).toBe('rtl');
    await page.getByLabel('ای میل').fill(app.user.email);
    await page.getByLabel('پاس ورڈ').fill(app.user.password);
    await Promise.all([
      page.waitForURL(url('/')),
      page.getByRole('button', { name: 'سائن اِن کریں' }).click(),
    ]);
    await page.getByRole('heading', { name: 'کام', level: 2 }).waitFor();
  });

  it('GIVEN Urdu saved WHEN the user signs in on another (English) browser THEN the saved language wins', async () => {
    const other = await launchBrowser({ timezoneId: KARACHI });
    try {
      const p = other.page;
      await p.goto(url('/sign-in'));
      await p.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
      expect(await html(p).getAttribute('dir')).toBe('ltr');
      await p.getByLabel('Email').fill(app.user.email);
      await p.getByLabel('Password').fill(app.user.password);
      await Promise.all([p.waitForURL(url('/')), p.getByRole('button', { name: 'Sign in' }).click()]);
      await p.getByRole('heading', { name: 'کام', level: 2 }).waitFor();
      expect(await html(p).getAttribute('lang')).toBe('ur');
    } finally {
      await other.close();
    }
  });

  it('GIVEN a browser that prefers Urdu WHEN a visitor opens sign-up THEN it is in Urdu, right to left', async () => {
    const other = await launchBrowser({ locale: 'ur-PK' });
    try {
      const p = other.page;
      await p.goto(url('/sign-up'));
      await p.getByRole('heading', { name: 'اپنا اکاؤنٹ بنائیں', level: 1 }).waitFor();
      expect(await html(p).getAttribute('dir')).toBe('rtl');
      expect(await p.title()).toBe('اکاؤنٹ بنائیں · ٹوڈو چیٹ بوٹ');
      await p.getByRole('button', { name: 'اکاؤنٹ بنائیں' }).click();
      await p.getByText('اپنا نام لکھیں۔').waitFor();
      await screenshot(p, 'urdu-sign-up-phone-light');
    } finally {
      await other.close();
    }
  });
});
