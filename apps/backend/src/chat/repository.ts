import {
  type Conversation,
  type ConversationList,
  type ListConversationsQuery,
  type Message,
  type ToolCall,
} from '@todo/shared';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { conversations } from '../db/schema';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { quotaCte, quotaParam, withinQuota, type Quotas } from '../db/quotas';
import { causes } from '../http/errors';
import { savedZoneSql } from '../settings/repository';
import { isoText } from '../tasks/sql';
import { hitCte, verdict, type HitRow, type LimitResult } from '../auth/rate-limit';

type ConversationRow = typeof conversations.$inferSelect;

const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  title: r.title,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

/*
 * The statements of a chat turn, sent as prepared statements without the query builder: building and mapping
 * them through Drizzle cost more CPU than the rest of a local-agent turn.
 */

/*
 * Both statements that store a user message count the turn's rate-limit hit first (hitCte with parameters $6 key,
 * $7 window seconds, $8 max; a null key counts nothing) and write only when it is within the limit: admission and
 * the write in one round trip. A refused turn still counts its hit and stores nothing; a failed statement (the
 * quota, a resent turn_id) counts nothing either.
 */
const admitted = `coalesce((select hits from hit), 0) <= $8::int`;

/** Opens a conversation with its first user message (one statement, one commit). */
const START_SQL = `with ${hitCte('$6', '$7', '1')}, ${quotaCte('conversations', '$4')},
c as (insert into conversations (user_id, title) select $1, $2 from quota where ${admitted} returning id),
m as (
  insert into messages (conversation_id, role, content, turn_id) select c.id, 'user', $3, $5::uuid from c
  returning conversation_id
)
select hit.hits, hit.retry_after, m.conversation_id::text as conversation_id
from (select) one left join hit on true left join m on true`;

/**
 * Stores a user message in the user's conversation, marks the conversation active, and returns the `$4` messages
 * before it, newest first, with the user's saved time zone (a turn that names none reads its dates there): one
 * statement, one round trip, one commit. Data-modifying CTEs are not visible to the rest of the statement, so the
 * history never contains the new message. No message_id: not the user's conversation (or not admitted).
 */
const CONTINUE_SQL = `with ${hitCte('$6', '$7', '1')}, c as (
  update conversations set updated_at = now() where id = $1 and user_id = $2 and ${admitted} returning id
), m as (
  insert into messages (conversation_id, role, content, turn_id) select c.id, 'user', $3, $5::uuid from c returning id
)
select hit.hits, hit.retry_after, m.id::text as message_id, ${savedZoneSql('$2')} as saved_zone,
  h.id::text as id, h.role, h.content, h.tool_calls, h.stopped, ${isoText('h.created_at')} as created_at
from (select) one left join hit on true left join m on true left join lateral (
  select id, role, content, tool_calls, stopped, created_at from messages
  where conversation_id = $1 and m.id is not null order by id desc limit $4
) h on true`;

/**
 * The user message a client sent with `$2` as turn_id (in one of user `$1`'s conversations) and the message that
 * followed it: its reply when that is the assistant's, else there is none yet.
 */
const TURN_SQL = `select u.conversation_id::text as conversation_id, r.role, r.content, r.tool_calls
from messages u join conversations c on c.id = u.conversation_id and c.user_id = $1
left join lateral (
  select role, content, tool_calls from messages r
  where r.conversation_id = u.conversation_id and r.id > u.id order by r.id limit 1
) r on true
where u.turn_id = $2::uuid`;

/** Frees a turn_id whose turn failed before changing anything, so sending it again runs it again. */
const RELEASE_TURN_SQL = `update messages set turn_id = null where turn_id = $1::uuid`;

const APPEND_SQL = `insert into messages (conversation_id, role, content, tool_calls, stopped) values ($1, $2, $3, $4::jsonb, $5)`;

/** A message row as the statements below select it (bigint ids come back as text from every driver). */
interface MessageRow {
  readonly id: string;
  readonly role: Message['role'];
  readonly content: string;
  readonly tool_calls: ToolCall[] | null;
  readonly stopped: boolean;
  readonly created_at: string;
}

const toMessage = (r: MessageRow): Message => ({
  id: Number(r.id),
  role: r.role,
  content: r.content,
  tool_calls: r.tool_calls ?? [],
  stopped: r.stopped,
  created_at: r.created_at,
});

interface TurnRow {
  readonly conversation_id: string;
  readonly role: Message['role'] | null;
  readonly content: string | null;
  readonly tool_calls: ToolCall[] | null;
}

/** The user message's turn_id is already stored: the same message was sent again (the statement wrote nothing). */
export class TurnAlreadyStored extends Error {
  constructor() {
    super('this turn_id is already stored');
    this.name = 'TurnAlreadyStored';
  }
}

/** Runs a statement that stores a user message, turning a clash on its turn_id into TurnAlreadyStored. */
async function turnInsert<T>(insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (err) {
    // 23505 unique_violation; the drivers name the index in `constraint` (pg, Neon) or only in the message (PGlite).
    const e = causes(err).find(
      (x): x is { code: string; constraint?: string; message?: string } =>
        (x as { code?: unknown } | null)?.code === '23505',
    );
    if (e && (e.constraint === 'messages_turn_key' || e.message?.includes('messages_turn_key')))
      throw new TurnAlreadyStored();
    throw err;
  }
}

/** A user message stored with a client turn id, and its reply if one is stored. */
export interface StoredTurn {
  readonly conversationId: string;
  readonly reply: { readonly response: string; readonly toolCalls: ToolCall[] } | null;
}

type ContinueRow = { readonly message_id: string | null; readonly saved_zone: string | null } & NullableHit &
  (MessageRow | { readonly [K in keyof MessageRow]: null });

/** A hit row, null when the turn counted none (no limit given). */
type NullableHit = { readonly [K in keyof HitRow]: HitRow[K] | null };

/** The chat rate limit of one turn: hits on `key`, at most `max` per `windowSeconds`. */
export interface TurnLimit {
  readonly key: string;
  readonly max: number;
  readonly windowSeconds: number;
}

/** A turn the rate limit refused: nothing was stored. */
export interface Limited {
  readonly limited: LimitResult;
}

const limitParams = (limit: TurnLimit | undefined) => [
  limit?.key ?? null,
  limit?.windowSeconds ?? 60,
  limit?.max ?? 0,
];

/** The refusal a statement's hit stands for, if it was over the limit. */
function refusal(row: NullableHit | undefined, limit: TurnLimit | undefined): Limited | null {
  if (!limit || row?.hits == null || row.retry_after == null) return null;
  const result = verdict({ hits: row.hits, retry_after: row.retry_after }, limit.max);
  return result.allowed ? null : { limited: result };
}

/*
 * Keyset pages. Conversations go most recently active first, ties on updated_at broken by id, so a page boundary
 * inside a run of equal timestamps neither skips nor repeats one. The cursor carries updated_at to the
 * microsecond (the API's timestamps stop at milliseconds, which would make the boundary inexact).
 */
const CONVERSATION_COLUMNS_SQL = `id, title, ${isoText('created_at')} as created_at, ${isoText('updated_at')} as updated_at,
to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort_key`;
// ORDER BY names the table's columns: a bare name there would mean the select list's text output column.
const LIST_SQL = `select ${CONVERSATION_COLUMNS_SQL} from conversations c where user_id = $1
order by c.updated_at desc, c.id desc limit $2`;
const LIST_AFTER_SQL = `select ${CONVERSATION_COLUMNS_SQL} from conversations c
where user_id = $1 and (c.updated_at, c.id) < ($3::timestamptz, $4::uuid)
order by c.updated_at desc, c.id desc limit $2`;

/** Messages newest first (the page is reversed in Node): message ids grow with every insert. */
const MESSAGE_COLUMNS_SQL = `id::text as id, role, content, tool_calls, stopped, ${isoText('created_at')} as created_at`;
const MESSAGES_SQL = `select ${MESSAGE_COLUMNS_SQL} from messages m where conversation_id = $1
order by m.id desc limit $2`;
const MESSAGES_BEFORE_SQL = `select ${MESSAGE_COLUMNS_SQL} from messages m
where conversation_id = $1 and m.id < $3::int8 order by m.id desc limit $2`;

/** Position after a conversation: its updated_at to the microsecond (UTC) and its id. */
interface ListCursor {
  u: string;
  id: string;
}
/** Position of the oldest message a page holds, in one conversation. */
interface MessagesCursor {
  c: string;
  m: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EXACT_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** A real calendar instant (the regex alone lets 2026-02-31 through, which Postgres refuses). */
const isExactUtc = (v: unknown): v is string =>
  typeof v === 'string' &&
  EXACT_UTC.test(v) &&
  new Date(`${v.slice(0, 23)}Z`).toISOString() === `${v.slice(0, 23)}Z`;

const acceptListCursor = (c: Partial<Record<keyof ListCursor, unknown>>) =>
  isExactUtc(c.u) && typeof c.id === 'string' && UUID.test(c.id);

const acceptMessagesCursor =
  (conversationId: string) => (c: Partial<Record<keyof MessagesCursor, unknown>>) =>
    c.c === conversationId && Number.isSafeInteger(c.m) && (c.m as number) > 0;

/** One page of a conversation's messages, oldest first, and the cursor of the page before it. */
export interface MessagesPage {
  readonly messages: Message[];
  readonly messages_before: string | null;
}

/**
 * Conversations and their messages. Every read of a conversation is scoped by user id; messages are
 * only reached through a conversation the caller has already loaded as its own.
 */
export function conversationRepository(database: Database, quotas: Quotas = {}) {
  const { db } = database;
  return {
    async get(userId: string, id: string): Promise<Conversation | null> {
      const [row] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.userId, userId), eq(conversations.id, id)));
      return row ? toConversation(row) : null;
    },

    /**
     * Opens a conversation with its first user message (`turnId`: the client's id of it), when `limit` admits the
     * turn (its hit is counted in the same statement).
     */
    async startWith(
      userId: string,
      title: string,
      content: string,
      turnId: string | null = null,
      limit?: TurnLimit,
    ): Promise<{ conversationId: string } | Limited> {
      const [row] = await withinQuota('conversations', quotas.maxConversations, () =>
        turnInsert(() =>
          database.query<NullableHit & { conversation_id: string | null }>('chat_start', START_SQL, [
            userId,
            title,
            content,
            quotaParam(quotas.maxConversations),
            turnId,
            ...limitParams(limit),
          ]),
        ),
      );
      return refusal(row, limit) ?? { conversationId: row!.conversation_id! };
    },

    /**
     * Stores a user message in the user's conversation, marks it active, and returns it with the `historyLimit`
     * messages before it (oldest first) and the user's saved time zone, when `limit` admits the turn. Null when
     * the conversation is not the user's (nothing is written then).
     */
    async continueWith(
      userId: string,
      conversationId: string,
      content: string,
      historyLimit: number,
      turnId: string | null = null,
      limit?: TurnLimit,
    ): Promise<{ messageId: number; history: Message[]; savedZone: string | null } | Limited | null> {
      const rows = await turnInsert(() =>
        database.query<ContinueRow>('chat_continue', CONTINUE_SQL, [
          conversationId,
          userId,
          content,
          historyLimit,
          turnId,
          ...limitParams(limit),
        ]),
      );
      const [first] = rows;
      const refused = refusal(first, limit);
      if (refused) return refused;
      if (!first?.message_id) return null;
      const history: Message[] = [];
      for (let i = rows.length - 1; i >= 0; i--) {
        const r = rows[i]!;
        if (r.id !== null) history.push(toMessage(r));
      }
      return { messageId: Number(first.message_id), history, savedZone: first.saved_zone };
    },

    /**
     * What became of the user message the client sent with `turnId`: null when none was stored, else its
     * conversation and its reply (null while there is none: still running, failed after a change, or cut off).
     */
    async turn(userId: string, turnId: string): Promise<StoredTurn | null> {
      const [row] = await database.query<TurnRow>('chat_turn', TURN_SQL, [userId, turnId]);
      if (!row) return null;
      return {
        conversationId: row.conversation_id,
        reply:
          row.role === 'assistant' ? { response: row.content ?? '', toolCalls: row.tool_calls ?? [] } : null,
      };
    },

    /** Lets `turnId` run again: its turn ended without changing anything. */
    async releaseTurn(turnId: string): Promise<void> {
      await database.query('chat_release_turn', RELEASE_TURN_SQL, [turnId]);
    },

    /** A page of the user's conversations, most recently active first. */
    async list(userId: string, query: ListConversationsQuery): Promise<ConversationList> {
      type Row = Conversation & { sort_key: string };
      let rows: Row[];
      if (query.cursor) {
        const c = decodeCursor<ListCursor>(query.cursor, acceptListCursor);
        rows = await database.query<Row>('conversations_list_after', LIST_AFTER_SQL, [
          userId,
          query.limit + 1,
          c.u,
          c.id,
        ]);
      } else {
        rows = await database.query<Row>('conversations_list', LIST_SQL, [userId, query.limit + 1]);
      }
      const more = rows.length > query.limit;
      const page = more ? rows.slice(0, query.limit) : rows;
      const last = page.at(-1);
      return {
        items: page.map(({ sort_key: _, ...conversation }) => conversation),
        next_cursor:
          more && last ? encodeCursor({ u: last.sort_key, id: last.id } satisfies ListCursor) : null,
      };
    },

    /** Renames one of the user's conversations; null when it is not theirs (or gone). */
    async rename(userId: string, id: string, title: string): Promise<Conversation | null> {
      const [row] = await db
        .update(conversations)
        .set({ title })
        .where(and(eq(conversations.userId, userId), eq(conversations.id, id)))
        .returning();
      return row ? toConversation(row) : null;
    },

    async remove(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(conversations)
        .where(and(eq(conversations.userId, userId), eq(conversations.id, id)))
        .returning({ id: conversations.id });
      return rows.length > 0;
    },

    /**
     * The newest `limit` messages of a conversation the caller has loaded as its own, or with `before` (a cursor
     * from an earlier page of the same conversation) the `limit` messages before it; oldest first.
     */
    async messagesPage(conversationId: string, limit: number, before?: string): Promise<MessagesPage> {
      const rows = before
        ? await database.query<MessageRow>('conversation_messages_before', MESSAGES_BEFORE_SQL, [
            conversationId,
            limit + 1,
            decodeCursor<MessagesCursor>(before, acceptMessagesCursor(conversationId), 'before').m,
          ])
        : await database.query<MessageRow>('conversation_messages', MESSAGES_SQL, [
            conversationId,
            limit + 1,
          ]);
      const more = rows.length > limit;
      const page = (more ? rows.slice(0, limit) : rows).reverse().map(toMessage);
      const oldest = page[0];
      return {
        messages: page,
        messages_before:
          more && oldest ? encodeCursor({ c: conversationId, m: oldest.id } satisfies MessagesCursor) : null,
      };
    },

    /**
     * Stores a message (the turn's user message already moved the conversation to the top of the list); `stopped`
     * marks a reply cut short by Stop or a disconnect.
     */
    async append(
      conversationId: string,
      role: Message['role'],
      content: string,
      toolCalls: ToolCall[] = [],
      stopped = false,
    ): Promise<void> {
      await database.query('chat_append', APPEND_SQL, [
        conversationId,
        role,
        content,
        JSON.stringify(toolCalls),
        stopped,
      ]);
    },
  };
}

export type ConversationRepository = ReturnType<typeof conversationRepository>;
