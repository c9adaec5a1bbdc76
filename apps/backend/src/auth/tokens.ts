import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiTokens, users } from '../db/schema';

/** Personal access tokens for MCP and API clients. Prefixed so they are recognisable in leaks and logs. */
export const TOKEN_PREFIX = 'tcb_';

/** How fresh `last_used_at` is kept: enough to see which tokens are in use, without a write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly created_at: string;
  readonly last_used_at: string | null;
}

const toInfo = (row: typeof apiTokens.$inferSelect): ApiTokenInfo => ({
  id: row.id,
  name: row.name,
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
});

export function tokenRepository(db: Db) {
  return {
    async create(userId: string, name: string): Promise<ApiTokenInfo & { token: string }> {
      const token = TOKEN_PREFIX + randomBytes(24).toString('base64url');
      const [row] = await db
        .insert(apiTokens)
        .values({ userId, name, tokenHash: hash(token) })
        .returning();
      return { ...toInfo(row!), token };
    },
    async list(userId: string): Promise<ApiTokenInfo[]> {
      const rows = await db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.userId, userId))
        .orderBy(desc(apiTokens.createdAt));
      return rows.map(toInfo);
    },
    async revoke(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(apiTokens)
        .where(and(eq(apiTokens.userId, userId), eq(apiTokens.id, id)))
        .returning({ id: apiTokens.id });
      return rows.length > 0;
    },
    /** The token's user, or null for an unknown or revoked token. One read per request; `last_used_at` is written at most once a minute. */
    async verify(token: string): Promise<{ id: string; email: string; name: string } | null> {
      const [row] = await db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          tokenId: apiTokens.id,
          lastUsedAt: apiTokens.lastUsedAt,
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(eq(apiTokens.tokenHash, hash(token)));
      if (!row) return null;
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
        await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
      }
      return { id: row.id, email: row.email, name: row.name };
    },
  };
}

export type TokenRepository = ReturnType<typeof tokenRepository>;
