import {
  chatEventSchemas,
  chatResponseSchema,
  conversationWithMessagesSchema,
  type ChatResponse,
  type Message,
} from '@todo/shared';
import { pageTranslator } from '@/i18n/client';
import { toApiError } from './error-text';
import type { ChatEvent, ChatHandlers, ChatMessage, ChatReply } from './chat';
import { readSse } from './sse';
import { describeToolCall } from './tool-labels';

/*
 * The chat API as the browser reads it, parsed with zod at the boundary. This module (and zod with it) is loaded
 * on the first chat turn or opened conversation, not with the page: zod alone would be ≈ 94 KB gzipped of the
 * 150 KB first-load budget of `/`. Reading the event stream lives here for the same reason.
 */

/** An error this client found itself, worded by the catalog's `errors.<code>` (see errorText). */
const clientError = (code: string, details?: Record<string, string>) =>
  toApiError(502, { code, details }, code);

/** A reply this client cannot read; `what` (a "done" event, an answer…) is kept in the details for debugging. */
const unreadable = (what: string) => clientError('bad_response', { what });

/** The reply stream ended before the assistant finished. */
export const interrupted = () => clientError('stream_interrupted');

/** A turn the server refused, in the UI's language; "The assistant failed (502)." when it says no more. */
export const turnError = (status: number, body: unknown) =>
  toApiError(status, body, pageTranslator('errors')('assistantFailed', { status }));

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One SSE event parsed; null for an event name this client does not know (newer servers may add some). */
export function readChatEvent(event: string, data: string): ChatEvent | null {
  if (!Object.hasOwn(chatEventSchemas, event)) return null;
  const name = event as keyof typeof chatEventSchemas;
  const parsed = chatEventSchemas[name].safeParse(json(data));
  if (!parsed.success) throw unreadable(`a "${name}" event`);
  return { event: name, data: parsed.data } as ChatEvent;
}

/** The final answer of a turn, with its tool calls in words. */
export function readChatReply(body: unknown, keyPrefix: string): ChatReply {
  const parsed = chatResponseSchema.safeParse(body);
  if (!parsed.success) throw unreadable('an answer');
  return withActivities(parsed.data, keyPrefix);
}

function withActivities(r: ChatResponse, keyPrefix: string): ChatReply {
  return {
    ...r,
    activities: r.tool_calls.map((t, i) =>
      describeToolCall(`${keyPrefix}-${i}`, t.name, t.arguments, t.result, true),
    ),
  };
}

function fromServer(m: Message): ChatMessage {
  return {
    key: `s${m.id}`,
    role: m.role,
    content: m.content,
    activities: m.tool_calls.map((t, i) =>
      describeToolCall(`s${m.id}-${i}`, t.name, t.arguments, t.result, true),
    ),
    // A reply cut short by Stop (or by leaving) reads as stopped after a reload too.
    state: m.stopped ? 'stopped' : 'done',
  };
}

/** A page of a stored conversation, its messages ready to show. */
export function readConversation(body: unknown): {
  title: string;
  messages: ChatMessage[];
  messagesBefore: string | null;
} {
  const parsed = conversationWithMessagesSchema.safeParse(body);
  if (!parsed.success) throw unreadable('a conversation');
  return {
    title: parsed.data.title,
    messages: parsed.data.messages.map(fromServer),
    messagesBefore: parsed.data.messages_before,
  };
}

/** Reads a turn's event stream to its end: handlers fire as events arrive; resolves with the final answer. */
export async function readChatStream(
  body: ReadableStream<Uint8Array>,
  handlers: ChatHandlers,
  keyPrefix: string,
): Promise<ChatReply> {
  // A result names its call by id only; the call's arguments say which task it was about.
  const argsById = new Map<string, Record<string, unknown>>();
  for await (const ev of readSse(body)) {
    const parsed = readChatEvent(ev.event, ev.data);
    if (!parsed) continue;
    switch (parsed.event) {
      case 'conversation':
        handlers.onConversation?.(parsed.data.conversation_id);
        break;
      case 'delta':
        handlers.onDelta?.(parsed.data.text);
        break;
      case 'tool_call': {
        const { id, name, arguments: args } = parsed.data;
        argsById.set(id, args);
        handlers.onToolCall?.(describeToolCall(id, name, args, undefined, false));
        break;
      }
      case 'tool_result': {
        const { id, name, result } = parsed.data;
        handlers.onToolResult?.(describeToolCall(id, name, argsById.get(id) ?? {}, result, true));
        break;
      }
      case 'done':
        return readChatReply(parsed.data, keyPrefix);
      case 'error':
        throw toApiError(502, parsed.data, parsed.data.message);
    }
  }
  throw interrupted();
}
