import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIAgent, type OpenAIAgentOptions } from '../../src/agent/openai';
import { bindTools, newBinding, TOOL_NAMES } from '../../src/tasks/tools';
import { AgentTurnError, type AgentTurn, type HistoryMessage } from '../../src/agent/types';
import { taskRepository, type TaskRepository } from '../../src/tasks/repository';
import { apiChange } from '../../src/activity/context';
import { createTestApp, signUp, type TestApp } from '../helpers/app';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai';
import { objectContaining, stringContaining, stringMatching } from '../helpers/json';

const NOW = new Date('2026-03-10T15:30:00Z');

describe('OpenAI agent against an OpenAI-compatible server', () => {
  let t: TestApp;
  let repo: TaskRepository;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    [t, fake] = await Promise.all([createTestApp('pglite'), startFakeOpenAI()]);
    repo = taskRepository(t.db.database);
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await fake?.close();
    await t?.close();
  });

  const agent = (over: Partial<OpenAIAgentOptions> = {}) =>
    createOpenAIAgent({
      apiKey: 'test-key',
      baseURL: fake.url,
      model: 'fake-model',
      timeoutMs: 2000,
      maxRetries: 0,
      maxToolRounds: 6,
      now: () => NOW,
      ...over,
    });

  async function user() {
    const u = await signUp(t.app, 'Llm');
    return u.id;
  }

  function turn(userId: string, message: string, over: Partial<AgentTurn> = {}) {
    const log: string[] = [];
    let text = '';
    const value: AgentTurn = {
      history: [],
      time: { now: NOW, zone: 'UTC' },
      message,
      tools: bindTools({ tasks: repo }, newBinding(userId, 'chat')),
      stream: false,
      events: {
        delta: (d) => (text += d),
        toolCall: (c) => log.push(`call:${c.name}:${JSON.stringify(c.arguments)}`),
        toolResult: (r) => log.push(`result:${r.name}`),
      },
      ...over,
    };
    return { value, log, text: () => text };
  }

  const titles = async (userId: string) =>
    (await repo.list(userId, { status: 'all', sort: 'created', limit: 100 })).items.map((x) => x.title);

  describe('dates as words and confirmation for many changes', () => {
    const LA = 'America/Los_Angeles';
    // Friday 18:05 in Los Angeles (Saturday in UTC).
    const FRI = new Date('2026-11-28T02:05:00Z');
    const laTools = (uid: string, conversationId?: string) =>
      bindTools({ tasks: repo }, newBinding(uid, 'chat', { timeZone: LA, now: FRI, conversationId }));
    const tasksOf = async (uid: string) =>
      (await repo.list(uid, { status: 'all', sort: 'created', order: 'asc', limit: 100 })).items;

    it('GIVEN a model that passes due as words WHEN it adds a task THEN the server reads them in the user zone', async () => {
      const uid = await user();
      fake.script(
        { tool_calls: [{ name: 'add_task', arguments: { title: 'Buy milk', due: 'tomorrow at 5pm' } }] },
        { content: 'Added.' },
      );
      await agent({ now: undefined }).run(
        turn(uid, 'buy milk tomorrow 5pm', { time: { now: FRI, zone: LA }, tools: laTools(uid) }).value,
      );
      expect((await tasksOf(uid))[0]).toMatchObject({
        title: 'Buy milk',
        due_at: '2026-11-29T01:00:00.000Z',
      });
      expect(fake.requests[0]!.body.messages[0]!.content).toContain(
        'Friday 2026-11-27 18:05 in America/Los_Angeles',
      );
    });

    it('GIVEN words that are no date WHEN the model passes them as due THEN the tool refuses and nothing is added', async () => {
      const uid = await user();
      fake.script(
        { tool_calls: [{ name: 'add_task', arguments: { title: 'Buy milk', due: 'when pigs fly' } }] },
        (req) => {
          expect(req.body.messages.at(-1)!.content).toContain('Could not read');
          return { content: 'When is it due?' };
        },
      );
      await agent().run(turn(uid, 'buy milk when pigs fly', { tools: laTools(uid) }).value);
      expect(await tasksOf(uid)).toEqual([]);
    });

    it('GIVEN a model that deletes two tasks one by one WHEN the second delete comes THEN it is refused with a request to preview', async () => {
      const uid = await user();
      for (const title of ['A', 'B', 'C']) await repo.create(apiChange(uid), { title });
      fake.script(
        {
          tool_calls: [
            { name: 'delete_task', arguments: { task_id: 1 } },
            { name: 'delete_task', arguments: { task_id: 2 } },
          ],
        },
        { content: 'Deleted one; the other needs your OK.' },
      );
      const reply = await agent().run(turn(uid, 'delete tasks 1 and 2', { tools: laTools(uid) }).value);
      expect((await tasksOf(uid)).map((x) => x.title)).toEqual(['B', 'C']);
      expect(reply.toolCalls[1]!.result).toMatchObject({ error: stringContaining('preview_changes') });
    });

    it('GIVEN a preview WHEN the user says yes THEN apply_changes runs exactly the stored plan as one undoable group', async () => {
      const uid = await user();
      for (const title of ['A', 'B', 'C']) await repo.create(apiChange(uid), { title });
      const conversationId = crypto.randomUUID();
      fake.script(
        { tool_calls: [{ name: 'preview_changes', arguments: { action: 'delete', task_ids: [1, 3] } }] },
        { content: 'This deletes A and C. Go ahead?' },
      );
      const first = await agent().run(
        turn(uid, 'delete A and C', { tools: laTools(uid, conversationId) }).value,
      );
      expect(await tasksOf(uid)).toHaveLength(3);
      const history: HistoryMessage[] = [
        { role: 'user', content: 'delete A and C', tool_calls: [] },
        { role: 'assistant', content: first.response, tool_calls: first.toolCalls },
      ];
      // The model sends other ids on apply: the stored plan wins.
      fake.script(
        { tool_calls: [{ name: 'apply_changes', arguments: { task_ids: [2] } }] },
        { content: 'Done.' },
      );
      await agent().run(turn(uid, 'yes', { history, tools: laTools(uid, conversationId) }).value);
      expect((await tasksOf(uid)).map((x) => x.title)).toEqual(['B']);

      fake.script({ tool_calls: [{ name: 'undo', arguments: {} }] }, { content: 'Undone.' });
      await agent().run(turn(uid, 'undo', { tools: laTools(uid, conversationId) }).value);
      expect((await tasksOf(uid)).map((x) => x.title)).toEqual(['A', 'B', 'C']);
    });

    it('GIVEN no preview in the previous reply WHEN the model calls apply_changes THEN nothing changes', async () => {
      const uid = await user();
      await repo.create(apiChange(uid), { title: 'A' });
      fake.script({ tool_calls: [{ name: 'apply_changes', arguments: {} }] }, { content: 'Hmm.' });
      const reply = await agent().run(turn(uid, 'yes', { tools: laTools(uid) }).value);
      expect(reply.toolCalls[0]!.result).toMatchObject({
        error: stringContaining('no previewed change'),
      });
      expect(await tasksOf(uid)).toHaveLength(1);
    });
  });

  describe.each([false, true])('with stream=%s', (stream) => {
    it('GIVEN "delete the meeting task" WHEN the model lists then deletes THEN the task is gone and the reply confirms it', async () => {
      const uid = await user();
      const meeting = await repo.create(apiChange(uid), { title: 'Team meeting' });
      await repo.create(apiChange(uid), { title: 'Buy milk' });
      fake.script(
        { content: 'Let me look.', tool_calls: [{ name: 'list_tasks', arguments: { q: 'meeting' } }] },
        (req) => {
          // The tool result the model receives is the real list, with the real id.
          const toolMessage = req.body.messages.at(-1)!;
          expect(toolMessage.role).toBe('tool');
          const listed = JSON.parse(toolMessage.content!) as { tasks: { id: number; title: string }[] };
          expect(listed.tasks.map((x) => x.title)).toEqual(['Team meeting']);
          return { tool_calls: [{ name: 'delete_task', arguments: { task_id: listed.tasks[0]!.id } }] };
        },
        { content: `Deleted task #${meeting.id} "Team meeting".` },
      );
      const tr = turn(uid, 'Delete the meeting task', { stream });
      const reply = await agent().run(tr.value);

      expect(await titles(uid)).toEqual(['Buy milk']);
      expect(reply.response).toBe(`Let me look.\n\nDeleted task #${meeting.id} "Team meeting".`);
      expect(tr.text()).toBe(reply.response);
      expect(reply.toolCalls).toEqual([
        { name: 'list_tasks', arguments: { q: 'meeting' }, result: objectContaining({ count: 1 }) },
        {
          name: 'delete_task',
          arguments: { task_id: meeting.id },
          result: { task_id: meeting.id, status: 'deleted', title: 'Team meeting' },
        },
      ]);
      expect(tr.log).toEqual([
        'call:list_tasks:{"q":"meeting"}',
        'result:list_tasks',
        `call:delete_task:{"task_id":${meeting.id}}`,
        'result:delete_task',
      ]);

      expect(fake.requests).toHaveLength(3);
      const first = fake.requests[0]!;
      expect(first.headers.authorization).toBe('Bearer test-key');
      expect(first.body.model).toBe('fake-model');
      expect(Boolean(first.body.stream)).toBe(stream);
      expect(first.body.messages[0]).toMatchObject({
        role: 'system',
        content: stringContaining('Never invent task ids'),
      });
      expect(first.body.messages[0]!.content).toContain(
        "The user's local date and time: Tuesday 2026-03-10 15:30 in UTC",
      );
      expect(first.body.messages.at(-1)).toEqual({ role: 'user', content: 'Delete the meeting task' });
      expect(first.body.tools!.map((x) => x.function.name)).toEqual([
        ...TOOL_NAMES,
        'preview_changes',
        'apply_changes',
      ]);
    });

    it('GIVEN a model that keeps calling tools WHEN the round limit is reached THEN tools stop and the model must answer in words', async () => {
      const uid = await user();
      const loop = { tool_calls: [{ name: 'list_tasks', arguments: {} }] };
      fake.script(loop, loop, (req) => {
        expect(req.body.tool_choice).toBe('none');
        return { content: 'Here is what I found.' };
      });
      const reply = await agent({ maxToolRounds: 2 }).run(turn(uid, 'loop forever', { stream }).value);
      expect(fake.requests.map((r) => r.body.tool_choice)).toEqual(['auto', 'auto', 'none']);
      expect(reply.toolCalls.map((c) => c.name)).toEqual(['list_tasks', 'list_tasks']);
      expect(reply.response).toBe('Here is what I found.');
    });

    it('GIVEN a tool that fails WHEN the model calls it THEN the error goes back to the model and the turn ends politely', async () => {
      const uid = await user();
      fake.script(
        {
          tool_calls: [
            { name: 'complete_task', arguments: { task_id: 2147483000 } },
            { name: 'delete_task', arguments: { task_id: 'abc' } },
          ],
        },
        (req) => {
          const results = req.body.messages
            .filter((m) => m.role === 'tool')
            .map((m) => JSON.parse(m.content!) as { error: string });
          expect(results[0]!.error).toBe('Task 2147483000 not found');
          expect(results[1]!.error).toMatch(/Invalid arguments for delete_task: task_id/);
          return { content: "I couldn't find that task." };
        },
      );
      const reply = await agent().run(turn(uid, 'complete task 2147483000', { stream }).value);
      expect(reply.response).toBe("I couldn't find that task.");
      expect(reply.toolCalls.map((c) => c.result)).toEqual([
        { error: 'Task 2147483000 not found', code: 'not_found' },
        { error: stringContaining('Invalid arguments'), code: 'invalid_arguments' },
      ]);
    });

    it('GIVEN malformed tool arguments WHEN the model sends them THEN the turn fails with llm_unavailable and no tool of that round runs', async () => {
      const uid = await user();
      fake.script({
        tool_calls: [
          { name: 'add_task', arguments: { title: 'Should not exist' } },
          { name: 'delete_task', arguments: '{"task_id": 1' },
        ],
      });
      const err = await agent()
        .run(turn(uid, 'do things', { stream }).value)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AgentTurnError);
      expect(err).toMatchObject({
        code: 'llm_unavailable',
        status: 502,
        message: stringMatching(/malformed arguments for delete_task/),
      });
      expect(await titles(uid)).toEqual([]);
    });
  });

  it('GIVEN earlier turns with tool calls WHEN a new turn starts THEN the history is replayed in the chat-completions shape', async () => {
    const uid = await user();
    const history: HistoryMessage[] = [
      { role: 'user', content: 'add milk', tool_calls: [] },
      {
        role: 'assistant',
        content: 'Added task #7 "Milk".',
        tool_calls: [
          {
            name: 'add_task',
            arguments: { title: 'Milk' },
            result: { task_id: 7, status: 'created', title: 'Milk' },
          },
        ],
      },
    ];
    fake.script({ content: 'ok' });
    await agent().run(turn(uid, 'thanks', { history }).value);
    const msgs = fake.requests[0]!.body.messages;
    expect(msgs.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    expect(msgs[2]!.tool_calls).toEqual([
      { id: 'call_h1_0', type: 'function', function: { name: 'add_task', arguments: '{"title":"Milk"}' } },
    ]);
    expect(msgs[3]).toEqual({
      role: 'tool',
      tool_call_id: 'call_h1_0',
      content: '{"task_id":7,"status":"created","title":"Milk"}',
    });
    expect(msgs[4]).toEqual({ role: 'assistant', content: 'Added task #7 "Milk".' });
  });

  it('GIVEN the tool schemas sent to the model THEN no parameter can name a user and extra parameters are refused', async () => {
    fake.script({ content: 'hi' });
    await agent().run(turn('nobody', 'hi').value);
    const keys = (node: unknown): string[] =>
      node && typeof node === 'object'
        ? Object.entries(node).flatMap(([k, v]) =>
            k === 'properties' ? [...Object.keys(v as object), ...keys(v)] : keys(v),
          )
        : [];
    for (const tool of fake.requests[0]!.body.tools!) {
      expect(
        keys(tool.function.parameters).filter((k) => /user|owner|account/i.test(k)),
        tool.function.name,
      ).toEqual([]);
      expect(tool.function.parameters.additionalProperties, tool.function.name).toBe(false);
    }
  });

  describe('failures', () => {
    const closedPort = async () => {
      const srv = createServer();
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
      const { port } = srv.address() as AddressInfo;
      await new Promise<void>((r) => srv.close(() => r()));
      return port;
    };

    it.each([
      [
        '401',
        'llm_unavailable',
        502,
        [{ status: 401, message: 'Incorrect API key provided' }],
        {},
        /rejected the configured API key/,
      ],
      ['429 without retries', 'llm_unavailable', 502, [{ status: 429 }], {}, /rate limited/],
      [
        '500 then 503 after a retry',
        'llm_unavailable',
        502,
        [{ status: 500 }, { status: 503 }],
        { maxRetries: 1 },
        /HTTP 503/,
      ],
      ['a dropped connection', 'llm_unavailable', 502, [{ destroy: true }], {}, /cannot be reached/],
      [
        'no answer (headers)',
        'llm_timeout',
        504,
        [{ hang: 'headers' }],
        { timeoutMs: 300 },
        /did not answer within 300 ms/,
      ],
    ] as const)(
      'GIVEN %s WHEN a turn runs THEN it fails with %s (%i)',
      async (_name, code, status, steps, over, message) => {
        const uid = await user();
        fake.script(...steps);
        const err = await agent(over)
          .run(turn(uid, 'hi').value)
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ code, status, message: stringMatching(message) });
        expect(fake.pending()).toBe(0);
      },
    );

    it.each([false, true])(
      'GIVEN a server that stalls mid-body (stream=%s) WHEN a turn runs THEN llm_timeout',
      async (stream) => {
        const uid = await user();
        fake.script({ hang: 'body' });
        const started = Date.now();
        const err = await agent({ timeoutMs: 300 })
          .run(turn(uid, 'hi', { stream }).value)
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'llm_timeout', status: 504 });
        expect(Date.now() - started).toBeLessThan(5000);
      },
    );

    it('GIVEN a 429 with retry-after WHEN retries are allowed THEN the retry succeeds', async () => {
      const uid = await user();
      fake.script({ status: 429, headers: { 'retry-after-ms': '20' } }, { content: 'Hello!' });
      const reply = await agent({ maxRetries: 1 }).run(turn(uid, 'hi').value);
      expect(reply.response).toBe('Hello!');
      expect(fake.requests).toHaveLength(2);
    });

    it('GIVEN an unreachable server WHEN a turn runs THEN llm_unavailable', async () => {
      const uid = await user();
      const port = await closedPort();
      const err = await agent({ baseURL: `http://127.0.0.1:${port}/v1` })
        .run(turn(uid, 'hi').value)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'llm_unavailable',
        status: 502,
        message: stringMatching(/cannot be reached/),
      });
    });

    it('GIVEN tools that already ran WHEN a later round fails THEN the error carries those tool calls', async () => {
      const uid = await user();
      fake.script(
        { tool_calls: [{ name: 'add_task', arguments: { title: 'Made before failure' } }] },
        { status: 500 },
      );
      const err = await agent()
        .run(turn(uid, 'add it').value)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AgentTurnError);
      expect((err as AgentTurnError).toolCalls.map((c) => c.name)).toEqual(['add_task']);
      expect(await titles(uid)).toEqual(['Made before failure']);
    });
  });

  describe('Stop (the turn signal)', () => {
    it.each([false, true])(
      'GIVEN a model that stalls mid-answer (stream=%s) WHEN the signal aborts THEN the model request is closed and the reply is what it had, marked stopped',
      async (stream) => {
        const uid = await user();
        fake.script({ hang: 'body', content: 'Half an ans' });
        const stop = new AbortController();
        const t1 = turn(uid, 'tell me a long story', {
          stream,
          signal: stop.signal,
          events: { delta: () => stop.abort() },
        });
        const running = agent({ timeoutMs: 10_000 }).run(t1.value);
        if (!stream) setTimeout(() => stop.abort(), 100); // JSON mode: nothing arrives before the answer
        const started = Date.now();
        const reply = await running;
        expect(Date.now() - started).toBeLessThan(5000); // not the 10 s timeout
        expect(await fake.requests[0]!.ended).toBe('aborted');
        expect(reply.stopped).toBe(true);
        expect(reply.toolCalls).toEqual([]);
        // Aborted at the first piece of text: the reply holds what streamed by then and no more.
        expect('Half an ans'.startsWith(reply.response)).toBe(true);
        if (stream) expect(reply.response.length).toBeGreaterThan(0);
      },
    );

    it('GIVEN a round with two tool calls WHEN Stop comes during the first THEN it completes, the second never runs, and no further model call is made', async () => {
      const uid = await user();
      fake.script(
        {
          content: 'Adding both.',
          tool_calls: [
            { name: 'add_task', arguments: { title: 'First' } },
            { name: 'add_task', arguments: { title: 'Second' } },
          ],
        },
        { content: 'never asked for' },
      );
      const stop = new AbortController();
      const reply = await agent().run(
        turn(uid, 'add two', { signal: stop.signal, events: { toolCall: () => stop.abort() } }).value,
      );
      expect(reply).toMatchObject({ stopped: true, response: 'Adding both.' });
      expect(reply.toolCalls.map((c) => c.arguments)).toEqual([{ title: 'First' }]);
      expect(await titles(uid)).toEqual(['First']);
      expect(fake.requests).toHaveLength(1);
    });

    it('GIVEN an already aborted signal WHEN a turn runs THEN no model call is made and the empty reply is stopped', async () => {
      const uid = await user();
      const reply = await agent().run(turn(uid, 'hi', { signal: AbortSignal.abort() }).value);
      expect(reply).toEqual({ response: '', toolCalls: [], stopped: true });
      expect(fake.requests).toHaveLength(0);
    });
  });
});
