import { chatResponseSchema } from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { createDatabase } from '../../src/db/client';
import { as, createAccessToken, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { json } from '../helpers/json';

/*
 * Per-user quotas (db/quotas.ts, drizzle/0012): every surface that adds tasks or conversations is refused past
 * the quota with a clear answer, nothing is changed by a refused request, and concurrent writers cannot slip past.
 */

const MAX_TASKS = 3;
const MAX_CONVERSATIONS = 2;
const env = { MAX_TASKS_PER_USER: String(MAX_TASKS), MAX_CONVERSATIONS_PER_USER: String(MAX_CONVERSATIONS) };

describe.each(DRIVERS.filter((d) => d !== 'neon'))('quotas on %s', (driver) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(driver, env);
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => t?.close());

  const titles = async (user: TestUser) =>
    (await as(t.app, user)('GET', `/api/${user.id}/tasks?limit=100`))
      .json<{ items: { title: string }[] }>()
      .items.map((x) => x.title)
      .sort();
  const create = (user: TestUser, title: string) =>
    as(t.app, user)('POST', `/api/${user.id}/tasks`, { title });
  const chat = (user: TestUser, message: string, conversation_id?: string) =>
    as(t.app, user)('POST', `/api/${user.id}/chat`, {
      message,
      ...(conversation_id ? { conversation_id } : {}),
    });
  const counts = async (user: TestUser) =>
    (
      await t.db.database.query<{ task_count: number; conversation_count: number }>(
        '',
        'select task_count, conversation_count from user_settings where user_id = $1',
        [user.id],
      )
    )[0];
  const taskQuotaError = {
    error: {
      code: 'task_quota_exceeded',
      message: `This account has reached its limit of ${MAX_TASKS} tasks: delete some to add more`,
      details: { limit: MAX_TASKS },
    },
  };

  it('GIVEN a user at the task quota WHEN creating one more by REST THEN 409 task_quota_exceeded and nothing is added; another user is unaffected; after a delete one fits', async () => {
    const [ann, ben] = [await signUp(t.app, 'Ann'), await signUp(t.app, 'Ben')];
    for (const title of ['a', 'b', 'c']) expect((await create(ann, title)).statusCode).toBe(201);
    const refused = await create(ann, 'd');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual(taskQuotaError);
    expect(await titles(ann)).toEqual(['a', 'b', 'c']);
    expect((await create(ben, 'x')).statusCode).toBe(201);
    expect((await as(t.app, ann)('DELETE', `/api/${ann.id}/tasks/1`)).statusCode).toBe(204);
    expect((await create(ann, 'd')).statusCode).toBe(201);
    expect(await titles(ann)).toEqual(['b', 'c', 'd']);
    expect(await counts(ann)).toMatchObject({ task_count: 3 });
  });

  it('GIVEN room for one task WHEN the chat is asked to add two THEN one is added and the reply names the other as stopped by the limit', async () => {
    const cy = await signUp(t.app, 'Cy');
    for (const title of ['a', 'b']) await create(cy, title);
    const res = await chat(cy, 'add milk and eggs');
    expect(res.statusCode).toBe(200);
    expect(json(res, chatResponseSchema).response).toBe(
      `Added task 3 “Milk”.\nI couldn't add “Eggs”: this account has reached its limit of ${MAX_TASKS} tasks: delete some to add more.`,
    );
    expect(await titles(cy)).toHaveLength(MAX_TASKS);
  });

  it('GIVEN a user at the task quota WHEN an MCP client calls add_task THEN the tool answers an error in words and nothing is added', async () => {
    const di = await signUp(t.app, 'Di');
    for (const title of ['a', 'b', 'c']) await create(di, title);
    const { token } = await createAccessToken(t.app, di);
    const res = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'add_task', arguments: { title: 'd' } },
      }),
    });
    const text = await res.text();
    const body = JSON.parse(/^data: *(.+)$/m.exec(text)?.[1] ?? text) as {
      result: { isError?: boolean; content: { text: string }[] };
    };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]!.text).toContain(`limit of ${MAX_TASKS} tasks`);
    expect(await titles(di)).toEqual(['a', 'b', 'c']);
  });

  it.each([
    // Undo of [delete a, add d] removes d and restores a: the count never really passes the quota.
    ['removes one and restores one', 2, 200, ['a', 'b', 'c']],
    // Undo of [delete a] alone while D (added by chat) fills the room: a would be the 4th.
    ['only restores, past the quota', 1, 409, ['D', 'b', 'c']],
  ] as const)(
    'GIVEN a full task list WHEN an undo %s THEN it is done whole or refused whole',
    async (_what, groups, status, after) => {
      const ed = await signUp(t.app, 'Ed');
      for (const title of ['a', 'b', 'c']) await create(ed, title);
      await as(t.app, ed)('DELETE', `/api/${ed.id}/tasks/1`);
      if (groups === 2) await create(ed, 'd');
      else await chat(ed, 'add d');
      const res = await as(t.app, ed)('POST', `/api/${ed.id}/activity/undo`, { groups });
      expect(res.statusCode).toBe(status);
      if (status === 409) expect(res.json()).toEqual(taskQuotaError);
      expect(await titles(ed)).toEqual(after);
      expect(await counts(ed)).toMatchObject({ task_count: after.length });
    },
  );

  it('GIVEN a user at the conversation quota WHEN a chat starts a new conversation THEN 409 conversation_quota_exceeded and nothing is stored; an existing one still continues', async () => {
    const flo = await signUp(t.app, 'Flo');
    const first = (await chat(flo, 'show my tasks')).json<{ conversation_id: string }>().conversation_id;
    expect((await chat(flo, 'show my tasks')).statusCode).toBe(200);
    const refused = await chat(flo, 'add milk');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: {
        code: 'conversation_quota_exceeded',
        message: `This account has reached its limit of ${MAX_CONVERSATIONS} conversations: delete some to start a new one`,
        details: { limit: MAX_CONVERSATIONS },
      },
    });
    expect(await titles(flo)).toEqual([]);
    expect((await chat(flo, 'add milk', first)).statusCode).toBe(200);
    expect(await counts(flo)).toMatchObject({ conversation_count: 2 });
    await as(t.app, flo)('DELETE', `/api/${flo.id}/conversations/${first}`);
    expect((await chat(flo, 'show my tasks')).statusCode).toBe(200);
  });

  it('GIVEN two app replicas on one database WHEN 10 creates for one user race THEN exactly the quota is created and the rest are 409', async () => {
    const gus = await signUp(t.app, 'Gus');
    // A second replica with its own connections (PGlite has one process: the same database, another app).
    const second =
      driver === 'pglite' ? t.db.database : await createDatabase({ driver, url: t.db.url!, poolMax: 5 });
    const other: FastifyInstance = await buildApp({ config: t.config, database: second, logger: false });
    try {
      const apps = [t.app, other];
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          apps[i % 2]!.inject({
            method: 'POST',
            url: `/api/${gus.id}/tasks`,
            headers: { authorization: `Bearer ${gus.token}` },
            payload: { title: `t${i}` },
          }),
        ),
      );
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([
        ...Array<number>(MAX_TASKS).fill(201),
        ...Array<number>(10 - MAX_TASKS).fill(409),
      ]);
      expect(await titles(gus)).toHaveLength(MAX_TASKS);
      expect(await counts(gus)).toMatchObject({ task_count: MAX_TASKS });
    } finally {
      await other.close();
      if (second !== t.db.database) await second.close();
    }
  });
});
