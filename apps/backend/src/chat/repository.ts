import type { Conversation, Message, ToolCall } from '@todo/shared';
import { and, desc, eq } from 'drizzle-orm';
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

    /** Stores a message and moves the conversation to the top of the list. */
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
      await db
        .update(conversations)
        .set({ updatedAt: new Date() })
        .where(eq(conversations.id, conversationId));
      return toMessage(row!);
    },
  };
}

export type ConversationRepository = ReturnType<typeof conversationRepository>;
