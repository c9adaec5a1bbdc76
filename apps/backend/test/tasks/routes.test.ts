import type { Task, TaskList } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/db';
import { createTask } from '../helpers/tasks';
import { as, signUp, twoUsers, type As, type TestApp, type TestUser } from '../helpers/app';
import { anyString, errorOf, validationIssues } from '../helpers/json';

// The same suite runs on every driver: PGlite, node-postgres and Neon's serverless Pool (when TEST_DATABASE_URL is set).
describe.each(DRIVERS)('tasks API on %s', (driver) => {
  let t: TestApp, alice: TestUser, bob: TestUser, a: As, b: As;

  beforeAll(async () => {
    ({ t, alice, bob, a, b } = await twoUsers(driver));
  });
  afterAll(() => t?.close());

  const base = () => `/api/${alice.id}/tasks`;
  const create = (body: Record<string, unknown>) => createTask(a, alice.id, body);

  describe('CRUD', () => {
    it('GIVEN a signed-in user WHEN they create a task THEN it is stored trimmed with defaults', async () => {
      const task = await create({ title: '  Buy milk  ', tags: ['shop', 'shop', ' home '] });
      expect(task).toMatchObject({
        title: 'Buy milk',
        description: '',
        completed: false,
        priority: 'medium',
        tags: ['shop', 'home'],
        due_at: null,
        user_id: alice.id,
      });
      expect(Number.isInteger(task.id)).toBe(true);
      const got = await a('GET', `${base()}/${task.id}`);
      expect(got.json()).toEqual(task);
    });

    it('GIVEN tags with quotes, commas, braces and backslashes and a due date with an offset WHEN created THEN they come back exactly, in UTC ISO form', async () => {
      const tags = ['a "quoted" tag', 'x,y', '{braces}', 'back\\slash', 'NULL', 'ünï'];
      const task = await create({ title: 'Odd tags', tags, due_at: '2026-12-01T10:00:00.123+02:00' });
      expect(task.tags).toEqual(tags);
      expect(task.due_at).toBe('2026-12-01T08:00:00.123Z');
      // Timestamps read exactly as Date.prototype.toISOString prints them.
      for (const at of [task.created_at, task.updated_at, task.due_at!])
        expect(new Date(at).toISOString()).toBe(at);
      const listed = (
        await a('GET', `${base()}?tag=${encodeURIComponent('a "quoted" tag')}`)
      ).json<TaskList>();
      expect(listed.items).toEqual([task]);
    });

    it('GIVEN a task WHEN it is patched THEN only the given fields change and updated_at moves', async () => {
      const task = await create({
        title: 'Call mom',
        description: 'about sunday',
        due_at: '2026-12-01T10:00:00Z',
      });
      const res = await a('PATCH', `${base()}/${task.id}`, {
        title: 'Call mom tonight',
        priority: 'high',
        due_at: null,
      });
      expect(res.statusCode).toBe(200);
      const updated = res.json<Task>();
      expect(updated).toMatchObject({
        title: 'Call mom tonight',
        priority: 'high',
        due_at: null,
        description: 'about sunday',
      });
      expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(task.updated_at));
    });

    it('GIVEN a pending task WHEN complete is called twice THEN it toggles completed and back', async () => {
      const task = await create({ title: 'Toggle me' });
      expect((await a('PATCH', `${base()}/${task.id}/complete`)).json<Task>().completed).toBe(true);
      expect((await a('PATCH', `${base()}/${task.id}/complete`)).json<Task>().completed).toBe(false);
    });

    it('GIVEN a task WHEN it is deleted THEN it is gone (204, then 404)', async () => {
      const task = await create({ title: 'Delete me' });
      const del = await a('DELETE', `${base()}/${task.id}`);
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe('');
      const again = await a('GET', `${base()}/${task.id}`);
      expect(again.statusCode).toBe(404);
      expect(again.json()).toEqual({ error: { code: 'not_found', message: 'Task not found' } });
      expect((await a('DELETE', `${base()}/${task.id}`)).statusCode).toBe(404);
    });
  });

  describe('task numbers', () => {
    it('GIVEN two new users WHEN each creates tasks THEN each has 1, 2, 3… and task 1 means their own', async () => {
      const [dan, erin] = [await signUp(t.app, 'Dan'), await signUp(t.app, 'Erin')];
      const [d, e] = [as(t.app, dan), as(t.app, erin)];
      const add = async (call: As, user: TestUser, title: string) =>
        (await call('POST', `/api/${user.id}/tasks`, { title })).json<Task>().id;
      expect([await add(d, dan, 'D1'), await add(e, erin, 'E1'), await add(d, dan, 'D2')]).toEqual([1, 1, 2]);
      expect((await d('GET', `/api/${dan.id}/tasks/1`)).json<Task>().title).toBe('D1');
      expect((await e('GET', `/api/${erin.id}/tasks/1`)).json<Task>().title).toBe('E1');
      expect((await e('GET', `/api/${erin.id}/tasks/2`)).statusCode).toBe(404);
    });

    it('GIVEN one user WHEN 20 creates run in parallel THEN the numbers are exactly 1..20, none shared', async () => {
      const frank = await signUp(t.app, 'Frank');
      const f = as(t.app, frank);
      const res = await Promise.all(
        Array.from({ length: 20 }, (_, i) => f('POST', `/api/${frank.id}/tasks`, { title: `P${i}` })),
      );
      expect(res.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      const ids = res.map((r) => r.json<Task>().id).sort((x, y) => x - y);
      expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('GIVEN a deleted task WHEN the next task is created THEN its number is not reused', async () => {
      const gina = await signUp(t.app, 'Gina');
      const g = as(t.app, gina);
      const path = `/api/${gina.id}/tasks`;
      await g('POST', path, { title: 'one' });
      const two = (await g('POST', path, { title: 'two' })).json<Task>();
      expect((await g('DELETE', `${path}/${two.id}`)).statusCode).toBe(204);
      expect((await g('POST', path, { title: 'three' })).json<Task>().id).toBe(3);
    });
  });

  describe('isolation between users', () => {
    it("GIVEN Alice's task WHEN Bob uses his own path with its id THEN it is 404, never a leak", async () => {
      const task = await create({ title: 'Alice secret' });
      for (const [method, url, body] of [
        ['GET', `/api/${bob.id}/tasks/${task.id}`],
        ['PATCH', `/api/${bob.id}/tasks/${task.id}`, { title: 'pwned' }],
        ['PATCH', `/api/${bob.id}/tasks/${task.id}/complete`],
        ['DELETE', `/api/${bob.id}/tasks/${task.id}`],
      ] as const) {
        const res = await b(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.body).not.toContain('Alice secret');
      }
      const list = (await b('GET', `/api/${bob.id}/tasks`)).json<TaskList>();
      expect(list.items.map((x) => x.title)).not.toContain('Alice secret');
      expect((await a('GET', `${base()}/${task.id}`)).json<Task>()).toMatchObject({
        title: 'Alice secret',
        completed: false,
      });
    });

    it("GIVEN Bob's token WHEN he uses Alice's user id in the path THEN every endpoint is 403", async () => {
      const task = await create({ title: 'Still mine' });
      for (const [method, url] of [
        ['GET', base()],
        ['POST', base()],
        ['GET', `${base()}/${task.id}`],
        ['PATCH', `${base()}/${task.id}`],
        ['PATCH', `${base()}/${task.id}/complete`],
        ['DELETE', `${base()}/${task.id}`],
      ] as const) {
        const res = await b(
          method,
          url,
          method === 'POST' || method === 'PATCH' ? { title: 'x' } : undefined,
        );
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(errorOf(res).code).toBe('forbidden');
      }
      expect((await a('GET', `${base()}/${task.id}`)).json<Task>().title).toBe('Still mine');
    });

    it('GIVEN no credentials WHEN a task endpoint is called THEN it is 401 with the error shape', async () => {
      const res = await t.app.inject({ method: 'GET', url: base() });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'unauthorized', message: anyString() } });
      const bad = await t.app.inject({
        method: 'GET',
        url: base(),
        headers: { authorization: 'Bearer not-a-token' },
      });
      expect(bad.statusCode).toBe(401);
    });
  });

  describe('list filters, sort and pagination', () => {
    let carol: TestUser;
    let c: ReturnType<typeof as>;
    const path = () => `/api/${carol.id}/tasks`;
    const list = async (qs: string) => {
      const res = await c('GET', `${path()}?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<TaskList>();
    };
    const titles = async (qs: string) => (await list(qs)).items.map((x) => x.title);

    beforeAll(async () => {
      carol = await signUp(t.app, 'Carol');
      c = as(t.app, carol);
      const seed = [
        { title: 'Alpha report', priority: 'low', tags: ['work'], due_at: '2026-12-03T09:00:00Z' },
        {
          title: 'beta groceries',
          priority: 'high',
          tags: ['home', 'shop'],
          description: 'milk and 100% juice',
        },
        {
          title: 'Gamma meeting',
          priority: 'medium',
          tags: ['work'],
          due_at: '2026-12-01T09:00:00Z',
          completed: true,
        },
        { title: 'delta_underscore', priority: 'high', due_at: '2026-12-02T09:00:00Z' },
      ];
      for (const s of seed) expect((await c('POST', path(), s)).statusCode).toBe(201);
    });

    it('GIVEN mixed tasks WHEN filtering by status THEN only matching tasks come back', async () => {
      expect(await titles('status=completed')).toEqual(['Gamma meeting']);
      expect((await titles('status=pending')).sort()).toEqual([
        'Alpha report',
        'beta groceries',
        'delta_underscore',
      ]);
      expect(await titles('status=all')).toHaveLength(4);
    });

    it('GIVEN tasks WHEN searching q THEN title and description match case-insensitively, LIKE wildcards are literal', async () => {
      expect(await titles('q=GROCER')).toEqual(['beta groceries']);
      expect(await titles('q=milk')).toEqual(['beta groceries']);
      expect(await titles('q=100%25')).toEqual(['beta groceries']);
      expect(await titles('q=_')).toEqual(['delta_underscore']);
      expect(await titles('q=nothing-matches')).toEqual([]);
    });

    it('GIVEN tasks WHEN filtering by priority, tag and due range THEN they combine', async () => {
      expect((await titles('priority=high')).sort()).toEqual(['beta groceries', 'delta_underscore']);
      expect((await titles('tag=work')).sort()).toEqual(['Alpha report', 'Gamma meeting']);
      expect(await titles('tag=work&status=pending')).toEqual(['Alpha report']);
      expect(await titles('due_after=2026-12-01T12:00:00Z&due_before=2026-12-03T00:00:00Z')).toEqual([
        'delta_underscore',
      ]);
    });

    it('GIVEN tasks WHEN sorting THEN each sort key and order is honoured', async () => {
      expect(await titles('sort=created')).toEqual([
        'delta_underscore',
        'Gamma meeting',
        'beta groceries',
        'Alpha report',
      ]);
      expect(await titles('sort=created&order=asc')).toEqual([
        'Alpha report',
        'beta groceries',
        'Gamma meeting',
        'delta_underscore',
      ]);
      expect(await titles('sort=title')).toEqual([
        'Alpha report',
        'beta groceries',
        'delta_underscore',
        'Gamma meeting',
      ]);
      expect(await titles('sort=due')).toEqual([
        'Gamma meeting',
        'delta_underscore',
        'Alpha report',
        'beta groceries',
      ]);
      expect(await titles('sort=due&order=desc')).toEqual([
        'Alpha report',
        'delta_underscore',
        'Gamma meeting',
        'beta groceries',
      ]);
      const byPriority = await list('sort=priority');
      expect(byPriority.items.map((x) => x.priority)).toEqual(['high', 'high', 'medium', 'low']);
    });

    it.each(['created', 'due', 'priority', 'title'])(
      'GIVEN sort=%s WHEN paging with limit=1 THEN the cursor walks every task exactly once',
      async (sort) => {
        const all = await titles(`sort=${sort}`);
        const walked: string[] = [];
        let cursor: string | null = null;
        do {
          const page: TaskList = await list(`sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
          walked.push(...page.items.map((x) => x.title));
          cursor = page.next_cursor;
        } while (cursor && walked.length < 10);
        expect(walked).toEqual(all);
      },
    );

    it('GIVEN a cursor from one sort WHEN used with another THEN it is a 400, not a wrong page', async () => {
      const page = await list('sort=title&limit=1');
      const res = await c('GET', `${path()}?sort=due&cursor=${page.next_cursor}`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('validation_error');
      expect((await c('GET', `${path()}?cursor=garbage!!`)).statusCode).toBe(400);
    });
  });

  describe('validation', () => {
    const long = (n: number) => 'x'.repeat(n);
    it.each([
      ['empty title', { title: '   ' }, 'body.title'],
      ['missing title', { description: 'x' }, 'body.title'],
      ['title too long', { title: long(201) }, 'body.title'],
      ['title wrong type', { title: 42 }, 'body.title'],
      ['description too long', { title: 'ok', description: long(2001) }, 'body.description'],
      ['bad priority', { title: 'ok', priority: 'urgent' }, 'body.priority'],
      ['too many tags', { title: 'ok', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'body.tags'],
      ['tag too long', { title: 'ok', tags: [long(33)] }, 'body.tags.0'],
      ['tags not an array', { title: 'ok', tags: 'a,b' }, 'body.tags'],
      ['bad due_at', { title: 'ok', due_at: 'tomorrow' }, 'body.due_at'],
      ['unknown field', { title: 'ok', user_id: 'someone-else' }, 'body'],
      ['array body', [{ title: 'ok' }], 'body'],
    ])('POST with %s → 400 validation_error naming %s', async (_name, body, path) => {
      const res = await a('POST', base(), body);
      expect(res.statusCode).toBe(400);
      expect(validationIssues(res).map((d) => d.path)).toContain(path);
    });

    it.each([
      ['empty patch', {}],
      ['null title', { title: null }],
      ['completed as string', { completed: 'yes' }],
    ])('PATCH with %s → 400', async (_name, body) => {
      const task = await create({ title: 'Patch target' });
      const res = await a('PATCH', `${base()}/${task.id}`, body);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('validation_error');
      expect((await a('GET', `${base()}/${task.id}`)).json<Task>().title).toBe('Patch target');
    });

    it.each([
      ['status=done'],
      ['priority=urgent'],
      ['limit=0'],
      ['limit=101'],
      ['sort=random'],
      ['order=sideways'],
      ['due_before=yesterday'],
      ['unknown=1'],
    ])('GET list with %s → 400', async (qs) => {
      const res = await a('GET', `${base()}?${qs}`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('validation_error');
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999'])('task id %s → 400', async (id) => {
      const res = await a('GET', `${base()}/${id}`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe('validation_error');
    });
  });
});
