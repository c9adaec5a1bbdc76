import type { AppConfig } from '../config';
import { createLocalAgent } from './local';
import type { Agent } from './types';

/**
 * The OpenAI agent when a key is configured, else the embedded local agent. The OpenAI SDK is only loaded
 * when it is used (it adds ~0.1 s to every start otherwise).
 */
export async function createAgent(config: AppConfig, now?: () => Date): Promise<Agent> {
  if (!config.OPENAI_API_KEY) return createLocalAgent({ now });
  const { createOpenAIAgent } = await import('./openai');
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
