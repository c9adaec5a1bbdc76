import { randomUUID } from 'node:crypto';
import {
  chatResponseSchema,
  conversationListSchema,
  conversationWithMessagesSchema,
  errorBodySchema,
  taskListSchema,
  type ChatResponse,
} from '@todo/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { twoUsers, type TestApp, type TestUser } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { appWithFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai';
import { parseSse } from './sse';

/*
 * A chat message carries the client's turn_id; the UI sends it again, same id, when the answer was lost (the
 * connection dropped, the proxy gave up waiting, the backend restarted). Sending it again must never run the
 * turn twice: "add buy milk" resent after an outage is one task, not two.
 */

const post = (t: TestApp, user: TestUser, body: Record<string, unknown>, sse = false) =>
  t.app.inject({
    method: 'POST',
    url: `/api/${user.id}/chat`,
    headers: { authorization: `Bearer ${user.token}`, ...(sse ? { accept: 'text/event-stream' } : {}) },
    payload: body,
  });

const reply = (res: LightMyRequestResponse): ChatResponse => {
  expect(res.statusCode, res.body).toBe(200);
  return chatResponseSchema.parse(res.json());
};

const get = async (t: TestApp, user: TestUser, path: string) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/${user.id}${path}`,
    headers: { authorization: `Bearer ${user.token}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<unknown>();
};
const titles = async (t: TestApp, user: TestUser) =>
  taskListSchema.parse(await get(t, user, '/tasks?status=all')).items.map((x) => x.title);
const messages = async (t: TestApp, user: TestUser, conversationId: string) =>
  conversationWithMessagesSchema
    .parse(await get(t, user, `/conversations/${conversationId}`))
    .messages.map((m) => [m.role, m.content]);
const conversationCount = async (t: TestApp, user: TestUser) =>
  conversationListSchema.parse(await get(t, user, '/conversations')).items.length;

describe.each(DRIVERS)('a chat message sent again with its turn_id, on %s', (driver) => {
  let t: TestApp, alice: TestUser, bob: TestUser;

  beforeAll(async () => {
    ({ t, alice, bob } = await twoUsers(driver));
  });
  afterAll(() => t?.close());

  it('GIVEN "add buy oat milk" answered once WHEN the same message is sent again with its turn_id THEN the stored answer comes back and there is still one task and one exchange', async () => {
    const body = { message: 'add buy oat milk', turn_id: randomUUID() };
    const first = reply(await post(t, alice, body));
    expect(first.response).toMatch(/Added task \d+ “Buy oat milk”/);
    expect(first.replayed).toBeUndefined();

    const again = reply(await post(t, alice, body));
    expect(again).toEqual({ ...first, replayed: true });
    expect((await titles(t, alice)).filter((x) => x === 'Buy oat milk')).toHaveLength(1);
    expect(await messages(t, alice, first.conversation_id)).toEqual([
      ['user', 'add buy oat milk'],
      ['assistant', first.response],
    ]);
  });

  it('GIVEN a first message streamed over SSE WHEN it is resent with its turn_id THEN the stream names the same conversation and ends with the stored reply; no second conversation', async () => {
    const before = await conversationCount(t, alice);
    const body = { message: 'remind me to water the ferns', turn_id: randomUUID() };
    const firstEvents = parseSse((await post(t, alice, body, true)).body);
    const done = firstEvents.at(-1);
    expect(done?.event).toBe('done');
    const first = chatResponseSchema.parse(done?.data);

    const res = await post(t, alice, body, true);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = parseSse(res.body);
    expect(events.map((e) => e.event)).toEqual(['conversation', 'done']);
    expect(events[0]!.data).toEqual({ conversation_id: first.conversation_id });
    expect(events[1]!.data).toEqual({ ...first, replayed: true });
    expect(await conversationCount(t, alice)).toBe(before + 1);
    expect((await titles(t, alice)).filter((x) => /water the ferns/i.test(x))).toHaveLength(1);
  });

  it('GIVEN a message in an open conversation WHEN it arrives twice at the same moment THEN it runs once: one task, one exchange, the same answer twice', async () => {
    const opened = reply(await post(t, alice, { message: 'hi' }));
    const body = {
      conversation_id: opened.conversation_id,
      message: 'add renew passport',
      turn_id: randomUUID(),
    };
    const [one, two] = (await Promise.all([post(t, alice, body), post(t, alice, body)])).map(reply);
    expect([one!.replayed, two!.replayed].filter(Boolean)).toHaveLength(1);
    expect(one!.response).toBe(two!.response);
    expect((await titles(t, alice)).filter((x) => x === 'Renew passport')).toHaveLength(1);
    expect((await messages(t, alice, opened.conversation_id)).slice(2)).toEqual([
      ['user', 'add renew passport'],
      ['assistant', one!.response],
    ]);
  });

  it('GIVEN a message whose answer was never stored (the server stopped mid-turn) WHEN it is resent THEN 409 turn_unfinished and nothing runs', async () => {
    const opened = reply(await post(t, alice, { message: 'hello' }));
    const turnId = randomUUID();
    // What a crash between storing the user message and the reply leaves behind.
    await t.db.database.query(
      'test_orphan_turn',
      `insert into messages (conversation_id, role, content, turn_id) values ($1, 'user', 'add pay rent', $2)`,
      [opened.conversation_id, turnId],
    );
    const res = await post(t, alice, {
      conversation_id: opened.conversation_id,
      message: 'add pay rent',
      turn_id: turnId,
    });
    expect(res.statusCode).toBe(409);
    expect(errorBodySchema.parse(res.json()).error.code).toBe('turn_unfinished');
    expect(await titles(t, alice)).not.toContain('Pay rent');
    expect((await messages(t, alice, opened.conversation_id)).slice(2)).toEqual([['user', 'add pay rent']]);
  });

  it("GIVEN Alice's turn_id WHEN Bob sends a message with it THEN 409 conflict: nothing of Alice's is shown or changed and nothing is stored for Bob", async () => {
    const body = { message: 'add secret plan', turn_id: randomUUID() };
    const alices = reply(await post(t, alice, body));
    const bobsBefore = await conversationCount(t, bob);

    const res = await post(t, bob, { message: 'add something else', turn_id: body.turn_id });
    expect(res.statusCode).toBe(409);
    expect(errorBodySchema.parse(res.json()).error.code).toBe('conflict');
    expect(res.body).not.toContain('secret');
    expect(await conversationCount(t, bob)).toBe(bobsBefore);
    expect(await titles(t, bob)).not.toContain('Something else');
    expect(await messages(t, alice, alices.conversation_id)).toHaveLength(2);
  });

  it('GIVEN a turn_id that is not a UUID WHEN sent THEN 400 names the field and nothing is stored', async () => {
    const before = await conversationCount(t, alice);
    const res = await post(t, alice, { message: 'add x', turn_id: 'abc' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('turn_id must be a UUID');
    expect(await conversationCount(t, alice)).toBe(before);
  });
});

describe.each(DRIVERS.filter((d) => d !== 'neon'))(
  'a resent first message when its conversation reached the quota, on %s',
  (driver) => {
    let t: TestApp, alice: TestUser;
    beforeAll(async () => {
      ({ t, alice } = await twoUsers(driver, { MAX_CONVERSATIONS_PER_USER: '1' }));
    });
    afterAll(() => t?.close());

    // The message's unique turn_id refuses the resend while the statement runs; the quota's statement-level AFTER
    // trigger would only run at its end (PostgreSQL "Overview of Trigger Behavior"), so no quota error hides it.
    it('GIVEN a limit of one conversation and a first message that opened it WHEN that message is resent THEN its stored answer comes back, while a new first message is refused', async () => {
      const body = { message: 'add call the bank', turn_id: randomUUID() };
      const first = reply(await post(t, alice, body));

      expect(reply(await post(t, alice, body))).toEqual({ ...first, replayed: true });
      expect((await titles(t, alice)).filter((x) => x === 'Call the bank')).toHaveLength(1);

      const other = await post(t, alice, { message: 'add pay rent', turn_id: randomUUID() });
      expect(other.statusCode).toBe(409);
      expect(errorBodySchema.parse(other.json()).error.code).toBe('conversation_quota_exceeded');
      expect(await titles(t, alice)).not.toContain('Pay rent');
    });
  },
);

describe('a resent turn with the OpenAI agent (fake OpenAI-compatible server)', () => {
  let t: TestApp;
  let fake: FakeOpenAI;
  let u: TestUser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ t, fake, u, close } = await appWithFakeOpenAI('Resend'));
  });
  afterEach(() => fake.reset());
  afterAll(() => close?.());

  it('GIVEN the model failed before doing anything WHEN the message is resent with its turn_id THEN it runs again and the task is added once', async () => {
    const body = { message: 'add call the dentist', turn_id: randomUUID() };
    fake.script({ status: 500, message: 'overloaded' });
    expect((await post(t, u, body)).statusCode).toBe(502);

    fake.script(
      { tool_calls: [{ name: 'add_task', arguments: { title: 'Call the dentist' } }] },
      { content: 'Added “Call the dentist”.' },
    );
    const second = reply(await post(t, u, body));
    expect(second.replayed).toBeUndefined();
    expect(second.response).toBe('Added “Call the dentist”.');
    expect((await titles(t, u)).filter((x) => x === 'Call the dentist')).toHaveLength(1);
  });

  it('GIVEN a task was added before the model failed WHEN the message is resent THEN the model is not asked again and the task is not added twice', async () => {
    const body = { message: 'add book the plumber', turn_id: randomUUID() };
    fake.script(
      { tool_calls: [{ name: 'add_task', arguments: { title: 'Book the plumber' } }] },
      { status: 500, message: 'overloaded' },
    );
    expect((await post(t, u, body)).statusCode).toBe(502);
    const asked = fake.requests.length;

    const again = reply(await post(t, u, body));
    expect(again.replayed).toBe(true);
    expect(again.response).toMatch(/^I couldn't finish/);
    expect(again.tool_calls.map((c) => c.name)).toEqual(['add_task']);
    expect(fake.requests).toHaveLength(asked);
    expect((await titles(t, u)).filter((x) => x === 'Book the plumber')).toHaveLength(1);
  });
});
