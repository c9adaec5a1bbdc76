import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, assistantReplies, replyDone } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';

// The chat in the user's time zone, with numbered tasks, bulk changes that wait for "yes", undo, and the settings
// page: a person in Los Angeles (the browser's zone), the real backend with its local agent, Chromium.

let app: TestApp;
let page: Page;

beforeAll(async () => {
  app = await startApp('lena', {
    timezoneId: 'America/Los_Angeles',
    user: { name: 'Lena in LA', password: 'pacific-time-1' },
  });
  page = app.page;
});

afterAll(() => app?.close());

const taskRow = (title: RegExp) =>
  page.getByRole('list', { name: 'Task list' }).locator('li.task', { hasText: title });
const chipsOfLastReply = () =>
  assistantReplies(page).last().getByRole('list', { name: 'Actions taken' }).getByRole('listitem');
const settings = () =>
  page.evaluate(async () => {
    const me = (await (await fetch('/api/auth/get-session')).json()) as { user: { id: string } };
    return (await (await fetch(`/api/${me.user.id}/settings`)).json()) as { time_zone: string | null };
  });

describe('chat in the user’s time zone, with numbers, confirmation and undo', () => {
  it('GIVEN a first sign-in in Los Angeles WHEN the workspace opens THEN the device’s zone is saved', async () => {
    await expect.poll(async () => (await settings()).time_zone).toBe('America/Los_Angeles');
  });

  it('GIVEN the empty chat WHEN looking for help THEN example prompts and "What can I say?" are there', async () => {
    await page.getByRole('group', { name: 'Example requests' }).getByRole('button').first().waitFor();
    expect(
      await page.getByRole('group', { name: 'Example requests' }).getByRole('button').count(),
    ).toBeGreaterThanOrEqual(3);
    const help = page.getByRole('button', { name: 'What can I say?' });
    await help.click();
    const panel = page.getByRole('region', { name: 'What you can say' });
    await panel.getByText('Delete all completed tasks').waitFor();
    await panel.getByText('میرے کام دکھائیں').waitFor();
    await screenshot(page, 'lang-01-help');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await help.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('GIVEN a user in Los Angeles WHEN they add "buy milk tomorrow at 5pm" in chat THEN the list shows it as #1, due Tomorrow 5 pm', async () => {
    const reply = await ask(page, 'buy milk tomorrow at 5pm');
    expect(reply.toLowerCase()).toContain('tomorrow at 5 pm');
    expect(reply).not.toMatch(/UTC|\d{4}-\d{2}-\d{2}T/);
    expect(await chipsOfLastReply().first().innerText()).toMatch(/^Added ‘buy milk’ · due tomorrow 5 pm/i);
    const row = taskRow(/buy milk/i);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/#1/);
    // The due wording loads just after the page (kept out of the first load), so it may follow the row.
    await expect.poll(() => row.innerText()).toMatch(/Due Tomorrow 5 pm/);
    await screenshot(page, 'lang-02-added-in-la');
  });

  it('GIVEN two completed tasks WHEN asking to delete all completed tasks THEN a preview waits for Yes, and Yes deletes them', async () => {
    await ask(page, 'add call the bank');
    await ask(page, 'add return library books');
    await ask(page, 'complete task 2');
    await ask(page, 'complete task 3');
    await expect.poll(() => taskRow(/call the bank|library books/i).count()).toBe(2);

    const preview = await ask(page, 'delete all completed tasks');
    expect(preview.toLowerCase()).toContain('call the bank');
    expect(await chipsOfLastReply().first().innerText()).toMatch(/Waiting for your yes: delete 2 tasks/);
    // A question changes nothing: both tasks are still listed.
    expect(await taskRow(/call the bank|library books/i).count()).toBe(2);
    const quick = page.getByRole('group', { name: 'Quick replies' });
    await quick.getByRole('button', { name: 'No' }).waitFor();
    await screenshot(page, 'lang-03-preview');

    const before = await assistantReplies(page).count();
    await quick.getByRole('button', { name: 'Yes' }).click();
    await page.locator('article[aria-label="You"]', { hasText: /^yes$/ }).waitFor();
    await replyDone(page, before, 'yes');
    await expect.poll(() => taskRow(/call the bank|library books/i).count()).toBe(0);
    await taskRow(/buy milk/i).waitFor();
    // The answered question has no buttons any more.
    expect(await quick.count()).toBe(0);
  });

  it('GIVEN the bulk delete WHEN the user says undo THEN the deleted tasks come back with their numbers', async () => {
    await ask(page, 'undo');
    expect(await chipsOfLastReply().first().innerText()).toMatch(/Undid the last change/);
    await expect.poll(() => taskRow(/call the bank|library books/i).count()).toBe(2);
    expect(await taskRow(/call the bank/i).innerText()).toMatch(/#2/);
    expect(await taskRow(/library books/i).innerText()).toMatch(/#3/);
    await screenshot(page, 'lang-04-undone');
  });

  it('GIVEN a reminder asked for a task with no due time WHEN the agent asks when THEN only Cancel is offered, and a typed time answers it', async () => {
    const question = await ask(page, 'remind me about task 2');
    expect(question).toMatch(/When should I remind you about task 2/);
    expect(await chipsOfLastReply().first().innerText()).toMatch(
      /Waiting for a time: when to remind you about task 2/,
    );
    const quick = page.getByRole('group', { name: 'Quick replies' });
    await quick.getByRole('button', { name: 'Cancel' }).waitFor();
    expect(await quick.getByRole('button').count()).toBe(1);

    const answer = await ask(page, 'at 11pm');
    expect(answer).toMatch(/call the bank/i);
    expect(answer.toLowerCase()).toContain('11 pm');
    expect(await quick.count()).toBe(0);
    // Only a reminder: the task still has no due date.
    expect(await taskRow(/call the bank/i).innerText()).not.toMatch(/Due/);
  });

  it('GIVEN an unknown zone typed in settings WHEN saved THEN the field says what is wrong and nothing is saved', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Time zone and language' }).waitFor();
    const zone = page.getByLabel('Time zone', { exact: true });
    expect(await zone.inputValue()).toBe('America/Los_Angeles');
    await zone.fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /unknown time zone/i })
      .waitFor();
    expect(await zone.getAttribute('aria-invalid')).toBe('true');
    expect((await settings()).time_zone).toBe('America/Los_Angeles');
  });

  it('GIVEN the zone changed to Karachi in settings WHEN back on the task list THEN due dates show in Karachi time, and the chat reads “9am” there', async () => {
    const zone = page.getByLabel('Time zone', { exact: true });
    await zone.fill('Asia/Karachi');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Dates now show in Asia/Karachi' }).waitFor();
    // The form saves the language it shows, English here (the Urdu UI has its own test in e2e/i18n).
    expect(await settings()).toEqual({ time_zone: 'Asia/Karachi', language: 'en' });
    await screenshot(page, 'lang-05-settings');

    await page.getByRole('link', { name: 'Back to app' }).click();
    const row = taskRow(/buy milk/i);
    await row.waitFor();
    // 5 pm in Los Angeles is 5 or 6 am the next morning in Karachi (PDT or PST).
    await expect.poll(() => row.innerText()).toMatch(/Due [^\n]*\b[56] am\b/);
    expect(await row.innerText()).not.toMatch(/5 pm/);

    // The chat reads times in the saved zone too, not in the browser's: 9 am is 9 am in Karachi.
    const reply = await ask(page, 'add call the embassy tomorrow at 9am');
    expect(reply.toLowerCase()).toContain('tomorrow at 9 am');
    await expect.poll(() => taskRow(/call the embassy/i).innerText()).toMatch(/Due Tomorrow 9 am/);

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Use this device’s zone' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Dates now show in America/Los_Angeles' }).waitFor();
    await page.getByRole('link', { name: 'Back to app' }).click();
    await expect.poll(() => taskRow(/buy milk/i).innerText()).toMatch(/Due Tomorrow 5 pm/);
  });
});
