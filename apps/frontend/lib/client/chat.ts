import type { ChatResponse, ToolCall } from '@todo/shared';
import { ApiError, toApiError } from './api';
import { readSse } from './sse';

export interface ChatHandlers {
  onConversation?: (conversationId: string) => void;
  onDelta?: (text: string) => void;
  onToolCall?: (call: { id: string; name: string; arguments: Record<string, unknown> }) => void;
  onToolResult?: (result: { id: string; name: string; result: unknown }) => void;
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * Sends one chat turn and streams the answer: handlers fire as server-sent events arrive, and the promise resolves
 * with the final response (`done`) or rejects with the turn's error. Falls back to a plain JSON answer.
 */
export async function streamChat(
  userId: string,
  body: { conversation_id?: string; message: string },
  handlers: ChatHandlers,
  signal?: AbortSignal,
): Promise<ChatResponse> {
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
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection and try again.');
  }
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok || !type.includes('text/event-stream')) {
    const json = parse(await res.text());
    if (!res.ok) throw toApiError(res.status, json, `The assistant failed (${res.status}).`);
    const answer = json as ChatResponse;
    handlers.onConversation?.(answer.conversation_id);
    return answer;
  }
  if (!res.body) throw new ApiError(502, 'stream_interrupted', 'The reply stream ended unexpectedly.');
  for await (const ev of readSse(res.body)) {
    const data = parse(ev.data) as Record<string, unknown> | undefined;
    if (!data) continue;
    switch (ev.event) {
      case 'conversation':
        handlers.onConversation?.(String(data.conversation_id));
        break;
      case 'delta':
        handlers.onDelta?.(String(data.text ?? ''));
        break;
      case 'tool_call':
        handlers.onToolCall?.(data as { id: string; name: string; arguments: Record<string, unknown> });
        break;
      case 'tool_result':
        handlers.onToolResult?.(data as { id: string; name: string; result: unknown });
        break;
      case 'done':
        return data as unknown as ChatResponse;
      case 'error':
        throw new ApiError(
          502,
          String(data.code ?? 'internal_error'),
          String(data.message ?? 'The assistant failed to answer.'),
        );
    }
  }
  throw new ApiError(502, 'stream_interrupted', 'The reply stream ended before the assistant finished.');
}

/** One-line summary of a tool's result for its chip (e.g. the task title or the number of tasks). */
export function summarizeResult(result: unknown): string {
  if (result === undefined || result === null) return '';
  if (typeof result === 'string') return result.length > 60 ? `${result.slice(0, 57)}…` : result;
  if (typeof result !== 'object') return String(result);
  const r = result as Record<string, unknown> & { error?: { message?: string } | string };
  if (r.error) return typeof r.error === 'string' ? r.error : (r.error.message ?? 'failed');
  const task = (r.task ?? r) as Record<string, unknown>;
  if (typeof task.title === 'string') return task.completed === true ? `✓ ${task.title}` : task.title;
  const items = Array.isArray(r.items)
    ? r.items
    : Array.isArray(r.tasks)
      ? r.tasks
      : Array.isArray(result)
        ? result
        : null;
  if (items) return `${items.length} task${items.length === 1 ? '' : 's'}`;
  if (typeof r.deleted === 'number') return `${r.deleted} deleted`;
  if (r.ok === true || r.success === true || r.deleted === true) return 'done';
  return '';
}

/** "add_task" → "add task". */
export function toolLabel(name: string): string {
  return name.replace(/[_-]+/g, ' ').trim();
}

export type { ToolCall };
