import { mkdirSync } from 'node:fs';
import type { PGlite, PGliteInterface } from '@electric-sql/pglite';
import type { Pool as NeonPool } from '@neondatabase/serverless';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { AppConfig, DatabaseDriver } from '../config';
import { applyMigrations } from './migrator';
import { lockDataDir, type DataDirLock } from './pglite-lock';
import { schema } from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/** A connected database, whichever driver backs it. */
export interface Database {
  readonly db: Db;
  readonly driver: DatabaseDriver;
  /**
   * Runs one SQL statement with positional parameters and returns its rows as the driver parses them. For hot
   * paths: `name` makes it a prepared statement on pooled connections (parsed and planned once per connection),
   * and no ORM builds the text or maps the rows. The same `name` must always carry the same text.
   */
  query<T>(name: string, text: string, params: readonly unknown[]): Promise<T[]>;
  /** Resolves when a trivial query succeeds within `timeoutMs`. */
  ping(timeoutMs: number): Promise<void>;
  /**
   * Applies the drizzle-kit migrations in `folder` that are not applied yet, on one dedicated connection
   * that holds the session-level advisory lock `lockKey` throughout (so concurrent migrators queue up).
   */
  migrate(folder: string, lockKey: number): Promise<void>;
  poolStats(): PoolStats;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  readonly driver: DatabaseDriver;
  readonly url?: string;
  /** PGlite data dir; `memory://` keeps it in memory. */
  readonly pgliteDataDir?: string;
  readonly poolMax?: number;
  /** An already open PGlite instance (tests clone one per file). */
  readonly pglite?: PGliteInterface;
}

/**
 * Each driver's modules are loaded only when that driver is used: a process runs one driver, and loading all of
 * them (PGlite's WASM build, Neon's WebSocket client) costs start-up time for nothing.
 */
const drivers = {
  pglite: async () => {
    const [{ PGlite }, { drizzle }, { pg_trgm }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
    ]);
    return { PGlite, drizzle, extensions: { pg_trgm } };
  },
  pg: async () => {
    const [{ default: pg }, { drizzle }] = await Promise.all([
      import('pg'),
      import('drizzle-orm/node-postgres'),
    ]);
    return { Pool: pg.Pool, drizzle };
  },
  neon: async () => {
    const [{ Pool, neonConfig }, { default: ws }, { drizzle }] = await Promise.all([
      import('@neondatabase/serverless'),
      import('ws'),
      import('drizzle-orm/neon-serverless'),
    ]);
    // Node 20 has no global WebSocket; Neon's Pool speaks Postgres over one.
    neonConfig.webSocketConstructor = ws;
    return { Pool, drizzle };
  },
};

/** The database the configuration names (the server, `migrate` and `db:backup`/`db:restore` all open it so). */
export function openConfiguredDatabase(
  config: Pick<AppConfig, 'databaseDriver' | 'DATABASE_URL' | 'PGLITE_DATA_DIR' | 'DATABASE_POOL_MAX'>,
  poolMax = config.DATABASE_POOL_MAX,
): Promise<Database> {
  return createDatabase({
    driver: config.databaseDriver,
    url: config.DATABASE_URL,
    pgliteDataDir: config.PGLITE_DATA_DIR,
    poolMax,
  });
}

/**
 * A PGlite instance with the extensions the migrations create (pg_trgm for task search). Anything that opens
 * PGlite itself (tests, tools) goes through here; clone() keeps them.
 */
export async function openPglite(dataDir = 'memory://'): Promise<PGlite> {
  const { PGlite: PGliteClass, extensions } = await drivers.pglite();
  return PGliteClass.create(dataDir, { extensions });
}

export async function createDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.driver === 'pglite') return createPglite(opts);
  if (!opts.url) throw new Error(`DATABASE_URL is required for the ${opts.driver} driver`);
  return opts.driver === 'pg'
    ? createPool('pg', opts.url, opts.poolMax ?? 10)
    : createPool('neon', opts.url, opts.poolMax ?? 10);
}

async function createPglite(opts: DatabaseOptions): Promise<Database> {
  const dataDir = opts.pgliteDataDir ?? 'memory://';
  let lock: DataDirLock | undefined;
  if (!opts.pglite && !dataDir.includes('://')) {
    // A fresh checkout has no data dir yet; PGlite creates the last segment only.
    mkdirSync(dataDir, { recursive: true });
    // Before PGlite reads a page: a second process on the same files loses one side's writes (pglite-lock.ts).
    lock = lockDataDir(dataDir);
  }
  const { drizzle } = await drivers.pglite();
  let client: PGliteInterface;
  try {
    client = opts.pglite ?? (await openPglite(dataDir));
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzle({ client: client as PGlite, schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    driver: 'pglite',
    // One in-process connection: PGlite caches nothing by name, and there is no network round trip to save.
    query: async <T>(_name: string, text: string, params: readonly unknown[]) =>
      (await client.query<T>(text, params as unknown[])).rows,
    ping: (timeoutMs) =>
      withTimeout(
        client.query('select 1').then(() => undefined),
        timeoutMs,
      ),
    async migrate(folder, lockKey) {
      await client.query('select pg_advisory_lock($1)', [lockKey]);
      try {
        await applyMigrations(
          {
            // exec: a statement without parameters may be several (a migration's DO blocks, functions).
            query: async (text, params) =>
              params
                ? (await client.query<Record<string, unknown>>(text, [...params])).rows
                : ((await client.exec(text)).at(-1)?.rows ?? []),
          },
          folder,
          { concurrently: false },
        );
      } finally {
        await client.query('select pg_advisory_unlock($1)', [lockKey]);
      }
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function createPool(driver: 'pg' | 'neon', url: string, max: number): Promise<Database> {
  const pgDriver = driver === 'pg' ? await drivers.pg() : undefined;
  const neonDriver = driver === 'neon' ? await drivers.neon() : undefined;
  const poolConfig = {
    connectionString: url,
    max,
    // Fail fast when Postgres is unreachable instead of queueing requests forever.
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  };
  // Neon's Pool mirrors pg's API; one type keeps the code below driver-agnostic.
  const pool: pg.Pool = pgDriver
    ? new pgDriver.Pool(poolConfig)
    : (new neonDriver!.Pool(poolConfig) as unknown as pg.Pool);
  // An idle client losing its connection (Postgres restart) must not crash the process; nor may a checked-out
  // one that errors between queries (the reminder queue holds some for long).
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = (pgDriver
    ? pgDriver.drizzle({ client: pool, schema })
    : neonDriver!.drizzle({ client: pool as unknown as NeonPool, schema })) as unknown as Db;
  let closed = false;
  return {
    db,
    driver,
    query: async <T>(name: string, text: string, params: readonly unknown[]) =>
      (await pool.query<T & pg.QueryResultRow>({ name, text, values: params as unknown[] })).rows,
    ping: (timeoutMs) =>
      withTimeout(
        pool.query('select 1').then(() => undefined),
        timeoutMs,
      ),
    async migrate(folder, lockKey) {
      const conn = await pool.connect();
      try {
        // Polled rather than waited for: a CREATE INDEX CONCURRENTLY of the holder waits for every transaction
        // older than itself, and a session blocked in pg_advisory_lock() is one, behind the holder: a deadlock.
        while (
          !(await conn.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [lockKey])).rows[0]!.ok
        )
          await new Promise((r) => setTimeout(r, 200));
        try {
          // Migrate through the locked connection itself: no second connection is needed while holding the lock.
          await applyMigrations(
            {
              query: async (text, params) =>
                (await conn.query<Record<string, unknown>>(text, params ? [...params] : undefined)).rows,
            },
            folder,
            { concurrently: true },
          );
        } finally {
          await conn.query('select pg_advisory_unlock($1)', [lockKey]);
        }
      } finally {
        conn.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
