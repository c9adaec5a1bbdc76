import type { TokenScope } from '@todo/shared';

const TASK_ROUTE = /^\/api\/:user_id\/tasks(\/|$)/;
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The scopes a personal access token needs for a REST route under /api/:user_id, or null when no token may use
 * it (token management, settings, chat, conversations, activity, events: a signed-in session only). A table
 * here rather than a flag on each route, so a new route is closed to tokens until someone opens it.
 */
export function routeTokenScopes(method: string, routeUrl: string | undefined): TokenScope[] | null {
  if (routeUrl === undefined || !TASK_ROUTE.test(routeUrl)) return null;
  return ['api', READ_METHODS.has(method) ? 'tasks:read' : 'tasks:write'];
}

/** The scope an MCP tool needs: its read-only annotation decides, so a new tool cannot skip the check. */
export function toolScope(annotations: { readonly readOnlyHint: boolean }): TokenScope {
  return annotations.readOnlyHint ? 'tasks:read' : 'tasks:write';
}
