import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';

/*
 * What a backup covers, read from the database's own catalog rather than from a list in code: every table of
 * the public schema, so a table added by a later migration is backed up without anyone remembering to list it.
 * Only catalog features Postgres 15 (the server) and PGlite (Postgres 18) share.
 */

/** A transaction or the database itself: both run statements. */
export type Runner = Pick<Db, 'execute'>;

export async function rows<T>(runner: Runner, query: SQL): Promise<T[]> {
  // node-postgres, Neon's Pool and PGlite all answer with `{ rows }`.
  const result: unknown = await runner.execute(query);
  return (result as { rows: T[] }).rows;
}

export interface TableInfo {
  readonly name: string;
  /** Stored columns in table order (generated columns are left out: Postgres computes them again). */
  readonly columns: readonly string[];
  /** Primary-key columns: the dump's row order, so two dumps of the same data are byte-identical. */
  readonly key: readonly string[];
}

export interface SequenceState {
  readonly table: string;
  readonly column: string;
  /** As text: a bigint may exceed what a JS number holds exactly. */
  readonly lastValue: string;
  readonly isCalled: boolean;
}

/** The app's tables, parents before children (foreign keys), so a restore never inserts an orphan. */
export async function appTables(runner: Runner): Promise<TableInfo[]> {
  const tables = await rows<{ name: string; columns: string[]; key: string[] | null }>(
    runner,
    sql`select c.relname as name,
          array(select a.attname::text from pg_attribute a
                where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                order by a.attnum) as columns,
          array(select a.attname::text from pg_index i join pg_attribute a
                  on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                where i.indrelid = c.oid and i.indisprimary
                order by array_position(i.indkey::int2[], a.attnum)) as key
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
  );
  const edges = await rows<{ child: string; parent: string }>(
    runner,
    sql`select ch.relname as child, pa.relname as parent
        from pg_constraint f
        join pg_class ch on ch.oid = f.conrelid
        join pg_class pa on pa.oid = f.confrelid
        join pg_namespace n on n.oid = ch.relnamespace
        where f.contype = 'f' and n.nspname = 'public' and ch.oid <> pa.oid`,
  );
  // Kahn's algorithm, alphabetical among equals: a stable order for stable dumps.
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const next = tables.find(
      (t) => !done.has(t.name) && [...parents.get(t.name)!].every((p) => done.has(p) || !parents.has(p)),
    );
    if (!next) throw new Error('foreign keys form a cycle between tables; a backup cannot order them');
    done.add(next.name);
    ordered.push({ name: next.name, columns: next.columns, key: next.key ?? [] });
  }
  return ordered;
}

/** Sequences owned by table columns (identity and serial): where the next id comes from after a restore. */
export async function ownedSequences(runner: Runner): Promise<(SequenceState & { sequence: string })[]> {
  const owned = await rows<{ table: string; column: string; sequence: string }>(
    runner,
    sql`select t.relname as table, a.attname as column, format('%I.%I', sn.nspname, s.relname) as sequence
        from pg_depend d
        join pg_class s on s.oid = d.objid and s.relkind = 'S'
        join pg_namespace sn on sn.oid = s.relnamespace
        join pg_class t on t.oid = d.refobjid
        join pg_namespace n on n.oid = t.relnamespace
        join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
          and d.deptype in ('a', 'i') and n.nspname = 'public'
        order by t.relname, a.attname`,
  );
  const states = [];
  for (const o of owned) {
    const [state] = await rows<{ last_value: string; is_called: boolean }>(
      runner,
      sql`select last_value::text as last_value, is_called from ${sql.raw(o.sequence)}`,
    );
    states.push({ ...o, lastValue: state!.last_value, isCalled: state!.is_called });
  }
  return states;
}

export interface MigrationLevel {
  /** How many migrations are applied. */
  readonly count: number;
  /** Hash of the last applied migration's SQL (drizzle's sha256), so a backup names the exact schema. */
  readonly lastHash: string | null;
}

/** The drizzle migrations applied to this database; zero on a database never migrated. */
export async function migrationLevel(runner: Runner): Promise<MigrationLevel> {
  const [exists] = await rows<{ present: boolean }>(
    runner,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return { count: 0, lastHash: null };
  const applied = await rows<{ hash: string }>(
    runner,
    sql`select hash from drizzle.__drizzle_migrations order by created_at, id`,
  );
  return { count: applied.length, lastHash: applied.at(-1)?.hash ?? null };
}

/** Rows in each table that has any; empty when the database holds no app data. */
export async function nonEmptyTables(runner: Runner, tables: readonly TableInfo[]): Promise<string[]> {
  const found: string[] = [];
  for (const t of tables) {
    const [r] = await rows<{ any: boolean }>(
      runner,
      sql`select exists (select 1 from ${sql.identifier(t.name)}) as any`,
    );
    if (r?.any) found.push(t.name);
  }
  return found;
}
