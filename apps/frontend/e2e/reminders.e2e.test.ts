import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';

// Reminders in a real browser: the editor's picker, the row's bell, a toast on the `reminder` event with Done and
// Snooze, and (permission granted in the test through CDP) a system notification with the same two buttons, shown by
// the app's service worker. The backend's scheduler fires the reminders for real, a few seconds ahead.

let app: TestApp;
let page: Page;
let userId = '';

interface Shown {
  title: string;
  body: string;
  tag: string;
  actions: string[];
}

beforeAll(async () => {
  app = await startApp('remind');
  page = app.page;
  // A fresh load whose reminder center has finished its first read (missed reminders): a re-render after the
  // permission is granted below would take the "Turn on notifications" button away before the test presses it.
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/reminders?state=delivered')),
    page.reload(),
  ]);
  await page.getByRole('heading', { name: 'Tasks' }).waitFor();
  await page.getByRole('button', { name: 'Turn on notifications' }).waitFor();
  userId = await page.evaluate(
    async () => ((await (await fetch('/api/auth/get-session')).json()) as { user: { id: string } }).user.id,
  );
});

afterAll(() => app?.close());

const row = (title: string) => page.locator('li.task', { hasText: title });
const toast = (title: string) =>
  page.getByRole('region', { name: 'Reminders' }).getByRole('group', { name: title });
/** The system notifications the app's service worker shows now (none before it is registered). */
const notes = () =>
  page.evaluate(async (): Promise<Shown[]> => {
    const reg = await navigator.serviceWorker.getRegistration();
    const shown = (await reg?.getNotifications()) ?? [];
    return shown.map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      actions: ((n as unknown as { actions?: { action: string }[] }).actions ?? []).map((a) => a.action),
    }));
  });
/** Presses a button of the notification with `tag`, as the user would on the system notification. */
const press = (tag: string, action: 'done' | 'snooze') =>
  page.evaluate(
    async ({ tag, action }) => {
      const reg = await navigator.serviceWorker.ready;
      reg.active!.postMessage({ type: 'notification-action', tag, action });
    },
    { tag, action },
  );

/** A call from the page's own origin and session, as another client of the same user would make it. */
function call<T>(method: string, path: string, json?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, json }) => {
      const res = await fetch(path, {
        method,
        headers: json === undefined ? {} : { 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as unknown };
    },
    { method, path: `/api/${userId}${path}`, json },
  ) as Promise<{ status: number; body: T }>;
}

/** Adds a task whose reminder goes off in 3 s, then waits for its toast and its one system notification. */
async function fire(title: string): Promise<{ id: number; tag: string }> {
  const at = new Date(Date.now() + 3000).toISOString();
  const task = await call<{ id: number }>('POST', '/tasks', { title, reminders: [{ at }] });
  await toast(title).waitFor({ timeout: 15_000 });
  await expect.poll(notes, { timeout: 5000 }).toHaveLength(1);
  return { id: task.body.id, tag: (await notes())[0]!.tag };
}

describe('reminders', () => {
  it('GIVEN a fresh page WHEN it loads THEN nothing asks for permission; the header offers "Turn on notifications", which asks', async () => {
    expect(await page.evaluate(() => Notification.permission)).toBe('default');
    const turnOn = page.getByRole('button', { name: 'Turn on notifications' });
    await turnOn.waitFor();
    // The test grants it the way a person would answer the prompt the button opens.
    const cdp = await app.browser.context.newCDPSession(page);
    await cdp.send('Browser.grantPermissions', {
      origin: app.stack.frontendUrl,
      permissions: ['notifications'],
    });
    await turnOn.click();
    await turnOn.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => Notification.permission)).toBe('granted');
  });

  it('GIVEN the editor WHEN a reminder needs a due date or a future time THEN it says so; a valid one shows as a bell on the row', async () => {
    await page.getByLabel('New task').fill('Call the dentist');
    await page.getByRole('button', { name: 'Details' }).click();
    await page.getByLabel('Remind me', { exact: true }).selectOption('PT10M');
    await page.getByText('A reminder before the due time needs a due date.').waitFor();
    await page.getByLabel('Remind me', { exact: true }).selectOption('at');
    await page.getByLabel('Remind me at').fill('2020-01-01T09:00');
    await page.getByText('Choose a reminder time in the future.').waitFor();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await row('Call the dentist').count()).toBe(0);
    await page.getByLabel('Remind me at').fill('2099-06-01T09:30');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await row('Call the dentist').getByText('Reminder Mon, Jun 1, 9:30 AM').waitFor();
    const { body } = await call<{ items: Array<{ title: string; reminders: unknown[] }> }>('GET', '/tasks');
    expect(body.items.find((t) => t.title === 'Call the dentist')?.reminders).toEqual([
      { at: '2099-06-01T09:30:00.000Z' },
    ]);
  });

  it('GIVEN a reminder due in seconds WHEN it fires THEN a toast and a notification with Done and Snooze show; Done in the toast completes the task and closes the notification', async () => {
    const at = new Date(Date.now() + 3000).toISOString();
    await call('POST', '/tasks', { title: 'Take out the bins', reminders: [{ at }] });
    await toast('Take out the bins').waitFor({ timeout: 15_000 });
    await expect.poll(notes, { timeout: 5000 }).toContainEqual({
      title: 'Reminder: Take out the bins',
      body: expect.stringMatching(/^Reminder for \d/) as string,
      tag: expect.stringMatching(/^reminder-\d+$/) as string,
      actions: ['done', 'snooze'],
    });
    await screenshot(page, 'reminders-01-toast');
    // Keyboard: the toast's actions are reachable with Tab.
    await toast('Take out the bins').getByRole('button', { name: 'Done' }).focus();
    await page.keyboard.press('Enter');
    await toast('Take out the bins').waitFor({ state: 'detached' });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('li.task')]
          .find((li) => li.textContent?.includes('Take out the bins'))
          ?.querySelector<HTMLInputElement>('input.check')?.checked === true,
    );
    // Done in one place is done everywhere: the system notification is gone too.
    await expect
      .poll(async () => (await notes()).map((n) => n.title))
      .not.toContain('Reminder: Take out the bins');
  });

  it('GIVEN a fired reminder WHEN Done is pressed on its system notification THEN the task is completed without the page doing it, and its toast goes', async () => {
    const task = await fire('Return the library books');
    await press(task.tag, 'done');
    await expect
      .poll(async () => (await call<{ completed: boolean }>('GET', `/tasks/${task.id}`)).body.completed)
      .toBe(true);
    await toast('Return the library books').waitFor({ state: 'detached' });
    // Seen: not offered again when the app is opened later.
    await expect
      .poll(async () => (await call<{ items: unknown[] }>('GET', '/reminders?state=delivered')).body.items)
      .toEqual([]);
    expect(await notes()).toEqual([]);
  });

  it('GIVEN a fired reminder WHEN Snooze is pressed on its system notification THEN a reminder 10 min ahead is pending and the toast goes', async () => {
    const task = await fire('Move the car');
    await press(task.tag, 'snooze');
    await toast('Move the car').waitFor({ state: 'detached' });
    const pending = async () =>
      (
        await call<{ items: { task_id: number; kind: string; fire_at: string }[] }>(
          'GET',
          '/reminders?state=pending',
        )
      ).body.items.filter((r) => r.task_id === task.id);
    await expect.poll(async () => (await pending()).map((r) => r.kind)).toEqual(['snooze']);
    expect(Date.parse((await pending())[0]!.fire_at) - Date.now()).toBeGreaterThan(9 * 60_000);
    expect((await call<{ completed: boolean }>('GET', `/tasks/${task.id}`)).body.completed).toBe(false);
  });

  it('GIVEN the task was deleted elsewhere WHEN Done is pressed on its notification THEN nothing changes and a notification says it could not be done', async () => {
    const { id, tag } = await fire('Renew the parking permit');
    expect((await call('DELETE', `/tasks/${id}`)).status).toBe(204);
    await press(tag, 'done');
    await expect.poll(notes, { timeout: 5000 }).toEqual([
      {
        title: 'Reminder: Renew the parking permit',
        body: 'Could not complete the task.',
        tag: `${tag}-failed`,
        actions: [],
      },
    ]);
    const reg = await page.evaluateHandle(() => navigator.serviceWorker.ready);
    await reg.evaluate(async (r) => (await r.getNotifications()).forEach((n) => n.close()));
  });

  it('GIVEN a fired reminder WHEN snoozed THEN the API answers with a pending reminder 10 min ahead, and a snooze that comes due fires again', async () => {
    const at = new Date(Date.now() + 3000).toISOString();
    await call('POST', '/tasks', { title: 'Water the tomatoes', reminders: [{ at }] });
    await toast('Water the tomatoes').waitFor({ timeout: 15_000 });
    const [response] = await Promise.all([
      page.waitForResponse((r) => /\/reminders\/\d+\/snooze$/.test(r.url())),
      toast('Water the tomatoes').getByRole('button', { name: 'Snooze 10 min' }).click(),
    ]);
    expect(response.status()).toBe(201);
    const snoozed = (await response.json()) as { id: number; kind: string; state: string; fire_at: string };
    expect(snoozed).toMatchObject({ kind: 'snooze', state: 'pending' });
    expect(Date.parse(snoozed.fire_at) - Date.now()).toBeGreaterThan(9 * 60_000);
    await toast('Water the tomatoes').waitFor({ state: 'detached' });
    await page.getByText(/Snoozed “Water the tomatoes” until/).waitFor();

    // The snooze, moved to a few seconds from now through the API (a 10-minute wait has no place in a test), fires.
    const until = new Date(Date.now() + 3000).toISOString();
    const moved = await call<{ id: number }>('POST', `/reminders/${snoozed.id}/snooze`, { until });
    expect(moved.status).toBe(201);
    await toast('Water the tomatoes').waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await notes()).map((n) => n.tag), { timeout: 5000 })
      .toContain(`reminder-${moved.body.id}`);
  });

  it('GIVEN a phone-sized screen WHEN a reminder fires THEN its toast fits the width and leaves the message box free', async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    const at = new Date(Date.now() + 3000).toISOString();
    await call('POST', '/tasks', { title: 'Feed the cat', reminders: [{ at }] });
    const shown = toast('Feed the cat');
    await shown.waitFor({ timeout: 15_000 });
    await screenshot(page, 'reminders-02-phone-toast');
    const box = (await shown.boundingBox())!;
    const input = (await page.getByLabel('Message the assistant').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(box.y + box.height).toBeLessThan(input.y);
    await shown.getByRole('button', { name: /Dismiss/ }).click();
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('GIVEN a fired reminder nobody acted on WHEN the page is opened again THEN its toast is back; dismissing it ends that', async () => {
    await page.reload();
    await toast('Water the tomatoes').waitFor();
    await toast('Water the tomatoes')
      .getByRole('button', { name: /Dismiss/ })
      .click();
    await toast('Water the tomatoes').waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await call<{ items: unknown[] }>('GET', '/reminders?state=delivered')).body.items)
      .toEqual([]);
    await page.reload();
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
    await page.waitForTimeout(1000);
    expect(await toast('Water the tomatoes').count()).toBe(0);
  });
});
