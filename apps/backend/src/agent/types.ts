import type { ToolCall } from '@todo/shared';
import { AppError } from '../http/errors';
import type { BoundTools } from '../tasks/tools';

/** An earlier message of the conversation, oldest first. */
export interface HistoryMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
  readonly tool_calls: readonly ToolCall[];
}

/** Progress of a turn as it happens (the SSE stream forwards these). */
export interface AgentEvents {
  delta?(text: string): void;
  toolCall?(call: { id: string; name: string; arguments: Record<string, unknown> }): void;
  toolResult?(result: { id: string; name: string; result: unknown }): void;
}

/** When and where the user is: every date phrase of the turn is resolved against this. */
export interface TurnTime {
  readonly now: Date;
  /** IANA zone: the turn's `time_zone`, else the user's saved one, else UTC. */
  readonly zone: string;
}

export interface AgentTurn {
  readonly history: readonly HistoryMessage[];
  readonly time: TurnTime;
  readonly message: string;
  /** The task tools bound to the authenticated user. */
  readonly tools: BoundTools;
  /** Stream text from the model as it is generated (SSE mode). */
  readonly stream: boolean;
  readonly events: AgentEvents;
  /**
   * Aborted when the user pressed Stop or the client went away. An agent that honours it cancels the model call,
   * runs no further tool, and returns what it had produced with `stopped: true` (it does not throw).
   */
  readonly signal?: AbortSignal;
}

export interface AgentReply {
  readonly response: string;
  readonly toolCalls: ToolCall[];
  /** The turn was cut short by `AgentTurn.signal`: response and toolCalls are what it had produced by then. */
  readonly stopped?: boolean;
}

export interface Agent {
  readonly kind: 'local' | 'openai';
  /** Most history messages this agent ever looks at (unset: whatever the chat service's window allows). */
  readonly historyMessages?: number;
  run(turn: AgentTurn): Promise<AgentReply>;
}

/** A turn that failed after some tools already ran: those calls are kept so the history matches the data. */
export class AgentTurnError extends AppError {
  constructor(
    cause: AppError,
    readonly toolCalls: ToolCall[],
  ) {
    super(cause.code, cause.message, cause.details, cause.status);
  }
}
