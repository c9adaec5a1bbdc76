import type { ChatRequest, ChatResponse, Message } from '@todo/shared';
import { AgentTurnError, type Agent, type AgentEvents, type HistoryMessage } from '../agent/types';
import { notFound } from '../http/errors';
import type { TaskRepository } from '../tasks/repository';
import { bindTools, newBinding } from '../tasks/tools';
import { titleFrom, type ConversationRepository } from './repository';

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
}

/** A turn whose user message is stored and whose agent run is still to come. */
export interface StartedTurn {
  readonly userId: string;
  readonly conversationId: string;
  readonly message: string;
  readonly history: HistoryMessage[];
}

/**
 * One chat turn, stateless: everything it needs comes from the database and the request.
 * start(): load (or create) the conversation and its history, store the user message.
 * finish(): run the agent with the user's tools, store the assistant message, return the reply.
 */
export function chatService(opts: ChatServiceOptions) {
  const { conversations, tasks, agent } = opts;
  return {
    async start(userId: string, request: ChatRequest): Promise<StartedTurn> {
      const max = Math.min(opts.historyMaxMessages, agent.historyMessages ?? Infinity);
      if (!request.conversation_id) {
        const { conversationId } = await conversations.startWith(
          userId,
          titleFrom(request.message),
          request.message,
        );
        return { userId, conversationId, message: request.message, history: [] };
      }
      const conversationId = request.conversation_id;
      const stored = await conversations.continueWith(userId, conversationId, request.message, max);
      if (!stored) throw notFound('Conversation');
      return {
        userId,
        conversationId,
        message: request.message,
        history: windowHistory(stored.history, opts.historyMaxChars),
      };
    },

    async finish(turn: StartedTurn, mode: { stream: boolean; events?: AgentEvents }): Promise<ChatResponse> {
      let reply;
      try {
        reply = await agent.run({
          history: turn.history,
          message: turn.message,
          // One turn is one change group: "undo" reverts everything the turn changed.
          tools: bindTools(
            { tasks },
            newBinding(turn.userId, 'chat', { conversationId: turn.conversationId }),
          ),
          stream: mode.stream,
          events: mode.events ?? {},
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
      await conversations.append(turn.conversationId, 'assistant', reply.response, reply.toolCalls);
      return { conversation_id: turn.conversationId, response: reply.response, tool_calls: reply.toolCalls };
    },
  };
}

export type ChatService = ReturnType<typeof chatService>;
