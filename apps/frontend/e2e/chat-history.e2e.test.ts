import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';
import type { Stack } from './helpers/stack';

// Long histories in a real browser: more conversations than one sidebar page, a conversation longer than one
// page of messages (seeded through the backend's API with the local agent), and more tasks than one page. Each list
// loads further pages on request, and loading earlier messages does not move what the reader is looking at.

const TOPICS = 55; // one sidebar page is 50
const LONG_TURNS = 60; // 120 messages; one page is 100

let app: TestApp;
let stack: Stack;
let account: { token: string; id: string };
let page: Page;

/** One chat turn through the backend's API; returns the conversation id. */
async function chat(token: string, userId: string, message: string, conversationId?: string) {
  const res = await fetch(`${stack.backendUrl}/api/${userId}/chat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(conversationId ? { conversation_id: conversationId, message } : { message }),
  });
  if (res.status !== 200) throw new Error(`chat failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { conversation_id: string }).conversation_id;
}

beforeAll(async () => {
  app = await startApp('history', {
    backendEnv: { CHAT_RATE_LIMIT_MAX: '10000' },
    user: { name: 'Hist Orian', password: 'long-history-1' },
    account: 'api',
  });
  ({ stack, page } = app);
  const created = app.account!;
  const token = created.token;
  account = created;
  // The long conversation first, so the topics push it onto the sidebar's second page.
  const long = await chat(token, created.id, 'Long story part 1');
  for (let i = 2; i <= LONG_TURNS; i++) await chat(token, created.id, `Long story part ${i}`, long);
  for (let i = 1; i <= TOPICS; i++) await chat(token, created.id, `Topic ${i}`);

  await signIn(page, stack.frontendUrl, app.user);
}, 300_000);

afterAll(() => app?.close());

const sidebar = () => page.getByRole('complementary', { name: 'Conversations' });
const titles = () => sidebar().locator('[data-conversation-id]').allInnerTexts();
const log = () => page.getByRole('log', { name: 'Chat messages' });
const shownMessages = () => log().locator('article').allInnerTexts();

describe('long histories in a real browser', () => {
  it('GIVEN more conversations than a page WHEN the sidebar loads THEN it shows the newest 50, and "Show older conversations" adds the rest once', async () => {
    await expect.poll(titles).toHaveLength(50);
    expect((await titles())[0]).toBe(`Topic ${TOPICS}`);
    expect(await titles()).not.toContain('Long story part 1');
    const more = sidebar().getByRole('button', { name: 'Show older conversations' });
    await more.click();
    await expect.poll(titles).toHaveLength(TOPICS + 1);
    expect(await titles()).toEqual([
      ...Array.from({ length: TOPICS }, (_, i) => `Topic ${TOPICS - i}`),
      'Long story part 1',
    ]);
    await more.waitFor({ state: 'detached' });
    // Keyboard focus continues at the first conversation that was added.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Topic 5');
    await screenshot(page, 'history-01-all-conversations');
  });

  it('GIVEN a conversation longer than a page WHEN opened THEN its newest 100 messages show, scrolled to the end', async () => {
    await sidebar().getByRole('button', { name: 'Long story part 1', exact: true }).click();
    await expect.poll(async () => (await shownMessages()).length).toBe(100);
    const texts = await shownMessages();
    expect(texts[0]).toContain('Long story part 11');
    expect(texts.at(-2)).toContain(`Long story part ${LONG_TURNS}`);
    const atBottom = await log().evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);
    expect(atBottom).toBe(true);
  });

  it('GIVEN the top of the loaded messages WHEN "Show earlier messages" is pressed THEN the rest appear above without moving the view', async () => {
    await log().evaluate((el) => (el.scrollTop = 0));
    const anchor = log().locator('article', { hasText: 'Long story part 11' }).first();
    const before = (await anchor.boundingBox())!.y;
    await log().getByRole('button', { name: 'Show earlier messages' }).click();
    await expect.poll(async () => (await shownMessages()).length).toBe(LONG_TURNS * 2);
    // The message at the top of the view stays where it was; the earlier ones are above it, off screen.
    expect(Math.abs((await anchor.boundingBox())!.y - before)).toBeLessThanOrEqual(2);
    expect(await log().evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    const texts = await shownMessages();
    const users = texts.filter((_, i) => i % 2 === 0);
    expect(users.map((t) => t.trim())).toEqual(
      Array.from({ length: LONG_TURNS }, (_, i) => `Long story part ${i + 1}`),
    );
    await log().getByRole('button', { name: 'Show earlier messages' }).waitFor({ state: 'detached' });
    await screenshot(page, 'history-02-earlier-messages');
  });

  it('GIVEN a link to a conversation on a sidebar page not loaded yet WHEN opened THEN its messages and title show', async () => {
    const id = await page.evaluate(() => new URL(window.location.href).searchParams.get('c'));
    expect(id).toBeTruthy();
    await page.goto(`${stack.frontendUrl}/?c=${id}`);
    await expect.poll(async () => (await shownMessages()).length).toBe(100);
    // Only the first sidebar page is loaded; the header still names the conversation.
    expect(await titles()).not.toContain('Long story part 1');
    await expect.poll(() => page.locator('#chat-subtitle').innerText()).toBe('Long story part 1');
  });

  it('GIVEN more tasks than a page WHEN "Load more" is clicked twice in a row THEN every task shows exactly once', async () => {
    for (let i = 1; i <= 60; i++) {
      const res = await fetch(`${stack.backendUrl}/api/${account.id}/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${account.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Paged task ${String(i).padStart(2, '0')}` }),
      });
      expect(res.status).toBe(201);
    }
    await page.goto(`${stack.frontendUrl}/`);
    const items = () => page.getByRole('list', { name: 'Task list' }).getByRole('listitem').allInnerTexts();
    await expect.poll(async () => (await items()).length).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).dblclick();
    await expect.poll(async () => (await items()).length).toBe(60);
    await page.getByRole('button', { name: /Load(ing)? more/ }).waitFor({ state: 'detached' });
    // A second page request with the same cursor would land after the first: let the network settle, then count.
    await page.waitForLoadState('networkidle');
    const shown = (await items()).map((t) => /Paged task \d+/.exec(t)?.[0]);
    expect(shown).toHaveLength(60);
    expect(new Set(shown).size).toBe(60);
  });

  it('GIVEN a phone-sized screen WHEN paging the drawer and the chat THEN both buttons work and nothing overflows sideways', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${stack.frontendUrl}/`);
    await page.getByLabel('Message the assistant').waitFor();
    await page.getByRole('button', { name: 'Show conversations' }).click();
    const more = sidebar().getByRole('button', { name: 'Show older conversations' });
    await more.click();
    await sidebar().getByRole('button', { name: 'Long story part 1', exact: true }).click();
    await log().getByRole('button', { name: 'Show earlier messages' }).click();
    await expect.poll(async () => (await shownMessages()).length).toBe(LONG_TURNS * 2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'history-03-mobile');
  });
});
