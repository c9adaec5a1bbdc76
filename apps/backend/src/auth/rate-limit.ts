import type { FastifyReply } from 'fastify';
import type { Database } from '../db/client';
import { AppError, sendError } from '../http/errors';

/** The verdict on one attempt. */
export interface LimitResult {
  readonly allowed: boolean;
  /** Hits counted in the current window, this one included. */
  readonly hits: number;
  /** Seconds until the current window ends (≥ 1). */
  readonly retryAfterSeconds: number;
}

export interface Limit {
  /** Hits allowed per window. */
  readonly max: number;
  readonly windowSeconds: number;
}

/** How often one process sweeps out windows that have ended (rows are few: one per active key). */
const SWEEP_EVERY_MS = 60_000;

/*
 * One statement per hit, so replicas on one database share every count and two hits never race: the upsert
 * holds the row lock. A key's window starts at its first hit and lasts `windowSeconds` on the database clock
 * (no replica's clock skew matters); a hit after it ended starts the next one.
 */
/*
 * The hit commits without waiting for its WAL flush (synchronous_commit off for this transaction only): a count
 * lost in a database crash gives back at most the last few hits, while every chat turn and sign-in stops paying
 * a flush for bookkeeping. The setting is transaction-local, so the pooled connection stays durable for real data.
 */
const HIT = `with relaxed as (select set_config('synchronous_commit', 'off', true))
  insert into rate_limits as r (key, hits, expires_at)
  select $1::text, $3::int, now() + make_interval(secs => $2::int) from relaxed
  on conflict (key) do update set
    hits = case when r.expires_at > now() then r.hits + excluded.hits else excluded.hits end,
    expires_at = case when r.expires_at > now() then r.expires_at else excluded.expires_at end
  returning hits, greatest(1, ceil(extract(epoch from expires_at - now())))::int as retry_after`;
const REFUND = `update rate_limits set hits = greatest(hits - $2::int, 0) where key = $1::text and expires_at > now()`;
const SWEEP = `delete from rate_limits where expires_at < now()`;

/**
 * Rate limits counted in Postgres: what a limit on guesses needs once there are several replicas (each
 * in-process counter would allow its own share, so 5 replicas meant 5× the guesses), without a new service.
 * Costs one indexed upsert per limited request; only credential and MCP requests are limited.
 */
export function rateLimiter(database: Database) {
  let lastSweep = 0;
  return {
    /** Counts `cost` hits on `key` (a JSON-RPC batch costs one per call) and says whether they fit. */
    async hit(key: string, limit: Limit, cost = 1): Promise<LimitResult> {
      const now = Date.now();
      if (now - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = now;
        await database.query('rate_limit_sweep', SWEEP, []);
      }
      const [row] = await database.query<{ hits: number; retry_after: number }>('rate_limit_hit', HIT, [
        key,
        limit.windowSeconds,
        cost,
      ]);
      const hits = Number(row!.hits);
      return { allowed: hits <= limit.max, hits, retryAfterSeconds: Number(row!.retry_after) };
    },
    /** Takes back hits that turned out fine (a correct password), so only failures count towards a lockout. */
    async refund(key: string, cost = 1): Promise<void> {
      await database.query('rate_limit_refund', REFUND, [key, cost]);
    },
  };
}

export type RateLimiter = ReturnType<typeof rateLimiter>;

/** Answers 429 `rate_limited` with Retry-After, in the API's error shape. */
export function sendRateLimited(reply: FastifyReply, result: LimitResult, message: string): void {
  reply.header('retry-after', String(result.retryAfterSeconds));
  sendError(
    reply,
    new AppError('rate_limited', `${message}; try again in ${result.retryAfterSeconds} s`, {
      retry_after_seconds: result.retryAfterSeconds,
    }),
  );
}
