import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { ActivityPage, Task } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_NAMES } from '../../src/tasks/tools';
import { as, createAccessToken, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';
import { anyNumber, anyString } from '../helpers/json';

interface TextResult {
  content: { type: string; text: string }[];
  isError?: boolean;
}

describe('MCP server at /mcp (official SDK client over real HTTP)', () => {
  let t: TestApp;
  let base: string;
  let alice: TestUser;
  let bob: TestUser;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await createTestApp('pglite');
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    alice = await signUp(t.app, 'Alice');
    bob = await signUp(t.app, 'Bob');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await t?.close();
  });

  const createToken = (user: TestUser, name = 'mcp') => createAccessToken(t.app, user, name);

  async function connect(token: string): Promise<Client> {
    const client = new Client({ name: 'todo-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  const call = async (client: Client, name: string, args: Record<string, unknown>) => {
    const res = (await client.callTool({ name, arguments: args })) as TextResult;
    return {
      isError: res.isError ?? false,
      value: JSON.parse(res.content[0]!.text) as Record<string, unknown>,
    };
  };

  it('GIVEN a personal access token WHEN a client connects THEN it lists the task tools with their schemas', async () => {
    const client = await connect((await createToken(alice)).token);
    expect(client.getServerVersion()?.name).toBe('todo-chatbot');
    const { tools } = await client.listTools();
    expect(tools.map((x) => x.name)).toEqual(TOOL_NAMES);
    const add = tools.find((x) => x.name === 'add_task')!;
    expect(add.inputSchema.required).toEqual(['title']);
    expect(Object.keys(add.inputSchema.properties ?? {})).not.toContain('user_id');
    expect(tools.find((x) => x.name === 'delete_task')!.annotations?.destructiveHint).toBe(true);
  });

  it('GIVEN a user whose saved zone is Asia/Karachi WHEN an MCP client adds a task due "today at 9pm" THEN it is 21:00 there', async () => {
    const user = await signUp(t.app, 'Zoned');
    const saved = await as(t.app, user)('PATCH', `/api/${user.id}/settings`, { time_zone: 'Asia/Karachi' });
    expect(saved.statusCode, saved.body).toBe(200);
    const client = await connect((await createToken(user)).token);
    const added = await call(client, 'add_task', { title: 'Call the bank', due: 'today at 9pm' });
    expect(added.isError).toBe(false);
    const task = (await as(t.app, user)('GET', `/api/${user.id}/tasks/1`)).json<{ due_at: string }>();
    const wall = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Karachi',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(wall.format(new Date(task.due_at))).toBe('21:00');
  });

  it('GIVEN an MCP client WHEN it adds a task with "remind me 10 minutes before" THEN the reminder is scheduled and the answer says when', async () => {
    const user = await signUp(t.app, 'Reminded');
    const client = await connect((await createToken(user)).token);
    const added = await call(client, 'add_task', {
      title: 'Team call',
      due: 'in 2 hours',
      reminders: [{ before: 'PT10M' }],
    });
    expect(added.isError).toBe(false);
    const task = (await as(t.app, user)('GET', `/api/${user.id}/tasks/1`)).json<{ due_at: string }>();
    const remindAt = new Date(Date.parse(task.due_at) - 10 * 60_000).toISOString();
    expect(added.value.reminders_at).toEqual([remindAt]);
    const pending = (await as(t.app, user)('GET', `/api/${user.id}/reminders?state=pending`)).json<{
      items: { fire_at: string }[];
    }>();
    expect(pending.items.map((r) => r.fire_at)).toEqual([remindAt]);
    const snooze = await call(client, 'snooze_reminder', { task_id: 1 });
    expect(snooze.isError).toBe(true);
    expect(String(snooze.value.error)).toContain('no reminder that went off');
  });

  it('GIVEN a connected client WHEN it adds, lists, updates, completes and deletes THEN the tasks change for that user', async () => {
    const client = await connect((await createToken(alice)).token);
    const added = await call(client, 'add_task', { title: 'From MCP', priority: 'high', tags: ['mcp'] });
    expect(added).toEqual({
      isError: false,
      value: { task_id: anyNumber(), status: 'created', title: 'From MCP' },
    });
    const id = added.value.task_id as number;

    const listed = await call(client, 'list_tasks', { status: 'pending', q: 'from mcp' });
    expect((listed.value.tasks as { id: number }[]).map((x) => x.id)).toEqual([id]);

    expect(
      (await call(client, 'update_task', { task_id: id, title: 'From MCP, renamed' })).value,
    ).toMatchObject({ status: 'updated', title: 'From MCP, renamed' });
    expect((await call(client, 'complete_task', { task_id: id })).value).toMatchObject({
      status: 'completed',
    });
    const viaRest = (await as(t.app, alice)('GET', `/api/${alice.id}/tasks/${id}`)).json<Task>();
    expect(viaRest).toMatchObject({
      title: 'From MCP, renamed',
      completed: true,
      priority: 'high',
      tags: ['mcp'],
    });

    expect((await call(client, 'delete_task', { task_id: id })).value).toMatchObject({ status: 'deleted' });
    expect((await as(t.app, alice)('GET', `/api/${alice.id}/tasks/${id}`)).statusCode).toBe(404);
  });

  it('GIVEN MCP tool calls WHEN the log is read THEN each call is its own mcp change group, and undo reverts the last call only', async () => {
    const user = await signUp(t.app, 'McpLog');
    const client = await connect((await createToken(user)).token);
    await call(client, 'add_task', { title: 'one' });
    const second = await call(client, 'add_task', { title: 'two' });
    // A REST change is not in the MCP undo scope.
    await as(t.app, user)('POST', `/api/${user.id}/tasks`, { title: 'via REST' });
    const log = (await as(t.app, user)('GET', `/api/${user.id}/activity`)).json<ActivityPage>();
    expect(log.items.map((r) => r.surface)).toEqual(['api', 'mcp', 'mcp']);
    expect(new Set(log.items.map((r) => r.group_id)).size).toBe(3);

    const undone = await call(client, 'undo', {});
    expect(undone.value).toMatchObject({
      undone_groups: 1,
      reverted: [{ task_id: second.value.task_id, title: 'two', outcome: 'deleted' }],
    });
    const titles = (await call(client, 'list_tasks', {})).value.tasks as { title: string }[];
    expect(titles.map((x) => x.title)).toEqual(['via REST', 'one']);
  });

  it('GIVEN a missing task or bad arguments WHEN a tool is called THEN the result is an error, not a crash', async () => {
    const client = await connect((await createToken(alice)).token);
    expect(await call(client, 'complete_task', { task_id: 2147483000 })).toEqual({
      isError: true,
      value: { error: 'Task 2147483000 not found', code: 'not_found' },
    });
    const bad = (await client.callTool({ name: 'add_task', arguments: { title: '' } })) as TextResult;
    expect(bad.isError).toBe(true);
    expect(bad.content[0]!.text).toMatch(/title/);
  });

  it("GIVEN Bob's token WHEN he targets Alice's task ids or names her THEN Alice's data is untouched and never shown", async () => {
    const secret = (
      await as(t.app, alice)('POST', `/api/${alice.id}/tasks`, { title: 'Alice only' })
    ).json<Task>();
    const client = await connect((await createToken(bob)).token);
    for (const name of ['complete_task', 'delete_task']) {
      expect(await call(client, name, { task_id: secret.id })).toEqual({
        isError: true,
        value: { error: `Task ${secret.id} not found`, code: 'not_found' },
      });
    }
    expect((await call(client, 'update_task', { task_id: secret.id, title: 'pwned' })).isError).toBe(true);
    const smuggled = (await client.callTool({
      name: 'list_tasks',
      arguments: { user_id: alice.id },
    })) as TextResult;
    expect(smuggled.isError).toBe(true);
    const mine = await call(client, 'list_tasks', {});
    expect(JSON.stringify(mine)).not.toContain('Alice only');
    expect((await as(t.app, alice)('GET', `/api/${alice.id}/tasks/${secret.id}`)).json<Task>()).toEqual(
      secret,
    );
  });

  it('GIVEN no token, a session token, an unknown token or a revoked token WHEN calling /mcp THEN 401 with the JSON error shape', async () => {
    const revoked = await createToken(alice, 'to revoke');
    const client = await connect(revoked.token);
    expect((await client.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/${alice.id}/tokens/${revoked.id}`,
      headers: { cookie: alice.cookie },
    });
    expect(revoke.statusCode).toBe(204);

    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    };
    for (const authorization of [
      undefined,
      `Bearer ${alice.token}`,
      'Bearer tcb_not-a-real-token',
      `Bearer ${revoked.token}`,
    ]) {
      const res = await fetch(`${base}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify(init),
      });
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: anyString() } });
    }
    await expect(client.listTools()).rejects.toThrow();
    await expect(connect('tcb_not-a-real-token')).rejects.toThrow();
  });

  it('GIVEN the stateless endpoint WHEN a client uses GET or DELETE THEN 405 with Allow: POST', async () => {
    const { token } = await createToken(alice);
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${base}/mcp`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('method_not_allowed');
    }
  });
});

/** One raw JSON-RPC POST to /mcp (a call or a batch), as any MCP client sends it. */
const postMcp = (base: string, authorization: string, body: unknown) =>
  fetch(`${base}/mcp`, {
    method: 'POST',
    headers: {
      authorization,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify(body),
  });

describe('/mcp limits and headers', () => {
  let t: TestApp;
  let base: string;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp('pglite', { MCP_RATE_LIMIT_MAX: '3' });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    user = await signUp(t.app, 'Limit');
  });
  afterAll(() => t?.close());

  const token = async () => (await createAccessToken(t.app, user, 'limited')).token;
  const rpc = (tok: string, requestId?: string) =>
    fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tok}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });

  it('GIVEN an MCP call WHEN answered by the SDK THEN it carries the request id and the security headers', async () => {
    const res = await rpc(await token(), 'mcp-probe-1');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('mcp-probe-1');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('GIVEN one token over MCP_RATE_LIMIT_MAX calls a minute WHEN it calls again THEN 429 rate_limited; another token is unaffected', async () => {
    const [first, second] = [await token(), await token()];
    for (let i = 0; i < 3; i++) expect((await rpc(first)).status).toBe(200);
    const limited = await rpc(first);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({
      error: { code: 'rate_limited', details: { retry_after_seconds: anyNumber() } },
    });
    expect(limited.headers.get('x-request-id')).toBeTruthy();
    expect((await rpc(second)).status).toBe(200);
  });

  const post = (authorization: string, body: unknown) => postMcp(base, authorization, body);
  const list = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/list' });

  it('GIVEN one token spelled with bearer, BEARER and extra spaces WHEN it calls past the limit THEN every spelling shares one budget', async () => {
    const tok = await token();
    const spellings = [`Bearer ${tok}`, `bearer ${tok}`, `BEARER  ${tok}`];
    for (const authorization of spellings) expect((await post(authorization, list(1))).status).toBe(200);
    const limited = await post(`bEaReR   ${tok}`, list(1));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('GIVEN a JSON-RPC batch WHEN it holds more calls than the budget THEN it is refused as that many calls', async () => {
    const tok = await token();
    const batch = await post(`Bearer ${tok}`, [list(1), list(2), list(3), list(4)]);
    expect(batch.status).toBe(429);
    expect(await batch.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // A batch that fits is charged per call too: two calls, then two more would be four.
    const other = await token();
    expect((await post(`Bearer ${other}`, [list(1), list(2)])).status).toBe(200);
    expect((await post(`Bearer ${other}`, [list(3), list(4)])).status).toBe(429);
  });
});

describe('/mcp and token scopes', () => {
  let t: TestApp;
  let base: string;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    user = await signUp(t.app, 'Scoped');
  });
  afterAll(() => t?.close());

  const rpc = (tok: string, body: unknown) => postMcp(base, `Bearer ${tok}`, body);

  it('GIVEN a read-only token (mcp, tasks:read) WHEN it lists and calls tools THEN only read tools exist and add_task is refused', async () => {
    const { token } = await createAccessToken(t.app, user, 'kagent', ['mcp', 'tasks:read']);
    const listed = await rpc(token, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const names = ((await listed.json()) as { result: { tools: { name: string }[] } }).result.tools.map(
      (x) => x.name,
    );
    expect(names).toContain('list_tasks');
    expect(names).not.toContain('add_task');
    expect(names).not.toContain('delete_task');
    const add = await rpc(token, {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'add_task', arguments: { title: 'injected' } },
    });
    expect(JSON.stringify(await add.json())).toMatch(/not found|error/i);
    const tasks = await t.app.inject({
      method: 'GET',
      url: `/api/${user.id}/tasks`,
      headers: { cookie: user.cookie },
    });
    expect(tasks.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('GIVEN a token without the mcp scope WHEN it calls /mcp THEN 403 naming the missing scope', async () => {
    const { token } = await createAccessToken(t.app, user, 'rest only', ['api', 'tasks:read']);
    const res = await rpc(token, { jsonrpc: '2.0', id: 1, method: 'tools/list' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: { code: 'forbidden', details: { missing_scopes: ['mcp'] } },
    });
  });
});
