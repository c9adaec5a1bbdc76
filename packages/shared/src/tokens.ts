import * as z from 'zod';

/**
 * What a personal access token (`tcb_…`) may do. Surfaces (`mcp`, `api`) say where it is accepted, data scopes
 * (`tasks:read`, `tasks:write`) what it may touch there. No scope ever reaches token, session or account
 * management: those need a signed-in browser session, so a leaked token cannot mint a successor.
 */
export const TOKEN_SCOPES = ['mcp', 'api', 'tasks:read', 'tasks:write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_DESCRIPTIONS: Readonly<Record<TokenScope, string>> = {
  mcp: 'Use the MCP server at /mcp',
  api: 'Use the REST task routes (/api/{user_id}/tasks…)',
  'tasks:read': 'Read tasks (read-only MCP tools, GET on the task routes)',
  'tasks:write': 'Create, change and delete tasks (write MCP tools, POST/PATCH/DELETE on the task routes)',
};

/** A new token's scopes when the request names none: what an MCP client needs to manage tasks, and no more. */
export const DEFAULT_TOKEN_SCOPES: readonly TokenScope[] = ['mcp', 'tasks:read', 'tasks:write'];

export const tokenScopeSchema = z.enum(TOKEN_SCOPES);

/** One token as GET/POST /api/{user_id}/tokens show it (the secret itself only in the POST answer). */
export const tokenInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(tokenScopeSchema),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

export const createdTokenSchema = tokenInfoSchema.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const tokenListSchema = z.object({ items: z.array(tokenInfoSchema) });

/** POST /api/{user_id}/tokens. Scopes are a set: duplicates are refused rather than silently merged. */
export const createTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(tokenScopeSchema)
    .min(1)
    .refine((s) => new Set(s).size === s.length, { message: 'scopes must not repeat' })
    .optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;
