import type { Conversation, Message, ToolCall } from '@todo/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
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

/** Rows of a raw query: every driver (pg, Neon's Pool, PGlite) answers `{ rows }`. */
const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

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
export function conversationRepository(db: Db) {
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

    /**
     * Opens a conversation with its first user message in one statement (one commit: each commit costs a WAL
     * flush, the main cost of a chat turn).
     */
    async startWith(userId: string, title: string, content: string): Promise<{ conversationId: string }> {
      const result = await db.execute(sql`
        with c as (insert into conversations (user_id, title) values (${userId}, ${title}) returning id)
        insert into messages (conversation_id, role, content) select c.id, 'user', ${content} from c
        returning conversation_id::text as conversation_id`);
      const row = rows<{ conversation_id: string }>(result)[0];
      return { conversationId: row!.conversation_id };
    },

    /**
     * Stores a user message in the user's conversation and marks it active, in one statement.
     * Null when the conversation is not the user's (nothing is written then).
     */
    async continueWith(
      userId: string,
      conversationId: string,
      content: string,
    ): Promise<{ messageId: number } | null> {
      const result = await db.execute(sql`
        with c as (
          update conversations set updated_at = now()
          where id = ${conversationId} and user_id = ${userId}
          returning id
        )
        insert into messages (conversation_id, role, content) select c.id, 'user', ${content} from c
        returning id::text as id`);
      const row = rows<{ id: string }>(result)[0];
      return row ? { messageId: Number(row.id) } : null;
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

    /** The last `limit` messages, oldest first. */
    async recent(conversationId: string, limit: number): Promise<Message[]> {
      const rows = await db
        .select()
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(desc(messages.id))
        .limit(limit);
      return rows.reverse().map(toMessage);
    },

    /** Stores a message (the turn's user message already moved the conversation to the top of the list). */
    async append(
      conversationId: string,
      role: Message['role'],
      content: string,
      toolCalls: ToolCall[] = [],
    ): Promise<Message> {
      const [row] = await db
        .insert(messages)
        .values({ conversationId, role, content, toolCalls })
        .returning();
      return toMessage(row!);
    },
  };
}

export type ConversationRepository = ReturnType<typeof conversationRepository>;
