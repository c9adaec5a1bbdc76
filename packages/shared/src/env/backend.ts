import * as z from 'zod';
import { defineEnv, envType as t } from './define';

/**
 * One TRUSTED_PROXIES entry: an IP, a CIDR range, or a name proxy-addr (Fastify's trustProxy) knows. Checked at
 * start so a typo fails loudly instead of silently trusting nobody (or the wrong range).
 */
const proxyAddress = z.union(
  [z.enum(['loopback', 'linklocal', 'uniquelocal']), z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()],
  { message: 'expected IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated' },
);

/**
 * Every environment variable the backend reads. Parsed once at start (apps/backend/src/config.ts);
 * imported by chart-gen to build the chart's ConfigMap, Secret, values and schema.
 */
export const backendEnv = defineEnv({
  NODE_ENV: {
    schema: t.oneOf(['development', 'production', 'test']),
    description: 'Runtime mode; production requires BETTER_AUTH_SECRET.',
    default: 'development',
    enum: ['development', 'production', 'test'],
  },
  HOST: { schema: t.string(), description: 'Address the HTTP server binds to.', default: '0.0.0.0' },
  PORT: {
    schema: t.int(1, 65535),
    description: 'Port the HTTP server listens on.',
    default: '8080',
    type: 'integer',
  },
  LOG_LEVEL: {
    schema: t.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    description: 'Minimum level of the JSON logs.',
    default: 'info',
    enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
  },
  DATABASE_URL: {
    schema: t.url(),
    description: 'Postgres connection string; unset means the embedded PGlite database.',
    secret: true,
    example: 'postgres://todo:password@postgres:5432/todo',
  },
  DATABASE_DRIVER: {
    schema: t.oneOf(['auto', 'pglite', 'pg', 'neon']),
    description:
      'Database driver; auto picks PGlite without DATABASE_URL, Neon for *.neon.tech hosts, else pg.',
    default: 'auto',
    enum: ['auto', 'pglite', 'pg', 'neon'],
  },
  PGLITE_DATA_DIR: {
    schema: t.string(),
    description: 'Directory of the embedded PGlite database (memory:// keeps it in memory).',
    default: '.data/pglite',
  },
  DATABASE_POOL_MAX: {
    schema: t.int(1, 200),
    description: 'Maximum connections in the Postgres pool.',
    default: '10',
    type: 'integer',
  },
  MIGRATE_ON_START: {
    schema: t.bool(),
    description: 'Apply pending migrations when the server starts (the chart runs a hook Job instead).',
    default: 'true',
    type: 'boolean',
  },
  BETTER_AUTH_SECRET: {
    schema: t.string().min(32, { message: 'expected at least 32 characters' }),
    description: 'Signing secret for sessions; required in production.',
    secret: true,
  },
  BETTER_AUTH_URL: {
    schema: t.url(),
    description: 'Public base URL of the app as the browser sees it; inferred from the request when unset.',
  },
  AUTH_TRUSTED_ORIGINS: {
    schema: t.list(),
    description: 'Extra browser origins allowed to call the auth API (comma-separated).',
    default: '',
  },
  AUTH_RATE_LIMIT_MAX: {
    schema: t.int(1, 100000),
    description:
      'Sign-in and sign-up attempts allowed per client address per minute, counted in the database (shared by all replicas).',
    default: '10',
    type: 'integer',
  },
  AUTH_ACCOUNT_RATE_LIMIT_MAX: {
    schema: t.int(1, 100000),
    description:
      'Failed password checks (sign-in, change-password) allowed per account per 15 minutes, from any address; then the account refuses password checks until the window ends.',
    default: '10',
    type: 'integer',
  },
  AUTH_SIGN_UP_MIN_MS: {
    schema: t.int(0, 10000),
    description:
      'Every sign-up answers no sooner than this many milliseconds after it arrived, so a new and an already registered email take the same time (keep it above the time a sign-up takes on this hardware).',
    default: '400',
    type: 'integer',
  },
  MAX_TASKS_PER_USER: {
    schema: t.int(1, 10000000),
    description:
      'Most tasks one account may have; creating (or undoing the deletion of) more answers 409 task_quota_exceeded. Enforced in the database, across replicas.',
    default: '200000',
    type: 'integer',
  },
  MAX_CONVERSATIONS_PER_USER: {
    schema: t.int(1, 1000000),
    description:
      'Most conversations one account may have; starting another answers 409 conversation_quota_exceeded. Enforced in the database, across replicas.',
    default: '20000',
    type: 'integer',
  },
  TRUSTED_PROXIES: {
    schema: t.list().pipe(z.array(proxyAddress)),
    description:
      'Addresses or CIDR ranges of the proxies whose X-Forwarded-For/-Proto/-Host are believed (the frontend pods); requests from anywhere else are taken at their TCP address. Empty trusts nobody.',
    default: 'loopback',
    example: '10.244.0.0/16',
  },
  SHUTDOWN_TIMEOUT_MS: {
    schema: t.int(0, 600000),
    description: 'How long a shutdown waits for in-flight requests.',
    default: '25000',
    type: 'integer',
  },
  OPENAI_API_KEY: {
    schema: t.string(),
    description: 'OpenAI (or compatible) API key; unset means the embedded local agent.',
    secret: true,
  },
  OPENAI_BASE_URL: {
    schema: t.url(),
    description: 'Base URL of an OpenAI-compatible server (Ollama, vLLM, OpenRouter).',
    secret: true,
  },
  OPENAI_MODEL: { schema: t.string(), description: 'Chat model name.', default: 'gpt-4o-mini' },
  OPENAI_TIMEOUT_MS: {
    schema: t.int(1000, 600000),
    description: 'Timeout of one LLM request.',
    default: '30000',
    type: 'integer',
  },
  OPENAI_MAX_RETRIES: {
    schema: t.int(0, 10),
    description: 'Retries of an LLM request on 429 and 5xx.',
    default: '2',
    type: 'integer',
  },
  AGENT_MAX_TOOL_ROUNDS: {
    schema: t.int(1, 20),
    description: 'Maximum model↔tool rounds in one chat turn.',
    default: '6',
    type: 'integer',
  },
  CHAT_HISTORY_MAX_MESSAGES: {
    schema: t.int(1, 500),
    description: 'Most recent messages of a conversation sent to the agent.',
    default: '40',
    type: 'integer',
  },
  CHAT_RATE_LIMIT_MAX: {
    schema: t.int(1, 100000),
    description: 'Chat turns allowed per user per minute.',
    default: '30',
    type: 'integer',
  },
  MCP_RATE_LIMIT_MAX: {
    schema: t.int(1, 100000),
    description: 'MCP requests (JSON-RPC calls on /mcp) allowed per access token per minute.',
    default: '120',
    type: 'integer',
  },
});
