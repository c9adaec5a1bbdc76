import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/client/api';
import { streamChat, summarizeResult, toolLabel } from '../../../lib/client/chat';

function sse(events: Array<[string, unknown]>): Response {
  const text = events.map(([e, d]) => `event: ${e}\ndata: ${JSON.stringify(d)}\n\n`).join('');
  return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('streamChat', () => {
  it('GIVEN a streamed turn WHEN sent THEN deltas and tool events reach the handlers in order and done resolves', async () => {
    const done = { conversation_id: 'c1', response: 'Added **buy milk**.', tool_calls: [] };
    const fetchMock = vi.fn(async () =>
      sse([
        ['conversation', { conversation_id: 'c1' }],
        ['tool_call', { id: 't1', name: 'add_task', arguments: { title: 'buy milk' } }],
        ['tool_result', { id: 't1', name: 'add_task', result: { id: 1, title: 'buy milk' } }],
        ['delta', { text: 'Added ' }],
        ['delta', { text: '**buy milk**.' }],
        ['done', done],
      ]),
    );
    vi.stubGlobal('fetch', fetchMock);
    const seen: string[] = [];
    const out = await streamChat(
      'u 1',
      { message: 'add a task to buy milk' },
      {
        onConversation: (id) => seen.push(`conv:${id}`),
        onToolCall: (c) => seen.push(`call:${c.name}`),
        onToolResult: (r) => seen.push(`result:${r.id}`),
        onDelta: (t) => seen.push(`delta:${t}`),
      },
    );
    expect(out).toEqual(done);
    expect(seen).toEqual(['conv:c1', 'call:add_task', 'result:t1', 'delta:Added ', 'delta:**buy milk**.']);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/u%201/chat');
    expect((init.headers as Record<string, string>).accept).toBe('text/event-stream');
  });

  it('GIVEN the stream reports an error event WHEN sent THEN the turn rejects with its code and message', async () => {
    vi.stubGlobal('fetch', async () =>
      sse([['error', { code: 'llm_unavailable', message: 'The model is down' }]]),
    );
    await expect(streamChat('u1', { message: 'hi' }, {})).rejects.toMatchObject({
      code: 'llm_unavailable',
      message: 'The model is down',
    });
  });

  it('GIVEN the proxy answers 502 WHEN sent THEN the turn rejects with backend_unavailable', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json({ error: { code: 'backend_unavailable', message: 'down' } }, { status: 502 }),
    );
    const err = await streamChat('u1', { message: 'hi' }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('backend_unavailable');
  });

  it('GIVEN a stream cut before done WHEN sent THEN the turn rejects instead of hanging', async () => {
    vi.stubGlobal('fetch', async () => sse([['delta', { text: 'par' }]]));
    await expect(streamChat('u1', { message: 'hi' }, {})).rejects.toMatchObject({
      code: 'stream_interrupted',
    });
  });

  it('GIVEN a backend that answers JSON instead of a stream WHEN sent THEN the JSON answer is returned', async () => {
    const answer = { conversation_id: 'c2', response: 'ok', tool_calls: [] };
    vi.stubGlobal('fetch', async () => Response.json(answer));
    await expect(streamChat('u1', { message: 'hi' }, {})).resolves.toEqual(answer);
  });
});

describe('summarizeResult / toolLabel', () => {
  it('GIVEN typical tool results WHEN summarized THEN the chip shows the task or a count', () => {
    expect(summarizeResult({ id: 1, title: 'buy milk', completed: false })).toBe('buy milk');
    expect(summarizeResult({ task: { title: 'buy milk', completed: true } })).toBe('✓ buy milk');
    expect(summarizeResult({ items: [{}, {}] })).toBe('2 tasks');
    expect(summarizeResult({ error: { code: 'not_found', message: 'no such task' } })).toBe('no such task');
    expect(toolLabel('complete_task')).toBe('complete task');
  });
});
