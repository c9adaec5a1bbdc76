import * as z from 'zod';
import { cursorSchema, pageLimitSchema, pageSchema } from './page';
import { timeZoneSchema } from './timezone';

export const MESSAGE_MAX = 4000;

export const chatRequestSchema = z.strictObject({
  conversation_id: z.uuid({ message: 'conversation_id must be a UUID' }).optional(),
  message: z
    .string()
    .trim()
    .min(1, { message: 'message must not be empty' })
    .max(MESSAGE_MAX, { message: `message must be at most ${MESSAGE_MAX} characters` }),
  /** The sender's IANA time zone for this turn ("tomorrow", "at 5pm"); else the saved one, else UTC. */
  time_zone: timeZoneSchema.optional(),
  /**
   * The client's id of this message, new for each message and the same when it is sent again. A resend after a
   * lost answer never runs the turn twice: the stored answer comes back (`replayed: true`), or 409 turn_unfinished
   * while the first attempt has none.
   */
  turn_id: z.uuid({ message: 'turn_id must be a UUID' }).optional(),
});
export type ChatRequest = z.output<typeof chatRequestSchema>;

export const toolCallSchema = z.object({
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
  result: z.unknown(),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

export const chatResponseSchema = z.object({
  conversation_id: z.string(),
  response: z.string(),
  tool_calls: z.array(toolCallSchema),
  /** This turn_id had already run: the answer is the stored one and nothing ran again. */
  replayed: z.boolean().optional(),
});
export type ChatResponse = z.infer<typeof chatResponseSchema>;

/** The id tying a streamed `tool_call` to its `tool_result` (`call_…` from OpenAI, `local_N` from the local agent). */
const toolCallIdSchema = z.string().min(1);

/**
 * Server-sent events of one streamed chat turn, in order: conversation, (delta | tool_call | tool_result)*,
 * done | error. One schema per event name: the backend types what it sends from them, the browser parses with them.
 */
export const chatEventSchemas = {
  conversation: z.object({ conversation_id: z.string() }),
  delta: z.object({ text: z.string() }),
  tool_call: z.object({
    id: toolCallIdSchema,
    name: z.string(),
    arguments: z.record(z.string(), z.unknown()),
  }),
  tool_result: z.object({ id: toolCallIdSchema, name: z.string(), result: z.unknown() }),
  done: chatResponseSchema,
  error: z.object({ code: z.string(), message: z.string() }),
} as const;
export type ChatEventName = keyof typeof chatEventSchemas;
export const CHAT_EVENT_NAMES = Object.keys(chatEventSchemas) as ChatEventName[];

/** One event as `{event, data}`, the union of every name with its data. */
export type ChatEvent = {
  [E in ChatEventName]: { event: E; data: z.infer<(typeof chatEventSchemas)[E]> };
}[ChatEventName];

export const conversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const CONVERSATION_TITLE_MAX = 80;
/** PATCH /conversations/{id}: rename it. */
export const renameConversationSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, { message: 'title must not be empty' })
    .max(CONVERSATION_TITLE_MAX, { message: `title must be at most ${CONVERSATION_TITLE_MAX} characters` }),
});

export const messageSchema = z.object({
  id: z.number().int(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  tool_calls: z.array(toolCallSchema),
  /** The reply was cut short (Stop, or the client left): content and tool_calls are what it had produced by then. */
  stopped: z.boolean().optional(),
  created_at: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

/** GET /conversations: most recently active first, `limit` per page (default 50, at most 200). */
export const listConversationsQuerySchema = z.strictObject({
  limit: pageLimitSchema(200, 50),
  cursor: cursorSchema.optional(),
});
export type ListConversationsQuery = z.output<typeof listConversationsQuerySchema>;

export const conversationListSchema = pageSchema(conversationSchema);
export type ConversationList = z.infer<typeof conversationListSchema>;

/**
 * GET /conversations/{id}: the newest `limit` messages (default 100, at most 200), or with `before` the
 * `limit` messages before that cursor; oldest first within the page either way.
 */
export const conversationMessagesQuerySchema = z.strictObject({
  limit: pageLimitSchema(200, 100),
  before: cursorSchema.optional(),
});
export type ConversationMessagesQuery = z.output<typeof conversationMessagesQuerySchema>;

export const conversationWithMessagesSchema = conversationSchema.extend({
  messages: z.array(messageSchema),
  /** Cursor of the page of older messages (pass as `before`), null when `messages` starts the conversation. */
  messages_before: z.string().nullable(),
});
export type ConversationWithMessages = z.infer<typeof conversationWithMessagesSchema>;
