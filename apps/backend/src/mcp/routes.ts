import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import { mcpGuard } from '../auth/mcp-guard';
import type { RateLimiter } from '../auth/rate-limit';
import { toolScope } from '../auth/scopes';
import type { TokenRepository } from '../auth/tokens';
import { AppError, sendError } from '../http/errors';
import type { TaskRepository } from '../tasks/repository';
import type { SettingsRepository } from '../settings/repository';
import { bindTools, newBinding, TASK_TOOLS, type BoundTools } from '../tasks/tools';

export interface McpRoutesOptions {
  readonly tasks: TaskRepository;
  /** Where the user's saved time zone comes from: tool arguments such as due "tomorrow 5pm" are read in it. */
  readonly settings?: SettingsRepository;
  readonly tokens: TokenRepository;
  readonly limits: RateLimiter;
  readonly version: string;
  /** MCP_RATE_LIMIT_MAX: requests per access token per minute. */
  readonly rateLimitMax: number;
}

export const MCP_PATH = '/mcp';

const INSTRUCTIONS =
  "Manage the token owner's todo list. Use list_tasks to find task ids before completing, updating or deleting; never guess ids.";

/** The MCP SDK, loaded on the first /mcp request rather than at every start (~0.25 s of modules). */
let sdk:
  | Promise<{
      McpServer: typeof McpServer;
      StreamableHTTPServerTransport: typeof StreamableHTTPServerTransport;
    }>
  | undefined;
const loadSdk = () =>
  (sdk ??= Promise.all([
    import('@modelcontextprotocol/sdk/server/mcp.js'),
    import('@modelcontextprotocol/sdk/server/streamableHttp.js'),
  ]).then(([mcp, http]) => ({
    McpServer: mcp.McpServer,
    StreamableHTTPServerTransport: http.StreamableHTTPServerTransport,
  })));

/**
 * One MCP server exposing the task tools, acting as exactly one user. `bind` is called once per tool call, so each
 * call is its own change group (what one undo reverts).
 */
export async function buildMcpServer(
  bind: () => BoundTools,
  version: string,
  /** The token's scopes: a tool it may not call is not offered at all. */
  scopes?: readonly string[],
): Promise<McpServer> {
  const { McpServer } = await loadSdk();
  const server = new McpServer({ name: 'todo-chatbot', version }, { instructions: INSTRUCTIONS });
  for (const tool of TASK_TOOLS) {
    if (scopes && !scopes.includes(toolScope(tool.annotations))) continue;
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: tool.input,
        annotations: { ...tool.annotations, openWorldHint: false },
      },
      async (args: unknown) => {
        const outcome = await bind().call(tool.name, args);
        return {
          content: [{ type: 'text' as const, text: JSON.stringify(outcome.result) }],
          isError: !outcome.ok,
        };
      },
    );
  }
  return server;
}

/**
 * MCP over Streamable HTTP at /mcp, stateless: every POST gets a fresh server and transport bound to the
 * user of its bearer personal access token, so nothing is kept between requests and replicas need no
 * shared session state.
 */
export function mcpRoutes(opts: McpRoutesOptions) {
  return async (app: FastifyInstance) => {
    const { authenticate, limit } = mcpGuard({
      tokens: opts.tokens,
      limits: opts.limits,
      rateLimitMax: opts.rateLimitMax,
    });

    app.post(MCP_PATH, {
      schema: {
        tags: ['mcp'],
        summary: 'MCP Streamable HTTP endpoint (JSON-RPC; bearer personal access token)',
      },
      onRequest: authenticate,
      preHandler: limit,
      handler: async (request, reply) => {
        const userId = request.user!.id;
        const credential = request.credential;
        const timeZone = (await opts.settings?.getSettings(userId))?.time_zone ?? 'UTC';
        const server = await buildMcpServer(
          () => bindTools({ tasks: opts.tasks }, newBinding(userId, 'mcp', { timeZone })),
          opts.version,
          credential?.kind === 'token' ? credential.scopes : [],
        );
        const { StreamableHTTPServerTransport } = await loadSdk();
        const transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: undefined,
          enableJsonResponse: true,
        });
        // The SDK writes the response itself (the request id and security headers are already on reply.raw).
        reply.hijack();
        reply.raw.on('close', () => {
          void transport.close();
          void server.close();
        });
        try {
          await server.connect(transport);
          await transport.handleRequest(request.raw, reply.raw, request.body);
        } catch (err) {
          request.log.error({ err }, 'MCP request failed');
          if (!reply.raw.headersSent) {
            reply.raw.writeHead(500, { 'content-type': 'application/json' });
            reply.raw.end(
              JSON.stringify({
                error: { code: 'internal_error', message: 'Something went wrong on our side' },
              }),
            );
          }
        }
      },
    });

    // Stateless mode has no server-initiated stream (GET) and no session to end (DELETE).
    app.route({
      method: ['GET', 'DELETE'],
      url: MCP_PATH,
      schema: { hide: true },
      onRequest: authenticate,
      handler: async (_request, reply) =>
        sendError(
          reply.header('allow', 'POST'),
          new AppError('method_not_allowed', 'This MCP endpoint is stateless: use POST'),
        ),
    });
  };
}
