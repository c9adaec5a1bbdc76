import type { Conversation, Message, ToolCall } from '@todo/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { conversations, messages } from '../db/schema';

type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  title: r.title,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  role: r.role,
  content: r.content,
  tool_calls: (r.toolCalls ?? []) as ToolCall[],
  created_at: r.createdAt.toISOString(),
});

/** A timestamp as JavaScript's toISOString() prints it (as the task statements do). */
const isoText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/*
 * The statements of a chat turn, sent as prepared statements without the query builder: building and mapping
 * them through Drizzle cost more CPU than the rest of a local-agent turn.
 */

/** Opens a conversation with its first user message (one statement, one commit). */
const START_SQL = `with c as (insert into conversations (user_id, title) values ($1, $2) returning id)
insert into messages (conversation_id, role, content) select c.id, 'user', $3 from c
returning conversation_id::text as conversation_id`;

/**
 * Stores a user message in the user's conversation, marks the conversation active, and returns the `$4` messages
 * before it, newest first: one statement, one round trip, one commit. Data-modifying CTEs are not visible to the
 * rest of the statement, so the history never contains the new message. No row: not the user's conversation.
 */
const CONTINUE_SQL = `with c as (
  update conversations set updated_at = now() where id = $1 and user_id = $2 returning id
), m as (
  insert into messages (conversation_id, role, content) select c.id, 'user', $3 from c returning id
)
select m.id::text as message_id, h.id::text as id, h.role, h.content, h.tool_calls, ${isoText('h.created_at')} as created_at
from m left join lateral (
  select id, role, content, tool_calls, created_at from messages
  where conversation_id = $1 order by id desc limit $4
) h on true`;

const APPEND_SQL = `insert into messages (conversation_id, role, content, tool_calls) values ($1, $2, $3, $4::jsonb)`;

interface ContinueRow {
  readonly message_id: string;
  readonly id: string | null;
  readonly role: Message['role'];
  readonly content: string;
  readonly tool_calls: ToolCall[];
  readonly created_at: string;
}

/** Most conversations listed at once (newest first). */
export const CONVERSATION_LIST_LIMIT = 200;
const TITLE_MAX = 80;

/** A title from the first message: its first line, cut at a word boundary. */
export function titleFrom(message: string): string {
  const line = message.trim().split('\n')[0]!.replace(/\s+/g, ' ');
  if (line.length <= TITLE_MAX) return line;
  const cut = line.slice(0, TITLE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > TITLE_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * Conversations and their messages. Every read of a conversation is scoped by user id; messages are
 * only reached through a conversation the caller has already loaded as its own.
 */
export function conversationRepository(database: Database) {
  const { db } = database;
  return {
    async create(userId: string, title: string): Promise<Conversation> {
      const [row] = await db.insert(conversations).values({ userId, title }).returning();
      return toConversation(row!);
    },

    async get(userId: string, id: string): Promise<Conversation | null> {
      const [row] = await db
        .select()
        .from(conversations)
        .where(and(eq(conversations.userId, userId), eq(conversations.id, id)));
      return row ? toConversation(row) : null;
    },

    /** Opens a conversation with its first user message. */
    async startWith(userId: string, title: string, content: string): Promise<{ conversationId: string }> {
      const [row] = await database.query<{ conversation_id: string }>('chat_start', START_SQL, [
        userId,
        title,
        content,
      ]);
      return { conversationId: row!.conversation_id };
    },

    /**
     * Stores a user message in the user's conversation, marks it active, and returns it with the `historyLimit`
     * messages before it (oldest first). Null when the conversation is not the user's (nothing is written then).
     */
    async continueWith(
      userId: string,
      conversationId: string,
      content: string,
      historyLimit: number,
    ): Promise<{ messageId: number; history: Message[] } | null> {
      const rows = await database.query<ContinueRow>('chat_continue', CONTINUE_SQL, [
        conversationId,
        userId,
        content,
        historyLimit,
      ]);
      const [first] = rows;
      if (!first) return null;
      const history: Message[] = [];
      for (let i = rows.length - 1; i >= 0; i--) {
        const r = rows[i]!;
        if (r.id === null) continue;
        history.push({
          id: Number(r.id),
          role: r.role,
          content: r.content,
          tool_calls: r.tool_calls ?? [],
          created_at: r.created_at,
        });
      }
      return { messageId: Number(first.message_id), history };
    },

    async list(userId: string): Promise<Conversation[]> {
      const rows = await db
        .select()
        .from(conversations)
        .where(eq(conversations.userId, userId))
        .orderBy(desc(conversations.updatedAt), desc(conversations.createdAt))
        .limit(CONVERSATION_LIST_LIMIT);
      return rows.map(toConversation);
    },

    async remove(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(conversations)
        .where(and(eq(conversations.userId, userId), eq(conversations.id, id)))
        .returning({ id: conversations.id });
      return rows.length > 0;
    },

    /** All messages of a conversation, oldest first. */
    async messages(conversationId: string): Promise<Message[]> {
      const rows = await db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(messages.id);
      return rows.map(toMessage);
    },

    /** Stores a message (the turn's user message already moved the conversation to the top of the list). */
    async append(
      conversationId: string,
      role: Message['role'],
      content: string,
      toolCalls: ToolCall[] = [],
    ): Promise<void> {
      await database.query('chat_append', APPEND_SQL, [
        conversationId,
        role,
        content,
        JSON.stringify(toolCalls),
      ]);
    },
  };
}

export type ConversationRepository = ReturnType<typeof conversationRepository>;
