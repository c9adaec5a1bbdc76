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

export interface RateLimiterOptions {
  /** How often `startSweeping` deletes the windows that have ended. @default 60000 */
  readonly sweepEveryMs?: number;
  /** Where a failed sweep is reported (the next one tries again). @default nowhere */
  readonly log?: (err: unknown) => void;
}

/*
 * One statement per hit, so replicas on one database share every count and two hits never race: the upsert
 * holds the row lock. A key's window starts at its first hit and lasts `windowSeconds` on the database clock
 * (no replica's clock skew matters); a hit after it ended starts the next one.
 */
/**
 * One hit on a key, as a CTE named `hit` with columns `hits` and `retry_after`; the arguments are the statement's
 * parameter references. A statement that admits and writes in one round trip (a chat turn) puts it first and
 * writes only when `hits` is within the limit; `from` names a CTE to select from. A null key counts nothing
 * (no row).
 */
export const hitCte = (key: string, windowSeconds: string, cost: string, from?: string) => `hit as (
  insert into rate_limits as r (key, hits, expires_at)
  select ${key}::text, ${cost}::int, now() + make_interval(secs => ${windowSeconds}::int)${from ? ` from ${from}` : ''}
  where ${key}::text is not null
  on conflict (key) do update set
    hits = case when r.expires_at > now() then r.hits + excluded.hits else excluded.hits end,
    expires_at = case when r.expires_at > now() then r.expires_at else excluded.expires_at end
  returning hits, greatest(1, ceil(extract(epoch from expires_at - now())))::int as retry_after
)`;

/** A hit as hitCte returns it. */
export interface HitRow {
  readonly hits: number | string;
  readonly retry_after: number | string;
}

/** The verdict a hit row stands for under `max`. */
export function verdict(row: HitRow, max: number): LimitResult {
  const hits = Number(row.hits);
  return { allowed: hits <= max, hits, retryAfterSeconds: Number(row.retry_after) };
}

/*
 * The hit commits without waiting for its WAL flush (synchronous_commit off for this transaction only): a count
 * lost in a database crash gives back at most the last few hits, while every sign-in stops paying a flush for
 * bookkeeping. The setting is transaction-local, so the pooled connection stays durable for real data.
 */
const HIT = `with relaxed as (select set_config('synchronous_commit', 'off', true)),
${hitCte('$1', '$2', '$3', 'relaxed')}
select hits, retry_after from hit`;
const REFUND = `update rate_limits set hits = greatest(hits - $2::int, 0) where key = $1::text and expires_at > now()`;
const SWEEP = `delete from rate_limits where expires_at < now()`;

/**
 * Rate limits counted in Postgres: what a limit on guesses needs once there are several replicas (each
 * in-process counter would allow its own share, so 5 replicas meant 5× the guesses), without a new service.
 * Costs one indexed upsert per limited request; credential, MCP and chat requests are limited (a chat turn counts
 * its hit in the statement that stores its message: see hitCte).
 */
export function rateLimiter(database: Database, opts: RateLimiterOptions = {}) {
  return {
    /** Counts `cost` hits on `key` (a JSON-RPC batch costs one per call) and says whether they fit. */
    async hit(key: string, limit: Limit, cost = 1): Promise<LimitResult> {
      const [row] = await database.query<HitRow>('rate_limit_hit', HIT, [key, limit.windowSeconds, cost]);
      return verdict(row!, limit.max);
    },
    /** Takes back hits that turned out fine (a correct password), so only failures count towards a lockout. */
    async refund(key: string, cost = 1): Promise<void> {
      await database.query('rate_limit_refund', REFUND, [key, cost]);
    },
    /**
     * Deletes the windows that have ended, every `sweepEveryMs` until the returned stop is called. On a timer
     * rather than on hits, because hits are also counted by other statements (a chat turn's hitCte) that the
     * limiter never sees; the timer does not keep the process alive.
     */
    startSweeping(): () => void {
      const timer = setInterval(() => {
        database.query('rate_limit_sweep', SWEEP, []).catch((err: unknown) => opts.log?.(err));
      }, opts.sweepEveryMs ?? SWEEP_EVERY_MS);
      timer.unref();
      return () => clearInterval(timer);
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
