import { parseMessage } from '../../language/intent/parse';
import type { Agent, AgentReply, AgentTurn } from '../types';
import { readContext } from './context';
import { executeAll, Session } from './execute';

/*
 * The embedded local agent: deterministic natural language → task tool calls, so the app works with no LLM.
 * Three parts, each testable alone: language/intent reads the message (pure), context.ts reads what the
 * conversation was about from the stored history (the server stays stateless), execute.ts acts with the same
 * bound tools as the OpenAI agent and the MCP server and words the reply.
 */

export interface LocalAgentOptions {
  /** Pins the clock (tests); otherwise the turn's own time is used. */
  readonly now?: () => Date;
}

export { matchTasks } from './match';

export function createLocalAgent(opts: LocalAgentOptions = {}): Agent {
  return {
    kind: 'local',
    // "it", "the first one" and a pending "yes?" need only the last few messages.
    historyMessages: 6,
    async run(turn: AgentTurn): Promise<AgentReply> {
      const time = opts.now ? { ...turn.time, now: opts.now() } : turn.time;
      const parsed = parseMessage(turn.message, time);
      const session = new Session(turn, { lang: parsed.lang, time }, readContext(turn.history));
      const response = await executeAll(session, parsed.intents, turn.message);
      turn.events.delta?.(response);
      return { response, toolCalls: session.calls };
    },
  };
}
