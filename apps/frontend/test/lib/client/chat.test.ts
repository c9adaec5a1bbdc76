import {
  chatEventSchemas,
  chatResponseSchema,
  taskChangeSchema,
  toolErrorResultSchema,
  type ChatEvent,
  type ChatEventName,
  type ChatResponse,
} from '@todo/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/client/api';
import { streamChat } from '../../../lib/client/chat';
import { catalogTranslator } from '../../helpers/i18n';

// The page's catalog is English here: the chat's contract words tool calls in the page's language.
vi.mock('../../../i18n/client', async (original) => ({
  ...(await original<object>()),
  pageTranslator: (namespace: string) => catalogTranslator('en', namespace),
}));

// Fixtures go through the shared schemas, so no test passes on a shape the backend never sends.
const added = taskChangeSchema.parse({ task_id: 1, status: 'created', title: 'buy milk' });
const doneAnswer = (over: Partial<ChatResponse> = {}): ChatResponse =>
  chatResponseSchema.parse({ conversation_id: 'c1', response: 'Added task 1.', tool_calls: [], ...over });

/** A well-formed event: its data parsed with the event's shared schema, as the backend sends it. */
const event = <N extends ChatEventName>(
  name: N,
  data: Extract<ChatEvent, { event: N }>['data'],
): [string, unknown] => [name, chatEventSchemas[name].parse(data)];

function sse(events: Array<[string, unknown]>): Response {
  const text = events
    .map(([e, d]) => `event: ${e}\ndata: ${typeof d === 'string' ? d : JSON.stringify(d)}\n\n`)
    .join('');
  return new Response(text, { headers: { 'content-type': 'text/event-stream' } });
}

afterEach(() => vi.unstubAllGlobals());

describe('streamChat', () => {
  it('GIVEN a streamed turn WHEN sent THEN deltas and worded tool events reach the handlers in order and done resolves', async () => {
    const done = doneAnswer({
      tool_calls: [{ name: 'add_task', arguments: { title: 'buy milk' }, result: added }],
    });
    const fetchMock = vi.fn(async () =>
      sse([
        event('conversation', { conversation_id: 'c1' }),
        event('tool_call', { id: 't1', name: 'add_task', arguments: { title: 'buy milk' } }),
        event('tool_result', { id: 't1', name: 'add_task', result: added }),
        event('delta', { text: 'Added ' }),
        event('delta', { text: 'task 1.' }),
        event('done', done),
      ]),
    );
    vi.stubGlobal('fetch', fetchMock);
    const seen: string[] = [];
    const out = await streamChat(
      'u 1',
      { message: 'add a task to buy milk', time_zone: 'America/Los_Angeles' },
      {
        onConversation: (id) => seen.push(`conv:${id}`),
        onToolCall: (a) => seen.push(`call:${a.label}`),
        onToolResult: (a) => seen.push(`result:${a.label}:${a.changed}`),
        onDelta: (t) => seen.push(`delta:${t}`),
      },
    );
    expect(out.response).toBe('Added task 1.');
    expect(out.activities.map((a) => a.label)).toEqual(['Added task 1']);
    expect(seen).toEqual([
      'conv:c1',
      'call:Adding a task…',
      'result:Added task 1:true',
      'delta:Added ',
      'delta:task 1.',
    ]);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/u%201/chat');
    expect((init.headers as Record<string, string>).accept).toBe('text/event-stream');
    expect(JSON.parse(init.body as string)).toEqual({
      message: 'add a task to buy milk',
      time_zone: 'America/Los_Angeles',
    });
  });

  it('GIVEN a failed tool result WHEN streamed THEN its words name the task from the call’s arguments and nothing changed', async () => {
    const results: string[] = [];
    vi.stubGlobal('fetch', async () =>
      sse([
        event('tool_call', { id: 't1', name: 'delete_task', arguments: { task_id: 9 } }),
        event('tool_result', {
          id: 't1',
          name: 'delete_task',
          result: toolErrorResultSchema.parse({ error: 'Task 9 not found' }),
        }),
        event('done', doneAnswer()),
      ]),
    );
    await streamChat(
      'u1',
      { message: 'delete task 9' },
      {
        onToolResult: (a) => results.push(`${a.label} (${a.detail}) changed=${a.changed}`),
      },
    );
    expect(results).toEqual(["Couldn't delete task 9 (Task 9 not found) changed=false"]);
  });

  it('GIVEN an event whose data does not match its schema WHEN streamed THEN the turn rejects instead of guessing', async () => {
    vi.stubGlobal('fetch', async () => sse([['tool_call', { id: 't1', arguments: {} }]]));
    await expect(streamChat('u1', { message: 'hi' }, {})).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('GIVEN an event name this client does not know WHEN streamed THEN it is skipped', async () => {
    vi.stubGlobal('fetch', async () => sse([['progress', { pct: 50 }], event('done', doneAnswer())]));
    await expect(streamChat('u1', { message: 'hi' }, {})).resolves.toMatchObject({ conversation_id: 'c1' });
  });

  it('GIVEN the stream reports an error event WHEN sent THEN the turn rejects with its code and message', async () => {
    vi.stubGlobal('fetch', async () =>
      sse([event('error', { code: 'llm_unavailable', message: 'The model is down' })]),
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
    vi.stubGlobal('fetch', async () => sse([event('delta', { text: 'par' })]));
    await expect(streamChat('u1', { message: 'hi' }, {})).rejects.toMatchObject({
      code: 'stream_interrupted',
    });
  });

  it('GIVEN a backend that answers JSON instead of a stream WHEN sent THEN the parsed answer is returned with worded tool calls', async () => {
    const answer = doneAnswer({
      conversation_id: 'c2',
      tool_calls: [{ name: 'add_task', arguments: {}, result: added }],
    });
    vi.stubGlobal('fetch', async () => Response.json(answer));
    const out = await streamChat('u1', { message: 'hi' }, {});
    expect(out).toMatchObject(answer);
    expect(out.activities[0]).toMatchObject({ label: 'Added task 1', changed: true });
  });

  it('GIVEN a JSON answer of the wrong shape WHEN sent THEN the turn rejects as unreadable', async () => {
    vi.stubGlobal('fetch', async () => Response.json({ reply: 'ok' }));
    await expect(streamChat('u1', { message: 'hi' }, {})).rejects.toMatchObject({ code: 'bad_response' });
  });
});
