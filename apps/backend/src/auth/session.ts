import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { SessionUser } from '@todo/shared';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';

// One shape on both sides: the frontend reads the same user from GET /api/auth/get-session.
export type { SessionUser };

/** What the fast path makes of a request's credentials. */
export type Credential =
  /** A session token whose signature (if it had one) checked out exactly as Better Auth checks it. */
  | { readonly kind: 'token'; readonly token: string }
  /** No session credential at all: Better Auth would answer "no session" too. */
  | { readonly kind: 'none' }
  /** Anything unusual (bad signature, odd encoding, …): let Better Auth decide. */
  | { readonly kind: 'defer' };

export interface SessionSettings {
  /** Better Auth's signing secret (`(await auth.$context).secret`). */
  readonly secret: string;
  /** The session cookie's name (`__Secure-` prefixed behind HTTPS). */
  readonly cookieName: string;
  /** Session lifetime and refresh age in seconds (Better Auth's sessionConfig). */
  readonly expiresIn: number;
  readonly updateAge: number;
}

// The shapes Better Auth itself produces: 32-char ids, standard padded base64 of an HMAC-SHA256.
const PLAIN_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
const SIGNED_TOKEN = /^([A-Za-z0-9_-]{1,256})\.([A-Za-z0-9+/]{43}=)$/;

function tryDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The first cookie called `name`, parsed the way better-call parses the Cookie header. */
export function readCookie(header: string, name: string): string | undefined {
  let index = 0;
  while (index < header.length) {
    const eq = header.indexOf('=', index);
    if (eq === -1) break;
    let end = header.indexOf(';', index);
    if (end === -1) end = header.length;
    else if (end < eq) {
      index = header.lastIndexOf(';', eq - 1) + 1;
      continue;
    }
    if (header.slice(index, eq).trim() === name) {
      let value = header.slice(eq + 1, end).trim();
      if (value.codePointAt(0) === 34) value = value.slice(1, -1);
      return tryDecode(value);
    }
    index = end + 1;
  }
  return undefined;
}

/**
 * The session token of a request, checked exactly like Better Auth's bearer plugin + signed session cookie
 * for the shapes Better Auth issues (`token` and `token.base64(hmac)`, possibly url-encoded); every other shape
 * is deferred to Better Auth so unusual inputs keep its exact semantics.
 *
 * - `Authorization: Bearer <token>` without a dot: the bearer plugin signs it itself, i.e. accepts it as is.
 * - `Authorization: Bearer <token>.<sig>`: the signature must verify; if it does not, Better Auth ignores the
 *   header and falls back to the cookie (deferred here).
 * - Otherwise the `<cookieName>` cookie, whose value must be `<token>.<sig>` with a valid signature.
 */
export function sessionCredential(
  headers: { authorization?: string; cookie?: string },
  settings: Pick<SessionSettings, 'secret' | 'cookieName'>,
): Credential {
  // Constant-time comparison: the signature must not be guessable byte by byte from response timings.
  const verifies = (value: string, signature: string) => {
    const expected = Buffer.from(createHmac('sha256', settings.secret).update(value).digest('base64'));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const authorization = headers.authorization;
  if (authorization && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    const raw = authorization.slice(7).trim();
    if (raw) {
      if (!raw.includes('.'))
        return PLAIN_TOKEN.test(raw) ? { kind: 'token', token: raw } : { kind: 'defer' };
      const signed = SIGNED_TOKEN.exec(tryDecode(raw));
      return signed && verifies(signed[1]!, signed[2]!)
        ? { kind: 'token', token: signed[1]! }
        : { kind: 'defer' };
    }
  }
  const cookie = headers.cookie ? readCookie(headers.cookie, settings.cookieName) : undefined;
  if (cookie === undefined) return { kind: 'none' };
  const signed = SIGNED_TOKEN.exec(cookie);
  return signed && verifies(signed[1]!, signed[2]!)
    ? { kind: 'token', token: signed[1]! }
    : { kind: 'defer' };
}

interface CacheEntry {
  readonly user: SessionUser;
  readonly until: number;
}

export interface SessionCacheOptions {
  /** How long a resolved session is trusted without asking the database again. */
  readonly ttlMs: number;
  readonly maxEntries: number;
  readonly now?: () => number;
}

/**
 * token hash → user, for a few seconds. Why a cache at all: resolving the session is the one query every API
 * call would otherwise add to its own (the list and create routes run one statement each), so it halves the
 * database work per request.
 *
 * Trade-off: a session deleted by *another* replica (sign-out, revoke) keeps working here for at most `ttlMs`;
 * within this process every auth mutation clears the cache before its response is sent, so a sign-out is
 * effective at once for the requests that follow it. Entries never outlive the session's own expiry. A
 * generation counter keeps a lookup that raced an invalidation from re-inserting what was just dropped.
 */
export class SessionCache {
  private readonly entries = new Map<string, CacheEntry>();
  private generationValue = 0;
  private readonly now: () => number;

  constructor(private readonly opts: SessionCacheOptions) {
    this.now = opts.now ?? Date.now;
  }

  static key(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  get generation(): number {
    return this.generationValue;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): SessionUser | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.user;
  }

  /** Stores `user` unless the cache was invalidated since `generation` was read. */
  set(key: string, user: SessionUser, expiresAt: number, generation: number): void {
    if (generation !== this.generationValue || this.opts.ttlMs <= 0) return;
    const until = Math.min(this.now() + this.opts.ttlMs, expiresAt);
    if (until <= this.now()) return;
    this.entries.delete(key);
    // Map keeps insertion order: the first key is the oldest entry.
    if (this.entries.size >= this.opts.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { user, until });
  }

  invalidate(): void {
    this.generationValue++;
    this.entries.clear();
  }
}

export const SESSION_CACHE_TTL_MS = 5_000;
export const SESSION_CACHE_MAX_ENTRIES = 10_000;

/**
 * Resolves session credentials without Better Auth's per-request pipeline (context building, WebCrypto key
 * import and two HMACs for a bearer token, then two queries): one HMAC with node:crypto and one prepared
 * sessions⋈users read, behind a short in-process cache. Returns `undefined` when Better Auth must decide
 * (unusual credential shapes, expired sessions it cleans up, and sessions due for their sliding refresh, which
 * Better Auth writes), so behaviour stays Better Auth's.
 */
export function sessionResolver(
  db: Db,
  settings: SessionSettings,
  cache = new SessionCache({ ttlMs: SESSION_CACHE_TTL_MS, maxEntries: SESSION_CACHE_MAX_ENTRIES }),
) {
  const lookup = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, sql.placeholder('token')))
    .prepare('auth_session_by_token');

  return {
    cache,
    async resolve(headers: {
      authorization?: string;
      cookie?: string;
    }): Promise<SessionUser | null | undefined> {
      const credential = sessionCredential(headers, settings);
      if (credential.kind === 'none') return null;
      if (credential.kind === 'defer') return undefined;
      const key = SessionCache.key(credential.token);
      const cached = cache.get(key);
      if (cached) return cached;
      const generation = cache.generation;
      const [row] = await lookup.execute({ token: credential.token });
      if (!row) return null;
      const expiresAt = row.expiresAt.getTime();
      const now = Date.now();
      // Expired (Better Auth deletes it) or due for the sliding refresh (Better Auth extends it): its call.
      if (expiresAt <= now) return undefined;
      if (expiresAt - settings.expiresIn * 1000 + settings.updateAge * 1000 <= now) return undefined;
      const user = { id: row.id, email: row.email, name: row.name };
      cache.set(key, user, expiresAt, generation);
      return user;
    },
  };
}

export type SessionResolver = ReturnType<typeof sessionResolver>;
