import { taskListSchema } from '@todo/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, assistantReplies } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';

// The repeat picker in a real browser: each choice is saved as an RRULE and the row sums it up in the user's zone.

let app: TestApp;
let page: Page;

beforeAll(async () => {
  app = await startApp('repeat', { timezoneId: 'Europe/Berlin' });
  page = app.page;
});

afterAll(() => app?.close());

const row = (title: string) => page.locator('li.task', { hasText: title });

/** The stored rule of the task titled `title`, read back through the API as the page does. */
async function storedRule(title: string): Promise<string | null> {
  const list = await page.evaluate(async (t) => {
    const session = (await (await fetch('/api/auth/get-session')).json()) as { user: { id: string } };
    return (await (
      await fetch(`/api/${session.user.id}/tasks?q=${encodeURIComponent(t)}`)
    ).json()) as unknown;
  }, title);
  return taskListSchema.parse(list).items[0]?.recurrence ?? null;
}

describe('repeat picker', () => {
  it('GIVEN the add form WHEN a weekly repeat on Mon and Thu is chosen THEN the rule is saved and the row says so', async () => {
    await page.getByLabel('New task').fill('Water the plants');
    await page.getByRole('button', { name: 'Details' }).click();
    await page.getByLabel('Repeat', { exact: true }).selectOption('weekly');
    const days = page.getByRole('group', { name: 'Repeat on these days' });
    // Nothing chosen: a clear message, and nothing is sent.
    for (const d of await days.getByRole('checkbox', { checked: true }).all()) await d.uncheck();
    await page.getByText('Pick at least one day.').waitFor();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    expect(await row('Water the plants').count()).toBe(0);
    await days.getByLabel('Mon').check();
    await days.getByLabel('Thu').check();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await row('Water the plants')
      .getByText(/Every Mon, Thu · next \w{3} \d+/)
      .waitFor();
    expect(await storedRule('Water the plants')).toBe('FREQ=WEEKLY;BYDAY=MO,TH');
    await screenshot(page, 'repeat-01-weekly');
  });

  it('GIVEN the editor WHEN a custom rule is wrong THEN the message names the problem; a right one is saved and summed up', async () => {
    await row('Water the plants').getByRole('button', { name: /Edit/ }).click();
    const editor = page.getByRole('form', { name: /Edit/ });
    await expect.poll(() => editor.getByLabel('Repeat', { exact: true }).inputValue()).toBe('weekly');
    await editor.getByLabel('Repeat', { exact: true }).selectOption('custom');
    const rule = editor.getByLabel('Repeat rule (RRULE)');
    await rule.fill('FREQ=WEEKLY;BYDAY=XX');
    await editor.getByText('BYDAY=XX is out of range.').waitFor();
    expect(await rule.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'repeat-02-custom-rule-error');
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor(); // still editing: nothing was saved
    await rule.fill('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
    await expect.poll(() => rule.getAttribute('aria-invalid')).toBe('false');
    await editor.getByRole('button', { name: 'Save' }).click();
    await row('Water the plants')
      .getByText(/Every 2 weeks on Monday · next/)
      .waitFor();
    expect(await storedRule('Water the plants')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
  });

  it('GIVEN a repeating task WHEN set to monthly on the 31st and then to none THEN the rule follows and the summary goes', async () => {
    await row('Water the plants').getByRole('button', { name: /Edit/ }).click();
    let editor = page.getByRole('form', { name: /Edit/ });
    await editor.getByLabel('Repeat', { exact: true }).selectOption('monthly');
    await editor.getByLabel('Day of the month').selectOption('31');
    await editor.getByRole('button', { name: 'Save' }).click();
    await row('Water the plants')
      .getByText(/Monthly on the 31st · next/)
      .waitFor();
    expect(await storedRule('Water the plants')).toBe('FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1');

    await row('Water the plants').getByRole('button', { name: /Edit/ }).click();
    editor = page.getByRole('form', { name: /Edit/ });
    await editor.getByLabel('Repeat', { exact: true }).selectOption('none');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row('Water the plants').locator('.repeat').count()).toBe(0);
    expect(await storedRule('Water the plants')).toBeNull();
  });

  it('GIVEN a repeating task added in the chat WHEN the step’s details open THEN the rule reads as words, never FREQ=…', async () => {
    await ask(page, 'add stretch every monday and thursday at 7am');
    const step = assistantReplies(page)
      .last()
      .getByRole('list', { name: 'Actions taken' })
      .getByRole('listitem')
      .first();
    await step.locator('summary').click();
    const repeats = step.getByRole('row', { name: /Repeats/ });
    await repeats.getByText(/Every Mon, Thu · next \w{3} \d+/).waitFor();
    expect(await step.textContent()).not.toMatch(/FREQ|BYDAY/);
  });
});
