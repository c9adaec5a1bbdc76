import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startFakeOpenAI, type FakeOpenAI } from './helpers/fake-openai';
import { startApp, type TestApp } from './helpers/session';

// The chat's streaming behaviour in Chromium, with the backend talking to a local fake of the OpenAI API so the
// test controls token timing and model failures: tokens appear one by one through the proxy without layout shift,
// Stop ends the reply and cancels the model call (what was said so far is kept, in order, after a reload), and a
// failed turn can be retried.

let llm: FakeOpenAI;
let app: TestApp;
let page: Page;

beforeAll(async () => {
  llm = await startFakeOpenAI();
  app = await startApp('stream', {
    backendEnv: {
      OPENAI_API_KEY: 'sk-fake-key',
      OPENAI_BASE_URL: llm.baseURL,
      OPENAI_MODEL: 'fake',
      OPENAI_MAX_RETRIES: '0',
    },
    user: { name: 'Streamer' },
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await llm?.close();
});

const replies = () => page.locator('article[aria-label="Assistant"]');

describe('chat streaming in a real browser', () => {
  it('GIVEN Shift+Enter WHEN typing THEN a new line is inserted and nothing is sent', async () => {
    const input = page.getByLabel('Message the assistant');
    await input.fill('line one');
    await input.press('Shift+Enter');
    await input.pressSequentially('line two');
    expect(await input.inputValue()).toBe('line one\nline two');
    expect(await page.locator('article').count()).toBe(0);
    await input.fill('');
  });

  it('GIVEN a model that streams word by word WHEN a message is sent THEN the reply grows in steps while streaming and the page does not shift', async () => {
    // Record every text the streaming bubble shows, and the layout-shift score, from inside the page.
    await page.evaluate(() => {
      const w = window as unknown as { __snapshots: string[]; __cls: number };
      w.__snapshots = [];
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<
          PerformanceEntry & { value: number; hadRecentInput: boolean }
        >) {
          if (!e.hadRecentInput) w.__cls += e.value;
        }
      }).observe({ type: 'layout-shift', buffered: false });
      new MutationObserver(() => {
        const el = document.querySelector(
          'article[aria-label="Assistant"][data-state="streaming"] [data-bubble]',
        );
        const text = el?.textContent ?? '';
        if (text && w.__snapshots.at(-1) !== text) w.__snapshots.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const input = page.getByLabel('Message the assistant');
    await input.fill('tell me something');
    await input.press('Enter');
    await page.locator('article[aria-label="Assistant"][data-state="done"]').waitFor({ timeout: 30_000 });
    const snapshots = await page.evaluate(() => (window as unknown as { __snapshots: string[] }).__snapshots);
    const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
    expect(await replies().last().innerText()).toContain('Here is a streamed answer, one word at a time.');
    // 10 words, 150 ms apart: a buffered stream would show up as one or two steps.
    expect(snapshots.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < snapshots.length; i++) expect(snapshots[i]!.startsWith(snapshots[i - 1]!)).toBe(true);
    expect(cls).toBeLessThan(0.05);
    await screenshot(page, 'stream-01-done');
  });

  it('GIVEN a model that takes seconds to start WHEN a message is sent THEN a thinking indicator shows until the first words, not an empty bubble', async () => {
    const input = page.getByLabel('Message the assistant');
    await input.fill('think before answering');
    await input.press('Enter');
    const reply = replies().last();
    await reply.locator('[data-thinking]', { hasText: 'Thinking' }).waitFor();
    expect(await reply.locator('[data-bubble]').count()).toBe(0);
    await screenshot(page, 'stream-01b-thinking');
    await reply.locator('[data-bubble]', { hasText: 'Here is' }).waitFor();
    expect(await reply.locator('[data-thinking]').count()).toBe(0);
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
  });

  it('GIVEN a long reply streaming WHEN Stop is pressed and the next message sent at once THEN the model call is cancelled and, after a reload, the history reads in order with the reply marked stopped', async () => {
    const abortedBefore = llm.aborted();
    const input = page.getByLabel('Message the assistant');
    await input.fill('slow story please');
    await input.press('Enter');
    const streaming = page.locator('article[aria-label="Assistant"][data-state="streaming"]');
    await streaming.locator('[data-bubble]', { hasText: 'word2' }).waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    const stopped = page.locator('article[aria-label="Assistant"][data-state="stopped"]');
    await stopped.waitFor();
    expect(await stopped.innerText()).toContain('word2');
    await stopped.getByText('Stopped.').waitFor();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    await screenshot(page, 'stream-02-stopped');
    // The backend closed its request to the model: the model stops generating (40 words would take 10 s).
    await expect.poll(() => llm.aborted(), { timeout: 5000 }).toBe(abortedBefore + 1);

    await input.fill('after the stop');
    await input.press('Enter');
    await expect
      .poll(() => page.locator('article').last().getAttribute('data-state'), { timeout: 30_000 })
      .toBe('done');

    await page.reload();
    const log = page.locator('article');
    await log.filter({ hasText: 'after the stop' }).waitFor();
    const stored = await log.evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('aria-label')}:${e.getAttribute('data-state')}`),
    );
    expect(stored.slice(-4)).toEqual(['You:done', 'Assistant:stopped', 'You:done', 'Assistant:done']);
    const texts = await log.allInnerTexts();
    expect(texts.at(-4)).toContain('slow story please');
    expect(texts.at(-3)).toContain('word2');
    expect(texts.at(-3)).not.toContain('word39');
    expect(texts.at(-2)).toContain('after the stop');
    await screenshot(page, 'stream-03-stopped-after-reload');
  });

  it('GIVEN a reply in Markdown WHEN it has streamed THEN its list, table, code and safe link render, and its javascript: link and raw HTML stay inert', async () => {
    const input = page.getByLabel('Message the assistant');
    await input.fill('markdown please');
    await input.press('Enter');
    const reply = replies().last();
    // The renderer loads on demand: the words show (as plain text) while it loads and while the reply streams.
    await reply.locator('[data-bubble]', { hasText: 'your plan' }).waitFor();
    await expect.poll(() => reply.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    const bubble = reply.locator('[data-bubble]');
    await bubble.locator('strong', { hasText: 'your plan' }).waitFor();
    expect(await bubble.locator('ul > li').allInnerTexts()).toEqual(['buy milk', 'call mom']);
    expect(await bubble.locator('table th').allInnerTexts()).toEqual(['#', 'task', 'due']);
    expect(await bubble.locator('table td').allInnerTexts()).toEqual(['3', 'Buy milk', 'tomorrow']);
    expect(await bubble.locator('pre code').innerText()).toContain('const answer = 42;');
    const docs = bubble.getByRole('link', { name: 'the docs' });
    expect(await docs.getAttribute('href')).toBe('https://example.com/docs');
    expect(await docs.getAttribute('target')).toBe('_blank');
    expect(await docs.getAttribute('rel')).toBe('noopener noreferrer');
    // The javascript: link is its words only; the HTML shows as typed and never became elements or ran.
    expect(await bubble.locator('a').count()).toBe(1);
    await bubble.getByText('this', { exact: true }).click();
    expect(await bubble.locator('script, img').count()).toBe(0);
    expect(await bubble.innerText()).toContain('<script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await screenshot(page, 'stream-05-markdown');
  });

  it('GIVEN the model adds a task WHEN the turn ends THEN the step reads as a sentence in the user’s zone, with details as a table, never JSON', async () => {
    await ask(page, 'tools add');
    const steps = replies().last().getByRole('list', { name: 'Actions taken' });
    const step = steps.locator('li[data-tool="add_task"]');
    await expect.poll(() => step.innerText()).toMatch(/^Added ‘Buy milk’ · due tomorrow 9 am/);
    expect(await steps.innerText()).not.toMatch(/[{}]/);
    await step.locator('summary').click();
    const details = step.getByRole('table');
    expect(await details.innerText()).toMatch(/Task\s+#1/);
    expect(await details.innerText()).toMatch(/Priority\s+high/);
    expect(await steps.innerText()).not.toMatch(/[{}]/);
    await screenshot(page, 'stream-06-tool-sentence');
  });

  it('GIVEN the model looked a task up before completing it WHEN the turn ends THEN only the completion shows; a reply that only looked shows one quiet line', async () => {
    await ask(page, 'tools complete');
    const steps = () => replies().last().getByRole('list', { name: 'Actions taken' }).getByRole('listitem');
    expect(await steps().allInnerTexts()).toEqual(['Completed ‘Buy milk’']);

    await ask(page, 'tools look');
    expect(await steps().allInnerTexts()).toEqual(['Looked up 1 task']);
    expect(await steps().first().getAttribute('data-tool')).toBe('lookup');
    await screenshot(page, 'stream-07-lookups-folded');
  });

  it('GIVEN the model adds two tasks due at the same time WHEN the turn ends THEN one line says so, each task a row of its details', async () => {
    await ask(page, 'tools add2');
    const steps = replies().last().getByRole('list', { name: 'Actions taken' }).getByRole('listitem');
    expect(await steps.allInnerTexts()).toEqual(['Added 2 tasks · due Jan 4, 2030, 5 pm']);
    await steps.first().locator('summary').click();
    expect(await steps.first().getByRole('table').innerText()).toMatch(/File taxes[\s\S]*Pay rent/);
  });

  it('GIVEN the model fails WHEN a message is sent THEN a clear error with Retry shows, and Retry completes the turn', async () => {
    const answers = page.locator('article[aria-label="Assistant"][data-state="done"]', {
      hasText: 'Here is a streamed answer',
    });
    const answered = await answers.count();
    const input = page.getByLabel('Message the assistant');
    await input.fill('fail once then work');
    await input.press('Enter');
    const failed = page.locator('article[aria-label="Assistant"][data-state="error"]');
    await failed.waitFor({ timeout: 30_000 });
    expect((await failed.getByRole('alert').innerText()).length).toBeGreaterThan(5);
    await screenshot(page, 'stream-04-error');
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.locator('article[data-state="error"]').count()).toBe(0);
    await expect.poll(() => answers.count(), { timeout: 30_000 }).toBe(answered + 1);
    // The retried message is shown once, not twice.
    expect(await page.locator('article[aria-label="You"]', { hasText: 'fail once then work' }).count()).toBe(
      1,
    );
  });
});
