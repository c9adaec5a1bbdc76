import type { Page } from 'playwright-core';

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** Creates an account through the sign-up form and waits for the workspace. */
export async function signUp(page: Page, frontendUrl: string, user: TestUser): Promise<void> {
  await page.goto(`${frontendUrl}/sign-up`);
  await page.getByLabel('Name').fill(user.name);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await Promise.all([
    page.waitForURL(`${frontendUrl}/`),
    page.getByRole('button', { name: 'Create account' }).click(),
  ]);
  await page.getByRole('heading', { name: 'Tasks' }).waitFor();
}

/**
 * Creates an account straight through the backend's API: sign-up (which never signs in), then sign-in with the
 * same email and password. Returns the account's id and bearer token.
 */
export async function apiSignUp(backendUrl: string, user: TestUser): Promise<{ id: string; token: string }> {
  const post = (path: string, body: object) =>
    fetch(`${backendUrl}/api/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: backendUrl },
      body: JSON.stringify(body),
    });
  const up = await post('sign-up/email', user);
  if (up.status !== 200) throw new Error(`sign-up failed: ${up.status} ${await up.text()}`);
  const res = await post('sign-in/email', { email: user.email, password: user.password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; user: { id: string } };
  return { id: body.user.id, token: body.token };
}

export const assistantReplies = (page: Page) => page.locator('article[aria-label="Assistant"]');

/** Waits until the reply at `index` has finished streaming; returns its text (throws if it did not end well). */
export async function replyDone(page: Page, index: number, what: string): Promise<string> {
  const reply = assistantReplies(page).nth(index);
  await reply.waitFor();
  await page.waitForFunction(
    (i) => {
      const el = document.querySelectorAll('article[aria-label="Assistant"]')[i];
      return el && el.getAttribute('data-state') !== 'streaming';
    },
    index,
    { timeout: 60_000 },
  );
  const state = await reply.getAttribute('data-state');
  const body = (await reply.innerText()).trim();
  if (state !== 'done') throw new Error(`chat turn "${what}" ended in state ${state}: ${body}`);
  return body;
}

/** Sends a chat message with the keyboard and waits until the streamed reply has finished; returns its text. */
export async function ask(page: Page, text: string): Promise<string> {
  const before = await assistantReplies(page).count();
  const input = page.getByLabel('Message the assistant');
  await input.fill(text);
  await input.press('Enter');
  // The user's message shows at once (optimistic), before the reply.
  await page.locator('article[aria-label="You"]', { hasText: text }).last().waitFor();
  return replyDone(page, before, text);
}

/** One JSON-RPC call to the MCP endpoint (Streamable HTTP, stateless) with a bearer token, through `baseUrl`. */
export function mcpPost(baseUrl: string, token: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(body),
  });
}

/** Saves the signed-in user's UI language through the API from the page (same cookies); the next load uses it. */
export async function saveLanguage(page: Page, language: 'en' | 'ur'): Promise<void> {
  const status = await page.evaluate(async (lang) => {
    const session = (await (await fetch('/api/auth/get-session')).json()) as { user: { id: string } };
    const res = await fetch(`/api/${session.user.id}/settings`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: lang }),
    });
    return res.status;
  }, language);
  if (status !== 200) throw new Error(`saving the language answered ${status}`);
}
