import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import type { ChatResponse, Message } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signUp, type TestApp, type TestUser } from '../helpers/app';
import { fakeOpenAIEnv, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai';
import { parseSse } from '../chat/sse';
import { freePort } from './support';
import { stringMatching } from '../helpers/json';

/*
 * The language model endpoint fails the ways real ones do: nothing listening, a hang (before the headers or
 * mid-stream), or a 200 with garbage. The chat answers a clear llm_* error within the configured timeout,
 * keeps the user's message, and the next turn works as soon as the endpoint is back — same process.
 */

const TIMEOUT_MS = 1000;
/** Slack over the configured timeout for the error to travel back (the machine may be busy). */
const SLACK_MS = 1500;

type Mode = 'pass' | 'garbage-json' | 'garbage-sse' | 'no-choices-json' | 'no-choices-sse';

/**
 * A switchable front for the fake OpenAI server on a fixed port: `down()` really stops listening
 * (connection refused), `up()` listens again on the same port, and garbage modes answer 200 with junk.
 */
async function startFront(upstream: FakeOpenAI) {
  const port = await freePort();
  const target = new URL(upstream.url);
  let mode: Mode = 'pass';
  let server: Server | undefined;
  const sockets = new Set<Socket>();

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (mode === 'garbage-json') {
      req.resume();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"id":"x","choices":[{"message":<<<garbage');
      return;
    }
    if (mode === 'no-choices-json') {
      // Well-formed JSON, but not a chat completion: nothing to answer with.
      req.resume();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [] }));
      return;
    }
    if (mode === 'no-choices-sse') {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {"id":"x","object":"chat.completion.chunk","choices":[]}\n\ndata: [DONE]\n\n');
      return;
    }
    if (mode === 'garbage-sse') {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: {not json at all\n\ndata: \u0000\u0001\n\n');
      return;
    }
    const proxied = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    proxied.on('error', () => res.destroy());
    req.pipe(proxied);
  };

  const up = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(handler);
      server.on('connection', (s: Socket) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const down = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
      server = undefined;
    });
  await up();
  return { url: `http://127.0.0.1:${port}/v1`, up, down, setMode: (m: Mode) => void (mode = m) };
}

describe('chat when the language model endpoint fails', () => {
  let fake: FakeOpenAI;
  let front: Awaited<ReturnType<typeof startFront>>;
  let t: TestApp;
  let u: TestUser;
  let base = '';

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    front = await startFront(fake);
    t = await createTestApp(
      'pglite',
      fakeOpenAIEnv(front.url, { OPENAI_TIMEOUT_MS: String(TIMEOUT_MS), CHAT_RATE_LIMIT_MAX: '1000' }),
    );
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    u = await signUp(t.app, 'Faults');
  });
  afterAll(async () => {
    await t?.close();
    await front?.down();
    await fake?.close();
  });

  /** One chat turn over real HTTP, JSON or SSE, with its duration. */
  async function turn(message: string, conversationId?: string, sse = false) {
    const t0 = Date.now();
    const res = await fetch(`${base}/api/${u.id}/chat`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${u.token}`,
        'content-type': 'application/json',
        ...(sse ? { accept: 'text/event-stream' } : {}),
      },
      body: JSON.stringify({ message, ...(conversationId ? { conversation_id: conversationId } : {}) }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    return { status: res.status, text, ms: Date.now() - t0 };
  }
  const messagesOf = async (id: string) =>
    (await as(t.app, u)('GET', `/api/${u.id}/conversations/${id}`)).json<{ messages: Message[] }>().messages;

  async function newConversation(): Promise<string> {
    fake.script({ content: 'Hi.' });
    const ok = await turn('hello');
    expect(ok.status, ok.text).toBe(200);
    return (JSON.parse(ok.text) as ChatResponse).conversation_id;
  }

  async function expectRecovers(conversationId: string, failedMessages: string[]) {
    fake.script({ content: 'Working again.' });
    const again = await turn('are you back?', conversationId);
    expect(again.status, again.text).toBe(200);
    expect((JSON.parse(again.text) as ChatResponse).response).toBe('Working again.');
    // The failed turns' user messages are kept, and reach the model as history.
    const contents = (await messagesOf(conversationId)).map((m) => `${m.role}:${m.content}`);
    for (const m of failedMessages) expect(contents).toContain(`user:${m}`);
    const sent = fake.requests.at(-1)!.body.messages.map((m) => m.content);
    for (const m of failedMessages) expect(sent).toContain(m);
  }

  it('GIVEN nothing listening at the model URL WHEN chatting THEN a fast 502 llm_unavailable, the message is kept, and chat works once the endpoint is back', async () => {
    const id = await newConversation();
    await front.down();
    try {
      const json = await turn('are you there?', id);
      expect(json.status).toBe(502);
      expect(JSON.parse(json.text)).toMatchObject({
        error: { code: 'llm_unavailable', message: stringMatching(/cannot be reached/) },
      });
      expect(json.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);

      const sse = await turn('still there?', id, true);
      expect(sse.status).toBe(200);
      const events = parseSse(sse.text);
      expect(events.map((e) => e.event)).toEqual(['conversation', 'error']);
      expect(events[1]!.data).toMatchObject({ code: 'llm_unavailable' });
    } finally {
      await front.up();
    }
    await expectRecovers(id, ['are you there?', 'still there?']);
  }, 30_000);

  it.each([
    ['before the response headers', 'headers'],
    ['in the middle of the body', 'body'],
  ] as const)(
    'GIVEN a model that hangs %s WHEN chatting THEN 504 llm_timeout within the configured timeout and the next turn works',
    async (_when, hang) => {
      const id = await newConversation();
      fake.script({ hang });
      const json = await turn(`hang ${hang} json`, id);
      expect(json.status, json.text).toBe(504);
      expect(JSON.parse(json.text)).toMatchObject({ error: { code: 'llm_timeout' } });
      expect(json.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(json.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);

      fake.script({ hang });
      const sse = await turn(`hang ${hang} sse`, id, true);
      const events = parseSse(sse.text);
      expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'llm_timeout' } });
      expect(sse.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);

      await expectRecovers(id, [`hang ${hang} json`, `hang ${hang} sse`]);
    },
    30_000,
  );

  it.each([
    ['truncated JSON', 'garbage-json', false],
    ['a malformed event stream', 'garbage-sse', true],
    ['JSON without choices', 'no-choices-json', false],
    ['an event stream without choices', 'no-choices-sse', true],
  ] as const)(
    'GIVEN a model answering 200 with %s WHEN chatting THEN 502 llm_unavailable (never a 500), the message is kept and the next turn works',
    async (_what, mode, sse) => {
      const id = await newConversation();
      front.setMode(mode);
      let failed;
      try {
        failed = await turn(`garbage ${mode}`, id, sse);
      } finally {
        front.setMode('pass');
      }
      expect(failed.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      if (sse) {
        const events = parseSse(failed.text);
        expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'llm_unavailable' } });
      } else {
        expect(failed.status, failed.text).toBe(502);
        expect(JSON.parse(failed.text)).toMatchObject({ error: { code: 'llm_unavailable' } });
      }
      await expectRecovers(id, [`garbage ${mode}`]);
    },
    30_000,
  );
});
