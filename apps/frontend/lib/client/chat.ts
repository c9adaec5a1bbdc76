import type { ChatEvent, ChatRequest, ChatResponse } from '@todo/shared';
import { api, networkError, reported } from './api';
import { reportUp } from './connection';
import { preloadMarkdown } from './lazy-markdown';
import type { ToolActivity } from './tool-labels';

export type { ChatEvent, ToolActivity };

/** A message as the chat log shows it. */
export interface ChatMessage {
  key: string;
  role: 'user' | 'assistant';
  content: string;
  activities: ToolActivity[];
  state: 'done' | 'streaming' | 'error' | 'stopped';
  error?: string;
  /** The user text to send again when this failed turn is retried. */
  retryText?: string;
  /** The turn id to send it with: the same one, so a turn whose answer was lost is not run twice. */
  retryTurnId?: string;
  /** It failed because the backend could not be reached: it is retried by itself when the backend is back. */
  retryOnReconnect?: boolean;
}

/** A turn's final answer with its tool calls in words. */
export interface ChatReply extends ChatResponse {
  activities: ToolActivity[];
}

export interface ChatHandlers {
  onConversation?: (conversationId: string) => void;
  onDelta?: (text: string) => void;
  /** A tool started (`state: 'running'`). */
  onToolCall?: (activity: ToolActivity) => void;
  /** A tool finished; `activity.changed` says whether tasks changed. */
  onToolResult?: (activity: ToolActivity) => void;
}

/** One chat message as the backend takes it (turn_id: see newTurnId). */
export type ChatTurn = ChatRequest;

// Parsing needs zod; it loads with the first turn, not with the page (see chat-contract.ts).
const loadContract = () => import('./chat-contract');

/**
 * Sends one chat turn and streams the answer: handlers fire as server-sent events arrive, and the promise resolves
 * with the final response (`done`) or rejects with the turn's error. Falls back to a plain JSON answer. Every
 * event is parsed; tool calls arrive already worded.
 */
export async function streamChat(
  userId: string,
  body: ChatTurn,
  handlers: ChatHandlers,
  signal?: AbortSignal,
  keyPrefix = 'turn',
): Promise<ChatReply> {
  const contractLoading = loadContract();
  void preloadMarkdown();
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(userId)}/chat`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw reported(networkError());
  }
  const contract = await contractLoading;
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok || !type.includes('text/event-stream')) {
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) throw reported(contract.turnError(res.status, json));
    reportUp();
    const answer = contract.readChatReply(json, keyPrefix);
    handlers.onConversation?.(answer.conversation_id);
    return answer;
  }
  reportUp();
  if (!res.body) throw contract.interrupted();
  return contract.readChatStream(res.body, handlers, keyPrefix);
}

/** A page of a stored conversation (its newest messages, or those before a cursor), ready to show. */
export async function loadConversation(path: string) {
  void preloadMarkdown();
  const [contract, body] = await Promise.all([loadContract(), api<unknown>(path)]);
  return contract.readConversation(body);
}
