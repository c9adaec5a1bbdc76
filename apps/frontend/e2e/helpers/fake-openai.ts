import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// The one allowed stand-in: a local fake of the OpenAI chat completions API, so the browser tests can control
// token timing and failures of the language model while everything else is real.

export interface FakeOpenAI {
  baseURL: string;
  /** Streamed answers whose client (the backend) closed the request before the answer ended. */
  aborted(): number;
  close(): Promise<void>;
}

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  const body = {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'fake',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** What "markdown …" answers: every construct the chat renders, plus links and HTML that must stay inert. */
export const MARKDOWN_REPLY = [
  'Here is **your plan**:',
  '',
  '- buy milk',
  '- call mom',
  '',
  '| # | task | due |',
  '|---|---|---|',
  '| 3 | Buy milk | tomorrow |',
  '',
  '```js',
  'const answer = 42;',
  '```',
  '',
  'See [the docs](https://example.com/docs) or [this](javascript:window.__pwned=1).',
  '',
  '<script>window.__pwned=2</script> <img src="x" onerror="window.__pwned=3">',
].join('\n');

/** The tool calls "tools <script>" makes, in one model step; the step after their results answers in words. */
export const TOOL_SCRIPTS: Record<string, Array<{ name: string; arguments: Record<string, unknown> }>> = {
  add: [{ name: 'add_task', arguments: { title: 'Buy milk', due: 'tomorrow 9am', priority: 'high' } }],
  complete: [
    { name: 'list_tasks', arguments: { q: 'milk' } },
    { name: 'complete_task', arguments: { task_id: 1 } },
  ],
  look: [{ name: 'list_tasks', arguments: { status: 'all' } }],
  add2: [
    { name: 'add_task', arguments: { title: 'File taxes', due_at: '2030-01-04T17:00:00Z' } },
    { name: 'add_task', arguments: { title: 'Pay rent', due_at: '2030-01-04T17:00:00Z' } },
  ],
};

/**
 * Replies by the last user message: "fail once …" fails the first time (HTTP 500) and works after;
 * "slow …" streams 40 tokens 250 ms apart; "think …" waits 2 s before its first word, as real models do;
 * "tools <name>" calls the tools of TOOL_SCRIPTS[name], then says "Done."; "markdown …" streams MARKDOWN_REPLY a line at a time; anything else streams a short answer word by word, 150 ms apart.
 */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const failedOnce = new Set<string>();
  let aborted = 0;
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let raw = '';
    for await (const c of req) raw += String(c);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = JSON.parse(raw) as { stream?: boolean; messages: Array<{ role: string; content: unknown }> };
    const content = [...body.messages].reverse().find((m) => m.role === 'user')?.content;
    const last = typeof content === 'string' ? content : '';
    const script = TOOL_SCRIPTS[/^tools (\w+)/.exec(last)?.[1] ?? ''];
    if (script && body.stream && body.messages.at(-1)?.role === 'user') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk({ role: 'assistant', content: null }));
      script.forEach((c, index) =>
        res.write(
          chunk({
            tool_calls: [
              {
                index,
                id: `call_${index}`,
                type: 'function',
                function: { name: c.name, arguments: JSON.stringify(c.arguments) },
              },
            ],
          }),
        ),
      );
      res.write(chunk({}, 'tool_calls'));
      res.end('data: [DONE]\n\n');
      return;
    }
    if (last.startsWith('fail once') && !failedOnce.has(last)) {
      failedOnce.add(last);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"fake upstream failure","type":"server_error"}}');
      return;
    }
    const slow = last.startsWith('slow');
    const words = slow
      ? Array.from({ length: 40 }, (_, i) => `word${i} `)
      : script
        ? ['Done.']
        : last.startsWith('markdown')
          ? MARKDOWN_REPLY.split(/(?<=\n)/)
          : 'Here is a streamed answer, one word at a time.'.split(/(?<= )/);
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 0,
          model: 'fake',
          choices: [
            { index: 0, message: { role: 'assistant', content: words.join('') }, finish_reason: 'stop' },
          ],
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.once('close', () => {
      if (!res.writableFinished) aborted++;
    });
    res.write(chunk({ role: 'assistant', content: '' }));
    if (last.startsWith('think')) await new Promise((r) => setTimeout(r, 2000));
    for (const w of words) {
      await new Promise((r) => setTimeout(r, slow ? 250 : 150));
      if (res.destroyed) return;
      res.write(chunk({ content: w }));
    }
    res.write(chunk({}, 'stop'));
    res.write('data: [DONE]\n\n');
    res.end();
  };
  const server = http.createServer((req, res) => void handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    aborted: () => aborted,
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
