import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainCases, PLAN_CASES, seedUser } from '../../src/db/scale';
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/db';

/*
 * Every list and search the API serves, explained with ANALYZE against one user with 100,000 tasks (and the rest
 * of a long history) next to one with 50, on PGlite and on real Postgres.
 *
 * Tolerance: a statement may read at most 3 pages (3 × its LIMIT) of table rows, summed over its scans. An index
 * in the statement's order reads one page; a list of both pending and done tasks reads a page of each half
 * (2); the third absorbs the few rows a keyset boundary or a filtered-out row costs. A filter that no index of
 * the order holds (a tag, a search word, priority under a date order) is checked row by row while walking the
 * order's index and stops after a page of matches, i.e. after page ÷ share rows: those cases declare the share
 * of the seeded tasks that match (PlanCase.share) and may read 3 pages ÷ share. None of it grows with the user's
 * history; a missing index, a sort of every row or a seq scan reads 100,000.
 */
const TOLERANCE_PAGES = 3;
const BIG = { tasks: 100_000, conversations: 10_000, messages: 3 };
const SMALL = { tasks: 50, conversations: 5, messages: 3 };

const drivers = TEST_DATABASE_URL ? (['pglite', 'pg'] as const) : (['pglite'] as const);

describe.each(drivers)('plans on %s with a 100k-task user next to a 50-task one', (driver) => {
  let db: TestDatabase;
  const users = { big: 'plan-big', small: 'plan-small' } as const;

  beforeAll(async () => {
    db = await openTestDatabase(driver);
    for (const id of Object.values(users))
      await db.database.query(
        '',
        `insert into users (id, name, email) values ($1, $1, $1 || '@example.test')`,
        [id],
      );
    await seedUser(db.database, users.big, BIG);
    await seedUser(db.database, users.small, SMALL);
  }, 600_000);
  afterAll(() => db?.drop());

  it.each(PLAN_CASES.flatMap((c) => (['big', 'small'] as const).map((who) => ({ c, who }))))(
    'GIVEN the $who user WHEN listing $c.name THEN each statement reads at most 3 pages (÷ share) of rows',
    async ({ c, who }) => {
      const [result] = await explainCases(db.database, users[who], [c]);
      expect(result!.statements.length).toBeGreaterThan(0);
      for (const s of result!.statements) {
        expect
          .soft(s.rowsRead, `${s.scans.join(', ')}\n${s.text}`)
          .toBeLessThanOrEqual((TOLERANCE_PAGES * c.page) / (c.share ?? 1));
      }
    },
  );
});
