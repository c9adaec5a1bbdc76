import type { AppConfig } from '../config';
import { createLocalAgent } from './local';
import { createOpenAIAgent } from './openai';
import type { Agent } from './types';

/** The OpenAI agent when a key is configured, else the embedded local agent. */
export function createAgent(config: AppConfig, now?: () => Date): Agent {
  if (!config.OPENAI_API_KEY) return createLocalAgent({ now });
  return createOpenAIAgent({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
    maxToolRounds: config.AGENT_MAX_TOOL_ROUNDS,
    now,
  });
}
