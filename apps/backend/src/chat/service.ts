import type { ChatRequest, ChatResponse, Message } from '@todo/shared';
import { AgentTurnError, type Agent, type AgentEvents, type HistoryMessage } from '../agent/types';
import { notFound } from '../http/errors';
import type { TaskRepository } from '../tasks/repository';
import { bindTools, newBinding } from '../tasks/tools';
import type { ConversationRepository } from './repository';
import { conversationTitle } from './titles';

/** Upper bound of the history handed to the agent, in characters (content plus tool calls). */
export const HISTORY_MAX_CHARS = 24_000;

/** The most recent messages that fit in `maxChars`, oldest first. */
export function windowHistory(messages: readonly Message[], maxChars = HISTORY_MAX_CHARS): HistoryMessage[] {
  const out: HistoryMessage[] = [];
  let size = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    size += m.content.length + (m.tool_calls.length ? JSON.stringify(m.tool_calls).length : 0);
    if (size > maxChars) break;
    out.push({ role: m.role, content: m.content, tool_calls: m.tool_calls });
  }
  return out.reverse();
}

export interface ChatServiceOptions {
  readonly conversations: ConversationRepository;
  readonly tasks: TaskRepository;
  readonly agent: Agent;
  /** CHAT_HISTORY_MAX_MESSAGES: most recent messages sent to the agent. */
  readonly historyMaxMessages: number;
  readonly historyMaxChars?: number;
  /** The one clock of the app (tests and the evaluation pin it). */
  readonly clock?: () => Date;
  /** The user's saved time zone, used when a turn names none. */
  readonly savedTimeZone?: (userId: string) => Promise<string | null>;
}

/** A turn whose user message is stored and whose agent run is still to come. */
export interface StartedTurn {
  readonly userId: string;
  readonly conversationId: string;
  readonly message: string;
  readonly history: HistoryMessage[];
  /** The time zone the request named, else the user's saved one (null: none saved, UTC). */
  readonly timeZone: string | null;
}

/**
 * Whether this turn may run (the chat rate limit). start() awaits it alongside its read-only lookups and
 * before its first write, so a refused turn stores nothing while an admitted one does not pay an extra
 * round trip in sequence.
 */
export type Admission = Promise<boolean>;

/**
 * One chat turn, stateless: everything it needs comes from the database and the request.
 * start(): load (or create) the conversation and its history, store the user message.
 * finish(): run the agent with the user's tools, store the assistant message, return the reply.
 */
export function chatService(opts: ChatServiceOptions) {
  const { conversations, tasks, agent } = opts;
  /*
   * The turn still running per conversation. A new message waits for it, so a reply that is being stopped (or
   * still running after its client left) is stored before the next user message, never after it. Per process: a
   * conversation's turns reach one replica in practice (one user, one tab), and the wait is bounded by the turn.
   */
  const running = new Map<string, Promise<unknown>>();
  const clock = opts.clock ?? (() => new Date());
  return {
    /** Stores the user message and loads the history; null (nothing stored) when `admission` says no. */
    async start(
      userId: string,
      request: ChatRequest,
      admission: Admission = Promise.resolve(true),
    ): Promise<StartedTurn | null> {
      const max = Math.min(opts.historyMaxMessages, agent.historyMessages ?? Infinity);
      const [admitted, timeZone] = await Promise.all([
        admission,
        request.time_zone ?? opts.savedTimeZone?.(userId) ?? null,
        request.conversation_id && running.get(request.conversation_id),
      ]);
      if (!admitted) return null;
      if (!request.conversation_id) {
        const { conversationId } = await conversations.startWith(
          userId,
          conversationTitle(request.message, { now: clock(), zone: timeZone ?? 'UTC' }),
          request.message,
        );
        return { userId, conversationId, message: request.message, history: [], timeZone };
      }
      const conversationId = request.conversation_id;
      const stored = await conversations.continueWith(userId, conversationId, request.message, max);
      if (!stored) throw notFound('Conversation');
      return {
        userId,
        conversationId,
        message: request.message,
        history: windowHistory(stored.history, opts.historyMaxChars),
        timeZone,
      };
    },

    /** Runs the agent; `signal` (Stop or the client leaving) cuts it short, and what it produced is stored. */
    finish(
      turn: StartedTurn,
      mode: { stream: boolean; events?: AgentEvents; signal?: AbortSignal },
    ): Promise<ChatResponse> {
      const done = run(turn, mode);
      const settled = done.catch(() => {});
      running.set(turn.conversationId, settled);
      void settled.then(() => {
        if (running.get(turn.conversationId) === settled) running.delete(turn.conversationId);
      });
      return done;
    },
  };

  async function run(
    turn: StartedTurn,
    mode: { stream: boolean; events?: AgentEvents; signal?: AbortSignal },
  ): Promise<ChatResponse> {
    let reply;
    const time = { now: clock(), zone: turn.timeZone ?? 'UTC' };
    try {
      reply = await agent.run({
        history: turn.history,
        time,
        message: turn.message,
        // One turn is one change group: "undo" reverts everything the turn changed.
        tools: bindTools(
          { tasks },
          newBinding(turn.userId, 'chat', {
            conversationId: turn.conversationId,
            timeZone: time.zone,
            now: time.now,
          }),
        ),
        stream: mode.stream,
        events: mode.events ?? {},
        signal: mode.signal,
      });
    } catch (err) {
      // Tools that ran before the failure changed data: record them so the history tells the truth.
      if (err instanceof AgentTurnError && err.toolCalls.length > 0) {
        await conversations.append(
          turn.conversationId,
          'assistant',
          `I couldn't finish: ${err.message}`,
          err.toolCalls,
        );
      }
      throw err;
    }
    await conversations.append(
      turn.conversationId,
      'assistant',
      reply.response,
      reply.toolCalls,
      reply.stopped === true,
    );
    return { conversation_id: turn.conversationId, response: reply.response, tool_calls: reply.toolCalls };
  }
}

export type ChatService = ReturnType<typeof chatService>;
