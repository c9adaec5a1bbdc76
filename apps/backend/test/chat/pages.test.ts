import {
  conversationListSchema,
  conversationWithMessagesSchema,
  errorBodySchema,
  type ConversationList,
  type ConversationWithMessages,
} from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/http/cursor';
import { as, twoUsers, type As, type TestApp, type TestUser } from '../helpers/app';
import { DRIVERS } from '../helpers/db';
import { anyString } from '../helpers/json';

// Keyset pages of the conversation list and of a conversation's messages, on every driver. Rows are seeded with
// SQL so the test controls updated_at exactly: runs of equal timestamps, and timestamps one microsecond apart
// (equal in the API's millisecond JSON), are where a wrong cursor skips or repeats a conversation.

const STAMPS = [
  ...Array<string>(5).fill('2024-03-01T10:00:00.000000Z'),
  ...Array<string>(4).fill('2024-03-01T09:00:00.500001Z'),
  ...Array<string>(3).fill('2024-03-01T09:00:00.500000Z'),
  ...Array.from({ length: 11 }, (_, i) => `2024-02-${String(10 + i).padStart(2, '0')}T08:00:00.000000Z`),
];

describe.each(DRIVERS)('conversation and message pages on %s', (driver) => {
  let t: TestApp, alice: TestUser, bob: TestUser, a: As, b: As;
  /** Alice's conversation ids in the order the list must give them. */
  let expected: string[];
  let bobIds: string[];
  let seq = 0;

  const sql = <T>(text: string, params: unknown[]) => t.db.database.query<T>(`test_${++seq}`, text, params);

  /** Conversations of `userId` with the given updated_at values; their ids in the list's order. */
  async function seedConversations(userId: string, stamps: readonly string[]): Promise<string[]> {
    const rows = await sql<{ id: string; stamp: string }>(
      `insert into conversations (user_id, title, updated_at)
       select $1, 'seeded ' || n, s::timestamptz from jsonb_array_elements_text($2::jsonb) with ordinality as x(s, n)
       returning id, to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as stamp`,
      [userId, JSON.stringify(stamps)],
    );
    // Most recent first; equal timestamps by id, descending (uuid order is the order of its hex text).
    return rows
      .sort((x, y) => {
        const [kx, ky] = [`${x.stamp} ${x.id}`, `${y.stamp} ${y.id}`];
        return kx < ky ? 1 : kx > ky ? -1 : 0;
      })
      .map((r) => r.id);
  }

  /** `count` messages "<label> 1…count" appended to a conversation, alternating user and assistant. */
  async function seedMessages(conversationId: string, label: string, count: number, from = 1) {
    await sql(
      `insert into messages (conversation_id, role, content)
       select $1, case when n % 2 = 1 then 'user' else 'assistant' end, $2 || ' ' || n
       from generate_series($3::int, $4::int) n order by n`,
      [conversationId, label, from, from + count - 1],
    );
  }

  const list = async (user: TestUser, query: string) => {
    const res = await as(t.app, user)('GET', `/api/${user.id}/conversations?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return conversationListSchema.parse(res.json<ConversationList>());
  };

  async function walk(user: TestUser, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ConversationList = await list(
        user,
        `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(limit);
      ids.push(...page.items.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor && ids.length <= STAMPS.length * 2);
    return ids;
  }

  const open = async (user: TestUser, id: string, query = '') => {
    const res = await as(t.app, user)(
      'GET',
      `/api/${user.id}/conversations/${id}${query ? `?${query}` : ''}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return conversationWithMessagesSchema.parse(res.json<ConversationWithMessages>());
  };

  const expectValidationError = (res: { statusCode: number; body: string }, what: string) => {
    expect(res.statusCode, `${what} → ${res.body}`).toBe(400);
    const body = errorBodySchema.parse(JSON.parse(res.body));
    expect(body.error.code, what).toBe('validation_error');
  };

  beforeAll(async () => {
    ({ t, alice, bob, a, b } = await twoUsers(driver));
    expected = await seedConversations(alice.id, STAMPS);
    // Bob's conversations share Alice's busiest timestamp: a page boundary there must not pull them in.
    bobIds = await seedConversations(bob.id, STAMPS.slice(0, 3));
  });
  afterAll(() => t?.close());

  describe('conversation list', () => {
    it.each([1, 4, 5, 200])(
      'GIVEN runs of equal updated_at WHEN walking the pages with limit=%i THEN every conversation comes exactly once, most recent first',
      async (limit) => {
        expect(await walk(alice, limit)).toEqual(expected);
      },
    );

    it('GIVEN no limit WHEN listing THEN the first page holds 50, and its cursor leads to the rest', async () => {
      const many = await seedConversations(
        bob.id,
        Array.from({ length: 60 }, (_, i) => `2023-01-01T00:00:${String(i).padStart(2, '0')}.000000Z`),
      );
      const first = await list(bob, '');
      expect(first.items).toHaveLength(50);
      expect(first.next_cursor).not.toBeNull();
      const rest = await list(bob, `cursor=${first.next_cursor}`);
      expect([...first.items, ...rest.items].map((c) => c.id)).toEqual([...bobIds, ...many]);
      expect(rest.next_cursor).toBeNull();
      // The old clients' shape: items still lists conversations.
      expect(first.items[0]).toMatchObject({ id: bobIds[0], title: anyString() });
    });

    it('GIVEN a conversation that gets a new message WHEN listing THEN it moves to the top', async () => {
      const [target] = await seedConversations(alice.id, ['2020-01-01T00:00:00.000000Z']);
      const res = await a('POST', `/api/${alice.id}/chat`, {
        conversation_id: target,
        message: 'hello again',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect((await list(alice, 'limit=1')).items[0]!.id).toBe(target);
      expected = [target!, ...expected];
      expect(await walk(alice, 7)).toEqual(expected);
    });

    it("GIVEN Alice's cursor WHEN Bob uses it THEN he gets only his own conversations", async () => {
      const alicePage = await list(alice, 'limit=1');
      const page = await list(bob, `limit=200&cursor=${alicePage.next_cursor}`);
      expect(page.items.length).toBeGreaterThan(0);
      for (const c of page.items) expect(expected).not.toContain(c.id);
    });

    it('GIVEN a malformed or foreign cursor or limit WHEN listing THEN 400 validation_error in the error shape', async () => {
      const [someId] = expected;
      const queries = [
        'cursor=garbage!!',
        `cursor=${encodeCursor([])}`,
        `cursor=${encodeCursor({ u: '2024-02-31T10:00:00.000000Z', id: someId })}`,
        `cursor=${encodeCursor({ u: '2024-03-01T10:00:00.000Z', id: someId })}`,
        `cursor=${encodeCursor({ u: '2024-03-01T10:00:00.000000Z', id: 'not-a-uuid' })}`,
        `cursor=${encodeCursor({ u: '2024-03-01T10:00:00.000000Z', id: `${someId}'--` })}`,
        // A task list cursor and a message cursor are not conversation list cursors.
        `cursor=${encodeCursor({ s: 'created', o: 'desc', k: null, id: 3 })}`,
        `cursor=${encodeCursor({ c: someId, m: 5 })}`,
        `cursor=${'a'.repeat(513)}`,
        'limit=0',
        'limit=201',
        'limit=abc',
        'limit=1.5',
        'limit=',
        'limit=1&limit=2',
        'before=x',
        'offset=10',
      ];
      for (const q of queries)
        expectValidationError(await a('GET', `/api/${alice.id}/conversations?${q}`), q);
    });
  });

  describe('messages of a conversation', () => {
    let long: string;
    let other: string;

    beforeAll(async () => {
      const ids = await seedConversations(alice.id, [
        '2019-01-02T00:00:00.000000Z',
        '2019-01-01T00:00:00.000000Z',
      ]);
      long = ids[0]!;
      other = ids[1]!;
      // Interleaved with another conversation's messages, so the page's ids are not contiguous.
      await seedMessages(long, 'long', 90);
      await seedMessages(other, 'other', 30);
      await seedMessages(long, 'long', 60, 91);
    });

    it('GIVEN 150 messages WHEN opening the conversation THEN the newest 100 come oldest first, with a cursor to the rest', async () => {
      const conv = await open(alice, long);
      expect(conv.id).toBe(long);
      expect(conv.messages.map((m) => m.content)).toEqual(
        Array.from({ length: 100 }, (_, i) => `long ${51 + i}`),
      );
      expect(conv.messages_before).not.toBeNull();
      const older = await open(alice, long, `before=${conv.messages_before}`);
      expect(older.messages.map((m) => m.content)).toEqual(
        Array.from({ length: 50 }, (_, i) => `long ${i + 1}`),
      );
      expect(older.messages_before).toBeNull();
    });

    it.each([1, 7, 150, 200])(
      'GIVEN limit=%i WHEN walking back through the pages THEN every message comes exactly once, in order',
      async (limit) => {
        const pages: string[][] = [];
        let before: string | null = null;
        do {
          const conv: ConversationWithMessages = await open(
            alice,
            long,
            `limit=${limit}${before ? `&before=${before}` : ''}`,
          );
          expect(conv.messages.length).toBeLessThanOrEqual(limit);
          pages.unshift(conv.messages.map((m) => m.content));
          before = conv.messages_before;
        } while (before && pages.length <= 150);
        expect(pages.flat()).toEqual(Array.from({ length: 150 }, (_, i) => `long ${i + 1}`));
      },
    );

    it('GIVEN a cursor WHEN new messages arrive before the older page is loaded THEN the older page is unchanged', async () => {
      const { messages_before } = await open(alice, other, 'limit=10');
      await seedMessages(other, 'other', 5, 31);
      const older = await open(alice, other, `limit=10&before=${messages_before}`);
      expect(older.messages.map((m) => m.content)).toEqual(
        Array.from({ length: 10 }, (_, i) => `other ${11 + i}`),
      );
    });

    it('GIVEN a conversation with few messages WHEN opened THEN all of them come and messages_before is null', async () => {
      const reply = (await a('POST', `/api/${alice.id}/chat`, { message: 'add water the plants' })).json<{
        conversation_id: string;
      }>();
      const conv = await open(alice, reply.conversation_id);
      expect(conv.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
      expect(conv.messages_before).toBeNull();
    });

    it("GIVEN Alice's conversation and cursor WHEN Bob uses them THEN 404 for her conversation and 400 for her cursor on his", async () => {
      const { messages_before } = await open(alice, long, 'limit=5');
      const foreign = await b('GET', `/api/${bob.id}/conversations/${long}?before=${messages_before}`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).not.toContain('long ');
      expectValidationError(
        await b('GET', `/api/${bob.id}/conversations/${bobIds[0]}?before=${messages_before}`),
        "Alice's cursor on Bob's conversation",
      );
    });

    it('GIVEN a malformed or foreign before cursor or limit WHEN opening THEN 400 validation_error in the error shape', async () => {
      const { messages_before } = await open(alice, long, 'limit=5');
      const queries = [
        'before=garbage!!',
        `before=${encodeCursor({ c: long, m: 0 })}`,
        `before=${encodeCursor({ c: long, m: 1.5 })}`,
        `before=${encodeCursor({ c: long, m: '9' })}`,
        `before=${encodeCursor({ c: long, m: 2 ** 60 })}`,
        // The cursor of another conversation, and a conversation list cursor.
        `before=${encodeCursor({ c: other, m: 5 })}`,
        `before=${(await list(alice, 'limit=1')).next_cursor}`,
        `before=${'a'.repeat(513)}`,
        'limit=0',
        'limit=201',
        'limit=ten',
        `before=${messages_before}&before=${messages_before}`,
        'cursor=x',
      ];
      for (const q of queries)
        expectValidationError(await a('GET', `/api/${alice.id}/conversations/${long}?${q}`), q);
    });
  });
});
