import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache, sessionResolver, type SessionResolver } from '../../src/auth/session';
import { sessions } from '../../src/db/schema';
import { createTestApp, signUp, type TestApp } from '../helpers/app';

/*
 * The session fast path (src/auth/session.ts) re-implements part of Better Auth's session check to save its
 * per-request pipeline. It is only sound while it never disagrees with Better Auth: for any credential it may say
 * "Better Auth decides" (undefined), but when it answers, the answer must be Better Auth's. This test asks both the
 * same question for generated credentials — valid, expired, revoked, due for refresh, malformed and tampered — and
 * runs again with every Better Auth upgrade (the version is pinned in package.json for that reason).
 */

type State = 'valid' | 'expired' | 'revoked' | 'refresh';
const STATES: readonly State[] = ['valid', 'expired', 'revoked', 'refresh'];

interface Session {
  readonly state: State;
  readonly userId: string;
  /** The raw session token (what a bearer client sends). */
  readonly token: string;
}

// Characters that matter to the parsers: the signature separator, base64 and url-encoding, cookie syntax.
const NOISE = [...'.=+/%"; ,aZ09_-', '%2', '%3D', '%2B', '%zz', '..'];

type Mutation =
  | { readonly kind: 'none' }
  | { readonly kind: 'replace' | 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete' | 'truncate'; readonly at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({
    kind: fc.constantFrom('replace' as const, 'insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(...NOISE),
  }),
  fc.record({ kind: fc.constantFrom('delete' as const, 'truncate' as const), at: fc.nat() }),
);

function mutate(value: string, m: Mutation): string {
  if (m.kind === 'none' || value.length === 0) return value;
  const at = m.at % value.length;
  switch (m.kind) {
    case 'replace':
      return value.slice(0, at) + m.text + value.slice(at + 1);
    case 'insert':
      return value.slice(0, at) + m.text + value.slice(at);
    case 'delete':
      return value.slice(0, at) + value.slice(at + 1);
    case 'truncate':
      return value.slice(0, at);
  }
}

/** How a credential is presented: the shapes Better Auth issues, and ones it does not. */
const SHAPES = [
  'bearer-raw',
  'bearer-signed',
  'bearer-signed-encoded',
  'bearer-wrong-secret',
  'cookie',
  'cookie-among-others',
  'cookie-quoted',
  'cookie-raw-token',
  'cookie-twice',
  'bad-bearer-then-cookie',
] as const;
type Shape = (typeof SHAPES)[number];

describe('session fast path vs Better Auth (differential, fast-check)', () => {
  let t: TestApp;
  let resolver: SessionResolver;
  let secret: string;
  let cookieName: string;
  const pool: Session[] = [];

  const sign = (value: string, key = secret) =>
    `${value}.${createHmac('sha256', key).update(value).digest('base64')}`;

  /** Request headers for `session` presented as `shape`, with `m` applied to the credential itself. */
  function headersOf(session: Session, shape: Shape, m: Mutation): Record<string, string> {
    const signed = sign(session.token);
    switch (shape) {
      case 'bearer-raw':
        return { authorization: `Bearer ${mutate(session.token, m)}` };
      case 'bearer-signed':
        return { authorization: `Bearer ${mutate(signed, m)}` };
      case 'bearer-signed-encoded':
        return { authorization: `Bearer ${mutate(encodeURIComponent(signed), m)}` };
      case 'bearer-wrong-secret':
        return { authorization: `Bearer ${mutate(sign(session.token, `${secret}x`), m)}` };
      case 'cookie':
        return { cookie: `${cookieName}=${mutate(encodeURIComponent(signed), m)}` };
      case 'cookie-among-others':
        return { cookie: `theme=dark; ${cookieName}=${mutate(encodeURIComponent(signed), m)}; lang=en` };
      case 'cookie-quoted':
        return { cookie: `${cookieName}="${mutate(signed, m)}"` };
      case 'cookie-raw-token':
        return { cookie: `${cookieName}=${mutate(session.token, m)}` };
      case 'cookie-twice':
        return { cookie: `${cookieName}=${mutate(encodeURIComponent(signed), m)}; ${cookieName}=x.y` };
      case 'bad-bearer-then-cookie':
        return {
          authorization: `Bearer ${mutate(`${session.token}.AAAA`, m)}`,
          cookie: `${cookieName}=${encodeURIComponent(signed)}`,
        };
    }
  }

  /** Both answers for the same headers, normalised the way Node's HTTP parser hands them to the app. */
  async function bothAnswers(raw: Record<string, string>) {
    const headers = new Headers(raw);
    const fast = await resolver.resolve({
      authorization: headers.get('authorization') ?? undefined,
      cookie: headers.get('cookie') ?? undefined,
    });
    const reference = await t.app.auth.api.getSession({ headers });
    return { fast, reference: reference?.user.id ?? null };
  }

  beforeAll(async () => {
    t = await createTestApp('pglite');
    const context = await t.app.auth.$context;
    secret = context.secret;
    cookieName = context.authCookies.sessionToken.name;
    const { expiresIn, updateAge } = context.sessionConfig;
    // No cache: every answer must come from the database as it is now (a revoked session must be seen as such).
    resolver = sessionResolver(
      t.db.database.db,
      { secret, cookieName, expiresIn, updateAge },
      new SessionCache({ ttlMs: 0, maxEntries: 1 }),
    );
    const db = t.db.database.db;
    const now = Date.now();
    for (const state of STATES)
      for (let i = 0; i < 2; i++) {
        const user = await signUp(t.app, `Diff ${state} ${i}`);
        const where = eq(sessions.token, user.token);
        if (state === 'expired')
          await db
            .update(sessions)
            .set({ expiresAt: new Date(now - 60_000) })
            .where(where);
        if (state === 'revoked') await db.delete(sessions).where(where);
        // Issued longer than updateAge ago: Better Auth slides the expiry forward (a write), the fast path defers.
        if (state === 'refresh')
          await db
            .update(sessions)
            .set({ expiresAt: new Date(now + (expiresIn - updateAge) * 1000 - 3_600_000) })
            .where(where);
        pool.push({ state, userId: user.id, token: user.token });
      }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('GIVEN valid sessions in the shapes Better Auth issues WHEN resolved THEN the fast path answers itself, with Better Auth’s user', async () => {
    for (const session of pool.filter((s) => s.state === 'valid'))
      for (const shape of ['bearer-raw', 'bearer-signed', 'bearer-signed-encoded', 'cookie'] as const) {
        const { fast, reference } = await bothAnswers(headersOf(session, shape, { kind: 'none' }));
        // Not deferred: a fast path that always defers would pass the property below while saving nothing.
        expect(fast?.id, `${shape}`).toBe(session.userId);
        expect(reference).toBe(session.userId);
      }
  });

  it('GIVEN any generated credential (valid, expired, revoked, refresh-due, malformed, tampered) WHEN both resolve it THEN the fast path defers or agrees with Better Auth', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: pool.length - 1 }),
        fc.constantFrom(...SHAPES),
        mutationArb,
        async (index, shape, m) => {
          const session = pool[index]!;
          const { fast, reference } = await bothAnswers(headersOf(session, shape, m));
          if (fast !== undefined) expect(fast?.id ?? null).toBe(reference);
          // Expired and revoked sessions never authenticate, whoever answers.
          if (session.state === 'expired' || session.state === 'revoked') expect(fast ?? null).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('GIVEN arbitrary header text WHEN both resolve it THEN the fast path defers or agrees with Better Auth', async () => {
    // Printable ASCII only: anything else is refused by the HTTP parser before either check sees it.
    const text = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
    await fc.assert(
      fc.asyncProperty(text, text, fc.boolean(), async (bearer, cookieValue, withBearer) => {
        const raw: Record<string, string> = { cookie: `${cookieName}=${cookieValue}` };
        if (withBearer) raw.authorization = `Bearer ${bearer}`;
        const { fast, reference } = await bothAnswers(raw);
        if (fast !== undefined) expect(fast?.id ?? null).toBe(reference);
      }),
      { numRuns: 200 },
    );
  });
});
