import type { ChatRequest, ChatResponse, Message } from '@todo/shared';
import { AgentTurnError, type Agent, type AgentEvents, type HistoryMessage } from '../agent/types';
import { AppError, notFound } from '../http/errors';
import type { TaskRepository } from '../tasks/repository';
import { bindTools, newBinding } from '../tasks/tools';
import type { LimitResult } from '../auth/rate-limit';
import {
  TurnAlreadyStored,
  type ConversationRepository,
  type StoredTurn,
  type TurnLimit,
} from './repository';
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
  /** The user's saved time zone, for a turn that opens a conversation and names none (an open one reads it with its history). */
  readonly savedTimeZone?: (userId: string) => Promise<string | null>;
  /**
   * Counts a hit on a turn's limit outside the statement that stores it: a resent turn_id stores nothing, so its
   * statement counts nothing either. @default resends count no hit
   */
  readonly countHit?: (limit: TurnLimit) => Promise<LimitResult>;
}

/** A turn whose user message is stored and whose agent run is still to come. */
export interface StartedTurn {
  readonly userId: string;
  readonly conversationId: string;
  readonly message: string;
  readonly history: HistoryMessage[];
  /** The time zone the request named, else the user's saved one (null: none saved, UTC). */
  readonly timeZone: string | null;
  /** The client's id of the user message, if it sent one. */
  readonly turnId: string | null;
}

/**
 * What start() decided: run the turn, answer with the stored reply of a turn_id that already ran, or refuse it
 * (the rate limit; nothing stored).
 */
export type TurnStart =
  | { readonly kind: 'run'; readonly turn: StartedTurn }
  | { readonly kind: 'replay'; readonly response: ChatResponse }
  | { readonly kind: 'limited'; readonly result: LimitResult };

const TURN_UNFINISHED =
  'This message was already received and has no answer yet: it may still be running, or the server stopped ' +
  'while answering. Check your tasks before sending it again.';

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
    /**
     * Stores the user message and loads the history, when `limit` admits the turn (counted in the same statement,
     * so a refused turn stores nothing and an admitted one pays no round trip for it). A turn_id that is already
     * stored is never run again: its stored reply is the answer (409 turn_unfinished without one).
     */
    async start(userId: string, request: ChatRequest, limit?: TurnLimit): Promise<TurnStart> {
      const max = Math.min(opts.historyMaxMessages, agent.historyMessages ?? Infinity);
      const turnId = request.turn_id ?? null;
      // A resent turn_id is found by the insert itself (a unique index): looking it up first would cost every turn
      // a query for the rare resend. A failed statement stores nothing, its conversation update included.
      try {
        if (!request.conversation_id) {
          const timeZone = request.time_zone ?? (await opts.savedTimeZone?.(userId)) ?? null;
          const started = await conversations.startWith(
            userId,
            conversationTitle(request.message, { now: clock(), zone: timeZone ?? 'UTC' }),
            request.message,
            turnId,
            limit,
          );
          if ('limited' in started) return { kind: 'limited', result: started.limited };
          const { conversationId } = started;
          const turn = { userId, conversationId, message: request.message, history: [], timeZone, turnId };
          return { kind: 'run', turn };
        }
        const conversationId = request.conversation_id;
        await running.get(conversationId);
        // The statement reads the saved zone along with the history (no round trip of its own).
        const stored = await conversations.continueWith(
          userId,
          conversationId,
          request.message,
          max,
          turnId,
          limit,
        );
        if (!stored) throw notFound('Conversation');
        if ('limited' in stored) return { kind: 'limited', result: stored.limited };
        const history = windowHistory(stored.history, opts.historyMaxChars);
        const timeZone = request.time_zone ?? stored.savedZone;
        return {
          kind: 'run',
          turn: { userId, conversationId, message: request.message, history, timeZone, turnId },
        };
      } catch (err) {
        // The same message sent again, or twice at once: the stored turn answers. (A resent first message is
        // refused by the unique index before the conversation quota's statement-level trigger would run.)
        if (!(err instanceof TurnAlreadyStored)) throw err;
        // A resend costs a hit like any turn, so resending one stored turn_id cannot go round the limit.
        if (limit && opts.countHit) {
          const verdict = await opts.countHit(limit);
          if (!verdict.allowed) return { kind: 'limited', result: verdict };
        }
        const stored = await conversations.turn(userId, turnId!);
        // Another user's message holds this id: say only that it is taken.
        if (!stored) throw new AppError('conflict', 'This turn_id is already in use; send a new one');
        return { kind: 'replay', response: await replay(userId, turnId!, stored) };
      }
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

  /** The stored answer of a turn_id that already ran; waits for it when it is still running here. */
  async function replay(userId: string, turnId: string, stored: StoredTurn): Promise<ChatResponse> {
    let outcome: StoredTurn | null = stored;
    const pending = running.get(stored.conversationId);
    if (!outcome.reply && pending) {
      await pending;
      outcome = await conversations.turn(userId, turnId);
    }
    if (!outcome?.reply) throw new AppError('turn_unfinished', TURN_UNFINISHED);
    return {
      conversation_id: outcome.conversationId,
      response: outcome.reply.response,
      tool_calls: outcome.reply.toolCalls,
      replayed: true,
    };
  }

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
      } else if (err instanceof AgentTurnError && turn.turnId) {
        // Nothing changed (the model failed before any tool ran): sending the message again may run it again.
        await conversations.releaseTurn(turn.turnId);
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
