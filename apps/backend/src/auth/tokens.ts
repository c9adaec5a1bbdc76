import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { DEFAULT_TOKEN_SCOPES, TOKEN_SCOPES, type TokenInfo, type TokenScope } from '@todo/shared';
import type { Db } from '../db/client';
import { apiTokens, users } from '../db/schema';

/** Personal access tokens for MCP and API clients. Prefixed so they are recognisable in leaks and logs. */
export const TOKEN_PREFIX = 'tcb_';

/** How fresh `last_used_at` is kept: enough to see which tokens are in use, without a write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export type ApiTokenInfo = TokenInfo;

/** A verified token: whose it is, which row (the MCP limit's key) and what it may do. */
export interface VerifiedToken {
  readonly user: { readonly id: string; readonly email: string; readonly name: string };
  readonly tokenId: string;
  readonly scopes: readonly TokenScope[];
}

// A scope this version no longer knows (a rollback after a newer one stored it) grants nothing.
const knownScopes = (stored: readonly string[]): TokenScope[] =>
  stored.filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));

const toInfo = (row: typeof apiTokens.$inferSelect): ApiTokenInfo => ({
  id: row.id,
  name: row.name,
  scopes: knownScopes(row.scopes),
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
});

/** The user's tokens, newest first (exported so the plan test can explain it). */
export const listTokensQuery = (db: Db, userId: string) =>
  db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));

export function tokenRepository(db: Db) {
  return {
    async create(
      userId: string,
      name: string,
      scopes: readonly TokenScope[] = DEFAULT_TOKEN_SCOPES,
    ): Promise<ApiTokenInfo & { token: string }> {
      const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
      // Stored in TOKEN_SCOPES order, so the API shows one spelling of each set.
      const ordered = TOKEN_SCOPES.filter((s) => scopes.includes(s));
      const [row] = await db
        .insert(apiTokens)
        .values({ userId, name, tokenHash: hash(token), scopes: ordered })
        .returning();
      return { ...toInfo(row!), token };
    },
    async list(userId: string): Promise<ApiTokenInfo[]> {
      return (await listTokensQuery(db, userId)).map(toInfo);
    },
    async revoke(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(apiTokens)
        .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id)))
        .returning({ id: apiTokens.id });
      return rows.length > 0;
    },
    /** The token's user and scopes, or null for an unknown or revoked token. One read per request; `last_used_at` is written at most once a minute. */
    async verify(token: string): Promise<VerifiedToken | null> {
      const [row] = await db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          tokenId: apiTokens.id,
          scopes: apiTokens.scopes,
          lastUsedAt: apiTokens.lastUsedAt,
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(eq(apiTokens.tokenHash, hash(token)));
      if (!row) return null;
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
      }
      return {
        user: { id: row.id, email: row.email, name: row.name },
        tokenId: row.tokenId,
        scopes: knownScopes(row.scopes),
      };
    },
  };
}

export type TokenRepository = ReturnType<typeof tokenRepository>;

/**
 * The personal access token in an Authorization header, however the scheme is spelled (`bearer`, `BEARER`,
 * extra spaces): every spelling must land on the same token, and so on the same limits.
 */
export function bearerAccessToken(authorization: string | undefined): string | undefined {
  const token = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return token?.startsWith(TOKEN_PREFIX) ? token : undefined;
}
