// The "big user" scenario of `pnpm bench` (issue 16): one user with 100,000 tasks and 10,000 conversations next
// to one with 50 tasks, measured in the same run against the same backend. Each endpoint is requested for the big
// and the small user in turn over one keep-alive connection, so both see the same moment-to-moment machine load;
// the cost of a page must not depend on how much history is behind it.
import http from 'node:http';
import { percentiles, request, scaleTool, signUp } from './lib.mjs';

const ROUNDS = 150;
const WARMUP = 15;
export const BIG = { tasks: 100_000, conversations: 10_000, messages: 3 };
// As many conversations as a page holds, so both users' conversation pages are the same size.
export const SMALL = { tasks: 50, conversations: 60, messages: 3 };

/** Endpoints whose big ÷ small p50 is a target: the same page size for both users. */
const pages = [
  ...['created', 'due', 'priority', 'title'].flatMap((sort) =>
    ['asc', 'desc'].map((order) => ({
      name: `list sort=${sort} order=${order}`,
      path: `tasks?sort=${sort}&order=${order}`,
    })),
  ),
  { name: 'list, page 2 (20 per page)', path: 'tasks', second: true },
  { name: 'conversations', path: 'conversations' },
  { name: 'messages of the latest conversation', path: 'messages' },
];
/** Endpoints judged by their big-user p50 (their result sizes differ between the users). */
const searches = [
  { name: 'search q=team (a third of the tasks)', path: 'tasks?q=team' },
  { name: 'search q=passport (4 of 100,000)', path: 'tasks?q=passport' },
  { name: 'list status=pending', path: 'tasks?status=pending' },
];

/** @typedef {{ name: string, big: number, small: number, ratio: number, errors: number }} Row */

export async function bigUserScenario(base, databaseUrl, tag) {
  /** @type {Record<'big' | 'small', Awaited<ReturnType<typeof signUp>> & { cursor?: string, latest?: string }>} */
  const users = {
    big: await signUp(base, 'Big user', `big-${tag}@example.test`),
    small: await signUp(base, 'Small user', `small-${tag}@example.test`),
  };
  const t0 = Date.now();
  for (const [who, size] of /** @type {const} */ ([
    ['big', BIG],
    ['small', SMALL],
  ]))
    scaleTool('seed', databaseUrl, [users[who].id, size.tasks, size.conversations, size.messages]);
  const seedSeconds = (Date.now() - t0) / 1000;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (u, path) =>
    request(agent, `${base}/api/${u.id}/${path}`, { headers: { authorization: `Bearer ${u.token}` } });
  // Per user: the second page's cursor (pages of 20: the small user has 50 tasks) and the latest conversation.
  for (const u of Object.values(users)) {
    u.cursor = JSON.parse((await get(u, 'tasks?limit=20')).body).next_cursor;
    u.latest = JSON.parse((await get(u, 'conversations?limit=1')).body).items[0].id;
  }
  const pathFor = (u, e) =>
    e.path === 'messages'
      ? `conversations/${u.latest}`
      : e.second
        ? `tasks?limit=20&cursor=${encodeURIComponent(u.cursor)}`
        : e.path;

  const measure = async (e) => {
    /** @type {{ big: number[], small: number[] }} */
    const ms = { big: [], small: [] };
    let errors = 0;
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      for (const who of i % 2 ? ['small', 'big'] : ['big', 'small']) {
        const res = await get(users[who], pathFor(users[who], e));
        if (res.status !== 200) errors++;
        else if (i >= WARMUP) ms[who].push(res.ms);
      }
    }
    const big = percentiles(ms.big).p50;
    const small = percentiles(ms.small).p50;
    return { name: e.name, big, small, ratio: big / small, errors };
  };
  /** @type {{ pages: Row[], searches: Row[] }} */
  const rows = { pages: [], searches: [] };
  for (const e of pages) rows.pages.push(await measure(e));
  for (const e of searches) rows.searches.push(await measure(e));
  agent.destroy();

  const plans = JSON.parse(scaleTool('plans', databaseUrl, [users.big.id, users.small.id]));
  return { rows, plans, users, seedSeconds };
}
