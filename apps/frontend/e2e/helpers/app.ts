import type { Page } from 'playwright-core';

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** Opens the form at `path`, fills its fields (label → value), submits it and waits for the workspace. */
async function submitAccountForm(
  page: Page,
  frontendUrl: string,
  path: '/sign-up' | '/sign-in',
  fields: Record<string, string>,
  submit: string,
): Promise<void> {
  await page.goto(`${frontendUrl}${path}`);
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label).fill(value);
  await Promise.all([page.waitForURL(`${frontendUrl}/`), page.getByRole('button', { name: submit }).click()]);
  await page.getByRole('heading', { name: 'Tasks' }).waitFor();
}

/** Creates an account through the sign-up form and waits for the workspace. */
export const signUp = (page: Page, frontendUrl: string, user: TestUser): Promise<void> =>
  submitAccountForm(
    page,
    frontendUrl,
    '/sign-up',
    { Name: user.name, Email: user.email, Password: user.password },
    'Create account',
  );

/** Signs in through the sign-in form and waits for the workspace. */
export const signIn = (page: Page, frontendUrl: string, user: TestUser): Promise<void> =>
  submitAccountForm(page, frontendUrl, '/sign-in', { Email: user.email, Password: user.password }, 'Sign in');

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
