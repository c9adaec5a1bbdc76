import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DESCRIPTION_MAX, MESSAGE_MAX, TAGS_MAX, TAG_MAX, TITLE_MAX } from '@todo/shared';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';
import { TEST_DATABASE_URL } from '../helpers/db';
import { expectClientError, fingerprint } from './support';

/*
 * Thousands of generated malformed requests against every endpoint family. Each generator builds input that
 * is invalid by construction (one broken field on an otherwise valid body, a bad id, a foreign user…), so the
 * only acceptable answer is a 4xx in the API's error shape, with the database exactly as it was.
 */

const driver = TEST_DATABASE_URL ? 'pg' : 'pglite';
const RUNS = {
  create: 450,
  patch: 300,
  list: 250,
  paths: 400,
  auth: 150,
  chat: 250,
  pages: 200,
  tokens: 100,
  headers: 100,
};

// ---------- building blocks ----------
const WHITESPACE = [' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u2029', '\ufeff', '\u3000', '\u200a'];
const SQL_META = [
  "'",
  "''",
  '"',
  ';',
  '--',
  '/*',
  '*/',
  '\\',
  '%',
  '_',
  "' OR '1'='1",
  "'; DROP TABLE tasks; --",
  '$1',
  '$$',
  '::text',
  '\u0000',
  'null',
  '{}',
  'ARRAY[1]',
];

/** Strings an attacker or a broken client would send: unicode edges, SQL metacharacters, control bytes. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...SQL_META),
  fc
    .array(fc.constantFrom(...SQL_META, ...WHITESPACE, '😀', '\u202e', '\ud800', 'é', 'e\u0301'), {
      maxLength: 8,
    })
    .map((a) => a.join('')),
);

const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const notBoolean = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.constant('true'),
  fc.array(fc.boolean()),
);
const blank = fc.array(fc.constantFrom(...WHITESPACE), { maxLength: 6 }).map((a) => a.join(''));
/** Longer than `max` even after trimming; sometimes beyond the 64 KiB body limit. */
const tooLong = (max: number) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 9, arbitrary: fc.integer({ min: max + 1, max: max * 3 }) },
        { weight: 1, arbitrary: fc.constant(70_000) },
      ),
      fc.constantFrom('a', 'é', '😀', "'", '%', '\u0000'),
    )
    .map(([n, c]) => `x${c.repeat(n)}x`);

const validTitle = fc.constantFrom(
  'Buy milk',
  'Ünïcødé 😀 task',
  "O'Reilly; DROP TABLE tasks",
  '100% done_ish',
);
const validBase = fc.record(
  {
    title: validTitle,
    description: fc.constantFrom('', 'details', 'ß∂ƒ'),
    priority: fc.constantFrom('low', 'medium', 'high'),
    tags: fc.constantFrom([], ['home'], ['a', 'b']),
    due_at: fc.constantFrom(null, '2026-11-22T09:00:00Z', '2026-11-22T09:00:00+05:30'),
    completed: fc.boolean(),
  },
  { requiredKeys: ['title'] },
);
const TASK_FIELDS = new Set(['title', 'description', 'priority', 'tags', 'due_at', 'completed']);
const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'user_id', 'created_at', 'title ', 'Title'),
  nastyString,
);
const badDueAt = fc.oneof(
  // null clears a due date (valid), and so does NaN or ±Infinity, which JSON sends as null.
  notString.filter((v) => JSON.stringify(v) !== 'null'),
  nastyString,
  fc.constantFrom(
    '2026-11-22',
    '2026-11-22T09:00:00',
    '22/11/2026',
    'tomorrow',
    '2026-13-01T00:00:00Z',
    '2026-11-22T25:00:00Z',
    'infinity',
    '',
  ),
);
const badTags = fc.oneof(
  fc.oneof(
    fc.string(),
    fc.integer(),
    fc.constant(null),
    fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
  ),
  fc.array(notString, { minLength: 1, maxLength: 3 }),
  fc
    .array(fc.constantFrom('t'), { minLength: TAGS_MAX + 1, maxLength: TAGS_MAX + 20 })
    .map((a) => a.map((t, i) => `${t}${i}`)),
  tooLong(TAG_MAX).map((t) => [t]),
  blank.map((b) => ['ok', b]),
);
const badPriority = fc.oneof(
  notString.filter((v) => v !== undefined),
  nastyString.filter((s) => !['low', 'medium', 'high'].includes(s)),
  fc.constantFrom('LOW', 'High', ' low', 'urgent', 'medium\u0000'),
);

/** A page size outside 1…`max`, or not an integer at all. */
const badLimit = (max: number) =>
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: max + 1 }),
      fc.constantFrom('abc', '1.5', '', '1e9', '-1', 'NaN', 'Infinity'),
    )
    .map(String);
/** Not a cursor the server handed out: junk, too long, or base64 of something else. */
const badCursor = fc.oneof(
  nastyString.filter((s) => s.length > 0),
  fc.string({ minLength: 513, maxLength: 600 }),
  fc.base64String({ minLength: 4 }),
);

/** encodeURIComponent, or raw UTF-8 percent-encoding for strings it refuses (lone surrogates). */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return Array.from(Buffer.from(s, 'utf8'), (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Splices a key into a JSON object text (so keys such as __proto__ reach the wire verbatim). */
function withExtraKey(base: Record<string, unknown>, key: string, value: unknown): string {
  const text = JSON.stringify(base);
  const extra = `${JSON.stringify(key)}:${JSON.stringify(value ?? null)}`;
  return text === '{}' ? `{${extra}}` : `${text.slice(0, -1)},${extra}}`;
}

/** One broken field on a valid task body; `requireTitle` for create (a missing title is itself a fault). */
const malformedTaskBody = (requireTitle: boolean) =>
  fc.oneof(
    validBase.chain((base) =>
      fc.oneof(
        fc.constant(null).map(() => {
          const { title: _omit, ...rest } = base;
          return JSON.stringify(requireTitle ? rest : {});
        }),
        fc
          .tuple(fc.constantFrom('title', 'description'), notString)
          .map(([k, v]) => JSON.stringify({ ...base, [k]: v })),
        blank.map((b) => JSON.stringify({ ...base, title: b })),
        tooLong(TITLE_MAX).map((t) => JSON.stringify({ ...base, title: t })),
        tooLong(DESCRIPTION_MAX).map((d) => JSON.stringify({ ...base, description: d })),
        badPriority.map((p) => JSON.stringify({ ...base, priority: p })),
        badTags.map((t) => JSON.stringify({ ...base, tags: t })),
        badDueAt.map((d) => JSON.stringify({ ...base, due_at: d })),
        notBoolean.map((c) => JSON.stringify({ ...base, completed: c })),
        fc
          .tuple(
            extraKey.filter((k) => !TASK_FIELDS.has(k)),
            fc.anything({ maxDepth: 1 }),
          )
          .map(([k, v]) => withExtraKey(base, k, v)),
      ),
    ),
    // Not an object at all.
    fc
      .oneof(
        fc.integer(),
        fc.string(),
        fc.constant(null),
        fc.boolean(),
        fc.array(fc.anything({ maxDepth: 1 })),
      )
      .map((v) => JSON.stringify(v)),
  );

describe(`fuzzing every endpoint with malformed input (${driver})`, () => {
  let t: TestApp;
  let alice: TestUser;
  let mallory: TestUser;
  const aliceTaskIds: number[] = [];
  let malloryTaskId = 0;
  let aliceConversation = '';
  let aliceTokenId = '';
  let aliceMcpToken = '';
  let malloryConversation = '';

  beforeAll(async () => {
    t = await createTestApp(driver, {
      AUTH_RATE_LIMIT_MAX: '100000',
      CHAT_RATE_LIMIT_MAX: '100000',
      MCP_RATE_LIMIT_MAX: '100000',
    });
    alice = await signUp(t.app, 'Alice');
    mallory = await signUp(t.app, 'Mallory');
    for (const title of ['one', 'two', 'three']) {
      const res = await request(alice, 'POST', `/api/${alice.id}/tasks`, JSON.stringify({ title }));
      aliceTaskIds.push(res.json<{ id: number }>().id);
    }
    malloryTaskId = (await request(mallory, 'POST', `/api/${mallory.id}/tasks`, '{"title":"mine"}')).json<{
      id: number;
    }>().id;
    aliceConversation = (await request(alice, 'POST', `/api/${alice.id}/chat`, '{"message":"hello"}')).json<{
      conversation_id: string;
    }>().conversation_id;
    malloryConversation = (
      await request(mallory, 'POST', `/api/${mallory.id}/chat`, '{"message":"hello"}')
    ).json<{
      conversation_id: string;
    }>().conversation_id;
    // Tokens are managed from the browser's cookie session only.
    const token = (
      await request(null, 'POST', `/api/${alice.id}/tokens`, '{"name":"cli"}', { cookie: alice.cookie })
    ).json<{
      id: string;
      token: string;
    }>();
    aliceTokenId = token.id;
    aliceMcpToken = token.token;
  });
  afterAll(() => t?.close());

  function request(
    user: TestUser | null,
    method: InjectOptions['method'],
    url: string,
    payload?: string,
    headers = {},
  ) {
    return t.app.inject({
      method,
      url,
      headers: {
        ...(user ? { authorization: `Bearer ${user.token}` } : {}),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(payload === undefined ? {} : { payload }),
    });
  }

  /** Sends, expects a 4xx error body, and checks that nothing in the database moved. */
  async function rejected(
    user: TestUser | null,
    method: InjectOptions['method'],
    url: string,
    payload?: string,
    headers = {},
  ) {
    const before = await fingerprint(t.db.database.db);
    const res = await request(user, method, url, payload, headers);
    expectClientError(
      res.statusCode,
      res.headers['content-type'],
      res.body,
      `${method} ${url} ${payload?.slice(0, 200) ?? ''}`,
    );
    expect(await fingerprint(t.db.database.db), `${method} ${url} changed the database`).toBe(before);
    return res;
  }

  async function stillServing() {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    const list = await request(alice, 'GET', `/api/${alice.id}/tasks`);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(3);
  }

  it('GIVEN malformed task bodies WHEN creating a task THEN each gets a 4xx error and no task is written', async () => {
    await fc.assert(
      fc.asyncProperty(malformedTaskBody(true), (body) =>
        rejected(alice, 'POST', `/api/${alice.id}/tasks`, body).then(() => {}),
      ),
      { numRuns: RUNS.create },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN malformed patches WHEN updating an existing task THEN each gets a 4xx error and the task is unchanged', async () => {
    const patch = fc.oneof(malformedTaskBody(false), fc.constant('{}'));
    await fc.assert(
      fc.asyncProperty(patch, fc.constantFrom(...aliceTaskIds), (body, id) =>
        rejected(alice, 'PATCH', `/api/${alice.id}/tasks/${id}`, body).then(() => {}),
      ),
      { numRuns: RUNS.patch },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN malformed list queries WHEN listing tasks THEN each gets a 4xx error', async () => {
    const bad = fc.oneof(
      fc.tuple(
        fc.constantFrom('status', 'priority', 'sort', 'order'),
        nastyString.filter(
          (s) =>
            ![
              'all',
              'pending',
              'completed',
              'low',
              'medium',
              'high',
              'created',
              'due',
              'title',
              'asc',
              'desc',
            ].includes(s),
        ),
      ),
      fc.tuple(fc.constant('limit'), badLimit(100)),
      fc.tuple(
        fc.constantFrom('due_before', 'due_after'),
        badDueAt.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
      ),
      fc.tuple(fc.constant('cursor'), badCursor),
      fc.tuple(
        fc.constant('q'),
        tooLong(200).map((s) => s.slice(0, 3000)),
      ),
      fc.tuple(
        fc.constant('tag'),
        fc.oneof(
          blank.filter((b) => b.length > 0),
          tooLong(TAG_MAX).map((s) => s.slice(0, 200)),
        ),
      ),
      fc.tuple(
        extraKey.filter(
          (k) =>
            k.length > 0 &&
            ![
              'status',
              'q',
              'priority',
              'tag',
              'due_before',
              'due_after',
              'sort',
              'order',
              'limit',
              'cursor',
            ].includes(k),
        ),
        fc.string(),
      ),
    );
    await fc.assert(
      fc.asyncProperty(bad, fc.boolean(), async ([key, value], repeat) => {
        const qs = new URLSearchParams([[key, value]]);
        // A repeated parameter arrives as an array, which no filter accepts.
        if (repeat && key !== 'q') qs.append(key, value);
        await rejected(alice, 'GET', `/api/${alice.id}/tasks?${qs.toString()}`);
      }),
      { numRuns: RUNS.list },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN injected path segments, foreign ids and unknown routes WHEN calling task routes THEN each gets a 4xx error and nothing changes', async () => {
    const own = new Set(aliceTaskIds);
    const badId = fc
      .oneof(
        nastyString,
        fc.constantFrom(
          '0',
          '-1',
          '1.5',
          '2147483648',
          '99999999999999999999',
          '1e400',
          'NaN',
          '0x10',
          '..',
          '%2e%2e',
          '1 OR 1=1',
          "1'; DELETE FROM tasks;--",
        ),
        fc.integer({ min: 1, max: 2147483647 }).map(String),
        fc.constant(String(malloryTaskId)),
      )
      .filter((s) => {
        // Only a plain digit string names a task; one that is one of alice's own ids is a valid request.
        return !(/^\d{1,10}$/.test(s) && own.has(Number(s)));
      });
    const target = fc.oneof(
      fc
        .tuple(fc.constantFrom<InjectOptions['method']>('GET', 'PATCH', 'DELETE', 'PUT', 'POST'), badId)
        .map(
          ([m, id]) =>
            [
              m,
              `/api/${alice.id}/tasks/${enc(id)}`,
              m === 'PATCH' || m === 'PUT' || m === 'POST' ? '{"title":"x"}' : undefined,
            ] as const,
        ),
      badId.map((id) => ['PATCH', `/api/${alice.id}/tasks/${enc(id)}/complete`, undefined] as const),
      // Someone else's user id in the path, with real task ids: 403 before anything runs.
      fc
        .tuple(
          fc.constantFrom<InjectOptions['method']>('GET', 'PATCH', 'DELETE', 'POST'),
          fc.oneof(
            nastyString.filter((s) => s !== alice.id && s.length > 0),
            fc.constant(mallory.id),
          ),
          fc.constantFrom(...aliceTaskIds, malloryTaskId),
        )
        .map(
          ([m, uid, id]) =>
            [
              m,
              `/api/${enc(uid)}/tasks${m === 'POST' ? '' : `/${id}`}`,
              m === 'GET' || m === 'DELETE' ? undefined : '{"title":"stolen"}',
            ] as const,
        ),
      // Unknown routes and methods.
      fc
        .tuple(
          fc.constantFrom<InjectOptions['method']>('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
          nastyString,
        )
        .map(([m, seg]) => [m, `/api/${alice.id}/${enc(seg)}x/${enc(seg)}`, undefined] as const),
    );
    await fc.assert(
      fc.asyncProperty(target, ([method, url, body]) => rejected(alice, method, url, body).then(() => {})),
      { numRuns: RUNS.paths },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN malformed credentials WHEN signing up or in THEN each gets a 4xx error and no account or session is created', async () => {
    const valid = { name: 'Fuzz', email: 'fuzz@example.test', password: 'correct horse battery' };
    const invalidEmail = fc.oneof(
      nastyString.filter((s) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)),
      fc.constantFrom('plainaddress', '@example.test', 'a@', 'a@@b.c', 'a b@c.d', '', 'a@b'),
      notString,
    );
    const bad = fc.oneof(
      fc.constantFrom('name', 'email', 'password').map((k) => {
        const body: Record<string, unknown> = { ...valid, email: `missing-${k}@example.test` };
        delete body[k];
        return JSON.stringify(body);
      }),
      invalidEmail.map((email) => JSON.stringify({ ...valid, email })),
      fc
        .oneof(
          fc.string({ maxLength: 7 }),
          notString,
          tooLong(128).map((s) => s.slice(0, 5000)),
        )
        .map((password) => JSON.stringify({ ...valid, email: `pw-${Math.random()}@example.test`, password })),
      notString.map((name) =>
        JSON.stringify({ ...valid, email: `name-${Math.random()}@example.test`, name }),
      ),
      fc
        .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.string()))
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(bad, fc.constantFrom('sign-up', 'sign-in'), async (body, action) => {
        const before = await fingerprint(t.db.database.db);
        const res = await request(null, 'POST', `/api/auth/${action}/email`, body, {
          origin: 'http://localhost:80',
        });
        expectClientError(
          res.statusCode,
          res.headers['content-type'],
          res.body,
          `${action} ${body.slice(0, 200)}`,
        );
        expect(res.headers['set-cookie'], 'a rejected sign-in sets no session cookie').toBeUndefined();
        expect(await fingerprint(t.db.database.db)).toBe(before);
      }),
      { numRuns: RUNS.auth },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN malformed chat requests WHEN chatting THEN each gets a 4xx error and no message is stored', async () => {
    const valid = { message: 'add buy milk' };
    const bad = fc.oneof(
      fc.constant(JSON.stringify({ conversation_id: aliceConversation })),
      notString.map((message) => JSON.stringify({ message })),
      blank.map((message) => JSON.stringify({ message })),
      tooLong(MESSAGE_MAX).map((message) => JSON.stringify({ message })),
      fc
        .oneof(nastyString, notString)
        .map((conversation_id) => JSON.stringify({ ...valid, conversation_id })),
      // Well-formed but not the user's conversation: 404, and nothing is appended to it.
      fc
        .oneof(fc.uuid(), fc.constant(malloryConversation))
        .map((conversation_id) => JSON.stringify({ ...valid, conversation_id })),
      fc
        .tuple(
          extraKey.filter((k) => k !== 'message' && k !== 'conversation_id'),
          fc.anything({ maxDepth: 1 }),
        )
        .map(([k, v]) => withExtraKey(valid, k, v)),
      fc
        .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.string()))
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(bad, fc.boolean(), (body, sse) =>
        rejected(
          alice,
          'POST',
          `/api/${alice.id}/chat`,
          body,
          sse ? { accept: 'text/event-stream' } : {},
        ).then(() => {}),
      ),
      { numRuns: RUNS.chat },
    );
    const convTargets = fc.tuple(
      fc.constantFrom<InjectOptions['method']>('GET', 'DELETE'),
      fc.oneof(nastyString, fc.uuid(), fc.constant(malloryConversation)),
    );
    await fc.assert(
      fc.asyncProperty(convTargets, ([m, id]) =>
        rejected(alice, m, `/api/${alice.id}/conversations/${enc(id)}`).then(() => {}),
      ),
      { numRuns: 100 },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN malformed page queries WHEN listing conversations or opening one THEN each gets a 4xx error', async () => {
    /** One bad parameter of a page query whose cursor parameter is `cursorKey`. */
    const badPage = (cursorKey: string, max: number) =>
      fc.oneof(
        fc.tuple(fc.constant('limit'), badLimit(max)),
        fc.tuple(fc.constant(cursorKey), badCursor),
        fc.tuple(
          extraKey.filter((k) => k.length > 0 && k !== 'limit' && k !== cursorKey),
          fc.string(),
        ),
      );
    const target = fc.oneof(
      badPage('cursor', 200).map((p) => [`/api/${alice.id}/conversations`, p] as const),
      badPage('before', 200).map((p) => [`/api/${alice.id}/conversations/${aliceConversation}`, p] as const),
    );
    await fc.assert(
      fc.asyncProperty(target, fc.boolean(), async ([path, [key, value]], repeat) => {
        const qs = new URLSearchParams([[key, value]]);
        // A repeated parameter arrives as an array, which neither limit nor a cursor accepts.
        if (repeat) qs.append(key, value);
        await rejected(alice, 'GET', `${path}?${qs.toString()}`);
      }),
      { numRuns: RUNS.pages },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN malformed token requests WHEN managing access tokens THEN each gets a 4xx error and no token changes', async () => {
    const bad = fc.oneof(
      fc
        .oneof(
          notString,
          blank,
          tooLong(100).map((s) => s.slice(0, 5000)),
        )
        .map((name) => ['POST', '/tokens', JSON.stringify({ name })] as const),
      fc
        .tuple(
          extraKey.filter((k) => k !== 'name'),
          fc.string(),
        )
        .map(([k, v]) => ['POST', '/tokens', withExtraKey({ name: 'x' }, k, v)] as const),
      fc
        .oneof(
          nastyString,
          fc.uuid().filter((u) => u !== aliceTokenId),
        )
        .map((id) => ['DELETE', `/tokens/${enc(id)}`, undefined] as const),
    );
    await fc.assert(
      fc.asyncProperty(bad, ([m, path, body]) =>
        rejected(null, m, `/api/${alice.id}${path}`, body, { cookie: alice.cookie }).then(() => {}),
      ),
      { numRuns: RUNS.tokens },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN forged credentials WHEN calling a protected route THEN each gets 401 and nothing changes', async () => {
    const printable = fc
      .string({ unit: 'binary-ascii', maxLength: 300 })
      .map((s) => s.replace(/[^\x20-\x7e]/g, ''));
    const forged = fc.oneof(
      printable.map((v) => ({ authorization: v })),
      printable.map((v) => ({ authorization: `Bearer ${v}` })),
      printable.map((v) => ({ authorization: `Bearer todo_${v}` })),
      fc.constant({ authorization: `Bearer ${alice.token}x` }),
      fc.constant({ authorization: `Basic ${Buffer.from('alice:password').toString('base64')}` }),
      printable.map((v) => ({ cookie: `better-auth.session_token=${encodeURIComponent(v)}` })),
    );
    await fc.assert(
      fc.asyncProperty(forged, fc.constantFrom('GET', 'POST'), async (headers, method) => {
        const res = await rejected(
          null,
          method,
          `/api/${alice.id}/tasks`,
          method === 'POST' ? '{"title":"forged"}' : undefined,
          headers,
        );
        expect(res.statusCode).toBe(401);
      }),
      { numRuns: RUNS.headers },
    );
    await stillServing();
  }, 120_000);

  it('GIVEN malformed JSON-RPC and malformed tool arguments WHEN calling /mcp THEN nothing is written and no call errors on the server side', async () => {
    const headers = {
      authorization: `Bearer ${aliceMcpToken}`,
      accept: 'application/json, text/event-stream',
    };
    const post = async (body: string, extra: Record<string, string> = {}) => {
      const before = await fingerprint(t.db.database.db);
      const res = await t.app.inject({
        method: 'POST',
        url: '/mcp',
        headers: { ...headers, 'content-type': 'application/json', ...extra },
        payload: body,
      });
      expect(
        res.statusCode,
        `${body.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`,
      ).toBeLessThan(500);
      expect(await fingerprint(t.db.database.db), `${body.slice(0, 200)} changed the database`).toBe(before);
      return res;
    };
    /** Exactly the values the task id schema accepts as one of alice's ids (a number or a digit string); `true`, `[3]` or " 3 " are not. */
    const namesOwnTask = (v: unknown) =>
      (typeof v === 'number' || (typeof v === 'string' && /^\d{1,10}$/.test(v))) &&
      aliceTaskIds.includes(Number(v));
    /** A JSON-RPC error object (the protocol's own error shape) or the API's. */
    const isErrorBody = (parsed: unknown) => {
      const p = parsed as { error?: { code?: unknown; message?: unknown } } | undefined;
      return typeof p?.error?.message === 'string' && p.error.code !== undefined;
    };

    // Broken envelopes: 4xx with an error body.
    const envelope = fc.oneof(
      fc
        .oneof(
          fc.integer(),
          fc.string(),
          fc.constant(null),
          fc.array(fc.integer(), { minLength: 1, maxLength: 3 }),
        )
        .map((v) => JSON.stringify(v)),
      fc
        .record({
          id: fc.integer(),
          method: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string())),
        })
        .map((v) => JSON.stringify({ jsonrpc: '2.0', ...v })),
      fc
        .record({ id: fc.integer(), method: fc.constantFrom('tools/list', 'tools/call', 'initialize') })
        .chain((v) =>
          fc
            .oneof(fc.constant(undefined), fc.constantFrom('1.0', '3.0', 2, null), nastyString)
            .map((jsonrpc) => JSON.stringify({ ...v, jsonrpc })),
        ),
      fc
        .record({
          jsonrpc: fc.constant('2.0'),
          id: fc.oneof(fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }), fc.array(fc.integer())),
          method: fc.constant('tools/list'),
        })
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(envelope, async (body) => {
        const res = await post(body);
        expect(res.statusCode, `${body} → ${res.statusCode} ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(isErrorBody(JSON.parse(res.body)), res.body).toBe(true);
      }),
      { numRuns: 120 },
    );

    // Well-formed calls with malformed arguments: the tool refuses (isError or a JSON-RPC error), nothing is written.
    const badArgs = fc.oneof(
      malformedTaskBody(true).map((b) => ['add_task', JSON.parse(b) as unknown] as const),
      fc
        .tuple(
          fc.constantFrom('complete_task', 'delete_task', 'update_task'),
          fc
            .oneof(
              nastyString,
              notString,
              fc.integer({ max: 0 }),
              fc.constant(2 ** 40),
              fc.constant(malloryTaskId),
            )
            .filter((v) => !namesOwnTask(v)),
        )
        .map(
          ([name, task_id]) =>
            [name, name === 'update_task' ? { task_id, title: 'stolen' } : { task_id }] as const,
        ),
      fc
        .tuple(fc.constant('update_task'), badPriority)
        .map(([name, priority]) => [name, { task_id: aliceTaskIds[0], priority }] as const),
      fc.tuple(
        fc.constantFrom('no_such_tool', 'add_task ', 'ADD_TASK', '__proto__'),
        fc.constant({ title: 'x' }),
      ),
      fc.tuple(fc.constant('add_task'), fc.oneof(fc.string(), fc.integer(), fc.array(fc.string()))),
    );
    await fc.assert(
      fc.asyncProperty(badArgs, fc.integer({ min: 1, max: 1e6 }), async ([name, args], id) => {
        const res = await post(
          JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } }),
        );
        const parsed = JSON.parse(res.body) as { result?: { isError?: boolean }; error?: unknown };
        expect(parsed.result?.isError === true || isErrorBody(parsed), res.body.slice(0, 300)).toBe(true);
      }),
      { numRuns: 180 },
    );

    // No or forged credentials: 401 in the API's error shape.
    const forged = fc.oneof(
      fc.constant(''),
      fc
        .string({ unit: 'binary-ascii', maxLength: 60 })
        .map((v) => `Bearer tcb_${v.replace(/[^\x21-\x7e]/g, '')}`),
      fc.constant(`Bearer ${alice.token}`),
    );
    await fc.assert(
      fc.asyncProperty(forged, async (authorization) => {
        const res = await post('{"jsonrpc":"2.0","id":1,"method":"tools/list"}', { authorization });
        expectClientError(res.statusCode, res.headers['content-type'], res.body, authorization);
        expect(res.statusCode).toBe(401);
      }),
      { numRuns: 40 },
    );
    await stillServing();
  }, 120_000);

  describe('raw HTTP', () => {
    let port = 0;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as AddressInfo).port;
    });

    /** Sends bytes exactly as given (no client-side URL normalisation) and parses the HTTP/1.1 answer. */
    function raw(text: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
      return new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
        socket.on('data', (d) => chunks.push(d));
        socket.on('error', reject);
        socket.on('close', () => {
          const all = Buffer.concat(chunks).toString('utf8');
          const [head = '', ...rest] = all.split('\r\n\r\n');
          const [statusLine = '', ...lines] = head.split('\r\n');
          const headers: Record<string, string> = {};
          for (const l of lines) {
            const i = l.indexOf(':');
            headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
          }
          let body = rest.join('\r\n\r\n');
          if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
          resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
        });
        // Not end(): a half-closed socket may be dropped before the answer is written.
        socket.write(text);
      });
    }
    const dechunk = (s: string) => {
      let out = '';
      for (let rest = s; ;) {
        const i = rest.indexOf('\r\n');
        const n = parseInt(rest.slice(0, i), 16);
        if (!n) return out;
        out += rest.slice(i + 2, i + 2 + n);
        rest = rest.slice(i + 2 + n + 2);
      }
    };
    const post = (path: string, body: string, contentType = 'application/json', extra = '') =>
      `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncookie: ${alice.cookie}\r\ncontent-type: ${contentType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n${extra}\r\n${body}`;
    const get = (path: string) =>
      `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncookie: ${alice.cookie}\r\nconnection: close\r\n\r\n`;

    async function rawRejected(text: string) {
      const before = await fingerprint(t.db.database.db);
      const res = await raw(text);
      expectClientError(res.status, res.headers['content-type'], res.body, text.split('\r\n')[0]);
      expect(await fingerprint(t.db.database.db)).toBe(before);
      return res;
    }

    it('GIVEN truncated or corrupted JSON WHEN posting to write endpoints THEN each gets 400 invalid_json', async () => {
      const paths = [
        `/api/${alice.id}/tasks`,
        `/api/${alice.id}/chat`,
        `/api/${alice.id}/tokens`,
        '/api/auth/sign-up/email',
      ];
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            title: fc.string(),
            message: fc.string(),
            name: fc.string(),
            tags: fc.array(fc.string()),
          }),
          fc.nat(),
          fc.constantFrom(...paths),
          async (obj, cut, path) => {
            const full = JSON.stringify(obj);
            // Any proper prefix of an object's JSON is unbalanced, hence invalid.
            const body = full.slice(0, cut % full.length);
            const res = await rawRejected(post(path, body));
            expect(res.status).toBe(400);
          },
        ),
        { numRuns: 60 },
      );
      for (const body of [
        '{"title":"a",}',
        "{'title':'a'}",
        '{"title":"a"} trailing',
        '{"title":NaN}',
        '{"title":"a"',
        'nul',
      ]) {
        const res = await rawRejected(post(`/api/${alice.id}/tasks`, body));
        expect(res.status, body).toBe(400);
      }
    }, 60_000);

    it('GIVEN a body that is not JSON WHEN posting THEN the answer is 415, or 413 when over the size limit', async () => {
      const types = [
        'text/plain',
        'text/html',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        'application/octet-stream',
        'image/png',
      ];
      for (const path of [`/api/${alice.id}/tasks`, `/api/${alice.id}/chat`, `/api/${alice.id}/tokens`]) {
        for (const type of types) {
          const res = await rawRejected(post(path, 'title=x&message=y', type));
          expect(res.status, `${path} ${type}`).toBe(415);
        }
      }
      const big = JSON.stringify({ title: 'x', description: 'y'.repeat(70_000) });
      expect((await rawRejected(post(`/api/${alice.id}/tasks`, big))).status).toBe(413);
    }, 60_000);

    it('GIVEN path traversal, encoded bytes and SQL in the URL WHEN requesting THEN each gets a 4xx error and nothing is read or changed', async () => {
      const uid = alice.id;
      const paths = [
        '/api/../../etc/passwd',
        '/api/%2e%2e/%2e%2e/etc/passwd',
        `/api/${uid}/tasks/..%2f..%2f..%2fetc%2fpasswd`,
        `/api/${uid}/tasks/%00`,
        `/api/${uid}/tasks/1%00`,
        `/api/${uid}/tasks/1;DROP%20TABLE%20tasks`,
        `/api/${uid}/tasks/1'%20OR%20'1'='1`,
        `/api/${uid}/tasks/%ZZ`,
        `/api/${uid}/tasks?limit=%ZZ`,
        `/api/${uid}/tasks?status=all&status=pending`,
        `/api/${uid}/tasks?status[]=all`,
        `/api/${uid}/tasks?__proto__[x]=1`,
        `/api/${uid}/tasks?sort=title;DROP TABLE tasks`,
        `/api/${uid}%2ftasks`,
        `/api/${encodeURIComponent(`${uid}' OR '1'='1`)}/tasks`,
        `/api/${'a'.repeat(300)}/tasks`,
        `/api/${uid}/tasks/${'9'.repeat(300)}`,
        `/api/${uid}/conversations/..%2F${uid}`,
        `/api/${uid}/tokens/%27%3B--`,
        '/api/auth/..%2F..%2Fhealthz',
        '/api/auth/%00',
        '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      ];
      for (const path of paths) await rawRejected(get(path));
      // Raw non-ASCII bytes in the request line.
      await rawRejected(get(`/api/${uid}/tasks/é`));
    }, 60_000);

    it('GIVEN a request the HTTP parser refuses WHEN it arrives THEN the answer is still a 4xx JSON error and the server keeps serving', async () => {
      const broken = [
        'GARBAGE\r\n\r\n',
        `GET /api/${alice.id}/tasks HTTP/9.9\r\nhost: x\r\n\r\n`,
        `GET /healthz HTTP/1.1\r\nhost: x\r\nbad header line\r\n\r\n`,
        `POST /api/${alice.id}/tasks HTTP/1.1\r\nhost: x\r\ncontent-length: abc\r\n\r\n{}`,
        `GET /api/${alice.id}/tasks HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`,
      ];
      for (const text of broken) {
        const res = await raw(text);
        expectClientError(
          res.status,
          res.headers['content-type'],
          res.body,
          JSON.stringify(text.slice(0, 60)),
        );
      }
      const ok = await raw(get('/healthz'));
      expect(ok.status).toBe(200);
    }, 60_000);
  });
});
