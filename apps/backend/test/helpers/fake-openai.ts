import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as z from 'zod';
import { createTestApp, signUp, type TestApp, type TestUser } from './app';

/*
 * A local OpenAI-compatible server speaking the real chat-completions wire protocol (JSON and SSE chunks,
 * tool_calls included), scripted per test. The only stand-in the project allows: the app under test uses
 * the real `openai` SDK against it over real HTTP.
 */

export interface ScriptedToolCall {
  readonly name: string;
  /** An object is JSON-encoded; a string is sent as is (so tests can send malformed JSON). */
  readonly arguments: Record<string, unknown> | string;
  readonly id?: string;
}

export type Step =
  /** A normal answer: text and/or tool calls, optionally after a delay. */
  | {
      readonly content?: string;
      readonly tool_calls?: readonly ScriptedToolCall[];
      readonly delayMs?: number;
    }
  /** An HTTP error with an OpenAI-style error body. */
  | { readonly status: number; readonly message?: string; readonly headers?: Record<string, string> }
  /**
   * Never answer (`headers`), or answer the headers and then stall (`body`); with `content`, a stream sends that
   * text (in pieces, like a real model mid-answer) before it stalls. `close()` or the client ends it.
   */
  | { readonly hang: 'headers' | 'body'; readonly content?: string }
  /** Drop the TCP connection without answering. */
  | { readonly destroy: true };

/** The parts of a chat completions request the tests read (the OpenAI SDK's own types are far wider). */
const requestBodySchema = z.object({
  model: z.string(),
  stream: z.boolean().optional(),
  tool_choice: z.unknown(),
  tools: z
    .array(
      z.object({
        type: z.string(),
        function: z.object({
          name: z.string(),
          description: z.string(),
          parameters: z.record(z.string(), z.unknown()),
        }),
      }),
    )
    .optional(),
  messages: z.array(
    z.object({
      role: z.string(),
      content: z.string().nullable(),
      tool_calls: z.array(z.unknown()).optional(),
      tool_call_id: z.string().optional(),
    }),
  ),
});

export interface RecordedRequest {
  readonly headers: IncomingMessage['headers'];
  readonly body: z.output<typeof requestBodySchema>;
  /** Settles when the exchange ends: `aborted` when the client closed the connection before the answer ended. */
  readonly ended: Promise<'answered' | 'aborted'>;
}

export interface FakeOpenAI {
  /** Base URL for OPENAI_BASE_URL, e.g. http://127.0.0.1:1234/v1 */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Queues answers, one per request, in order; a function sees the request it answers. */
  script(...steps: (Step | ((req: RecordedRequest) => Step))[]): void;
  /** Steps not consumed yet. */
  pending(): number;
  reset(): void;
  close(): Promise<void>;
}

const MODEL = 'fake-model';

function completionJson(step: { content?: string; tool_calls?: readonly ScriptedToolCall[] }, n: number) {
  const toolCalls = (step.tool_calls ?? []).map((c, i) => ({
    id: c.id ?? `call_${n}_${i}`,
    type: 'function' as const,
    function: {
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
    },
  }));
  return {
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: MODEL,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: step.content ?? null,
          refusal: null,
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: toolCalls.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** Splits into small pieces so clients must reassemble text and arguments the way real streams need. */
const pieces = (s: string, size: number) => s.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];

function streamChunks(
  step: { content?: string; tool_calls?: readonly ScriptedToolCall[] },
  n: number,
): unknown[] {
  const base = {
    id: `chatcmpl-${n}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: MODEL,
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const out: unknown[] = [chunk({ role: 'assistant', content: '' })];
  for (const p of pieces(step.content ?? '', 3)) out.push(chunk({ content: p }));
  (step.tool_calls ?? []).forEach((c, index) => {
    const args = typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments);
    out.push(
      chunk({
        tool_calls: [
          {
            index,
            id: c.id ?? `call_${n}_${index}`,
            type: 'function',
            function: { name: c.name, arguments: '' },
          },
        ],
      }),
    );
    for (const p of pieces(args, 5)) out.push(chunk({ tool_calls: [{ index, function: { arguments: p } }] }));
  });
  out.push(chunk({}, step.tool_calls?.length ? 'tool_calls' : 'stop'));
  return out;
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  let queue: (Step | ((req: RecordedRequest) => Step))[] = [];
  const sockets = new Set<Socket>();
  let served = 0;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
        return;
      }
      // A request the agent should never send is answered as OpenAI would, so the test fails on it, not the server.
      const body = requestBodySchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (!body.success) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: { message: z.prettifyError(body.error), type: 'invalid_request_error' },
          }),
        );
        return;
      }
      const recorded: RecordedRequest = {
        headers: req.headers,
        body: body.data,
        ended: new Promise((resolve) =>
          res.once('close', () => resolve(res.writableFinished ? 'answered' : 'aborted')),
        ),
      };
      requests.push(recorded);
      const next = queue.shift();
      const n = ++served;
      if (!next) {
        res.writeHead(500, { 'content-type': 'application/json', 'x-should-retry': 'false' });
        res.end(
          JSON.stringify({
            error: { message: 'fake-openai: no scripted answer left', type: 'server_error' },
          }),
        );
        return;
      }
      const step = typeof next === 'function' ? next(recorded) : next;
      if ('destroy' in step) {
        req.socket.destroy();
        return;
      }
      if ('hang' in step) {
        if (step.hang === 'body') {
          res.writeHead(200, {
            'content-type': recorded.body.stream ? 'text/event-stream' : 'application/json',
          });
          if (!recorded.body.stream) res.write('{"id":');
          else {
            // Everything but the final chunk: the role, then the text piece by piece.
            const chunks = streamChunks({ content: step.content ?? 'Thinking' }, n).slice(0, -1);
            for (const c of chunks) res.write(`data: ${JSON.stringify(c)}\n\n`);
          }
        }
        return; // the socket is destroyed by close()
      }
      if ('status' in step) {
        const type =
          step.status === 401
            ? 'invalid_request_error'
            : step.status === 429
              ? 'rate_limit_exceeded'
              : 'server_error';
        res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
        res.end(
          JSON.stringify({
            error: { message: step.message ?? `fake error ${step.status}`, type, code: null, param: null },
          }),
        );
        return;
      }
      if (step.delayMs) {
        const answer = step;
        setTimeout(() => respond(res, recorded, answer, n), step.delayMs);
        return;
      }
      respond(res, recorded, step, n);
    });
  });
  function respond(
    res: ServerResponse,
    recorded: RecordedRequest,
    step: { content?: string; tool_calls?: readonly ScriptedToolCall[] },
    n: number,
  ) {
    if (res.destroyed) return;
    if (recorded.body.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const c of streamChunks(step, n)) res.write(`data: ${JSON.stringify(c)}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completionJson(step, n)));
  }
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...steps) => {
      queue.push(...steps);
    },
    pending: () => queue.length,
    reset() {
      queue = [];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The env that points the app's OpenAI agent at `url` (a fake model), with no retries and a short timeout. */
export const fakeOpenAIEnv = (url: string, env: Record<string, string> = {}): Record<string, string> => ({
  OPENAI_API_KEY: 'sk-test',
  OPENAI_BASE_URL: url,
  OPENAI_MODEL: 'fake-model',
  OPENAI_MAX_RETRIES: '0',
  OPENAI_TIMEOUT_MS: '1000',
  ...env,
});

/** A fake model, the app on PGlite talking to it, and one signed-up user. */
export async function appWithFakeOpenAI(
  name: string,
  env: Record<string, string> = {},
): Promise<{ fake: FakeOpenAI; t: TestApp; u: TestUser; close: () => Promise<void> }> {
  const fake = await startFakeOpenAI();
  const t = await createTestApp('pglite', fakeOpenAIEnv(fake.url, env));
  const u = await signUp(t.app, name);
  return {
    fake,
    t,
    u,
    close: async () => {
      // Disconnect tests leave aborted keep-alive sockets behind; a graceful close would wait for them (the
      // server's shutdown timeout ends them in production).
      t.app.server.closeAllConnections();
      await t.close();
      await fake.close();
    },
  };
}
