import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, mcpPost } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';
import type { Stack } from './helpers/stack';

// Live updates in a real browser: changes made outside the open page (an MCP client, a REST client) reach its task
// list and the chat's task references through the one event stream, and the page's own changes show once.

let app: TestApp;
let stack: Stack;
let page: Page;
let userId = '';
let cookie = '';
let token = '';

/** A call from outside the page, with the user's session, through the frontend's origin like any client. */
async function rest(method: string, path: string, json?: unknown): Promise<Response> {
  const res = await fetch(`${stack.frontendUrl}${path}`, {
    method,
    headers: {
      cookie,
      origin: stack.frontendUrl,
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function mcpAddTask(title: string): Promise<void> {
  const res = await mcpPost(stack.frontendUrl, token, {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'add_task', arguments: { title } },
  });
  const text = await res.text();
  if (res.status !== 200 || /"isError":true/.test(text))
    throw new Error(`MCP add_task: ${res.status} ${text}`);
}

beforeAll(async () => {
  app = await startApp('live');
  ({ stack, page } = app);
  // Count the event streams each document opens, from a fresh load.
  await page.addInitScript(() => {
    const w = window as unknown as { EventSource: typeof EventSource; openedStreams: string[] };
    const Original = w.EventSource;
    w.openedStreams = [];
    w.EventSource = class extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        w.openedStreams.push(String(url));
      }
    };
  });
  await page.reload();
  await page.getByRole('heading', { name: 'Tasks' }).waitFor();
  cookie = (await app.browser.context.cookies(stack.frontendUrl))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  const session = (await (await rest('GET', '/api/auth/get-session')).json()) as { user: { id: string } };
  userId = session.user.id;
  const created = await rest('POST', `/api/${userId}/tokens`, { name: 'live e2e' });
  token = ((await created.json()) as { token: string }).token;
});

afterAll(() => app?.close());

const openedStreams = () =>
  page.evaluate(() => (window as unknown as { openedStreams: string[] }).openedStreams);
const taskList = () => page.getByRole('list', { name: 'Task list' });
const row = (title: string) => page.locator('li.task', { hasText: title });

describe('live updates', () => {
  it('GIVEN an open page WHEN a task is added through MCP THEN it appears within 2 s, without reload, over one stream', async () => {
    await page.getByText('No tasks yet').waitFor();
    const navigations: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
    const started = Date.now();
    await mcpAddTask('Water the plants');
    await row('Water the plants').waitFor({ timeout: 2000 });
    console.log(`MCP add → row shown in ${Date.now() - started} ms`);
    expect(navigations).toEqual([]);
    expect(await openedStreams()).toHaveLength(1);
    await screenshot(page, 'live-01-mcp-task');
  });

  it('GIVEN a task the chat added WHEN another client renames and completes it THEN the row and the chat chip follow in place', async () => {
    await ask(page, 'add a task to buy milk');
    const step = page.locator('li[data-tool="add_task"]').last();
    // The sentence ("Added ‘buy milk’"), not its details table, which has the title too.
    const chip = step.locator('summary');
    await chip.getByText('buy milk').waitFor();
    const id = Number(await step.getAttribute('data-task-id'));
    expect(id).toBeGreaterThan(0);
    await row('buy milk').waitFor();

    await rest('PATCH', `/api/${userId}/tasks/${id}`, { title: 'Buy oat milk' });
    await row('Buy oat milk').waitFor({ timeout: 2000 });
    await chip.getByText('Buy oat milk').waitFor({ timeout: 2000 });

    await rest('PATCH', `/api/${userId}/tasks/${id}/complete`);
    await page.waitForFunction(
      (n) => document.querySelector<HTMLInputElement>(`[data-task-id="${n}"] input.check`)?.checked === true,
      id,
      { timeout: 2000 },
    );
    await chip.getByText('now done').waitFor({ timeout: 2000 });
    expect(await row('Buy oat milk').count()).toBe(1);
  });

  it("GIVEN the page's own add WHEN its event arrives too THEN the task shows once", async () => {
    await page.getByLabel('New task').fill('Call the plumber');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await row('Call the plumber').waitFor();
    // The event for this change follows the answer; give it time to arrive and be applied.
    await page.waitForTimeout(1000);
    expect(await row('Call the plumber').count()).toBe(1);
    // Plumber and plants open, the milk task in the Done group: three rows, each task once.
    const ids = await taskList()
      .locator('li.task')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-id')));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('GIVEN a task on screen WHEN another client deletes it THEN its row goes away', async () => {
    const id = Number(await row('Water the plants').getAttribute('data-task-id'));
    await rest('DELETE', `/api/${userId}/tasks/${id}`);
    await expect.poll(() => row('Water the plants').count(), { timeout: 2000 }).toBe(0);
    expect(await openedStreams()).toHaveLength(1);
  });
});
