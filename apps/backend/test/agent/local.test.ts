import type { Task } from '@todo/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAgent, matchTasks } from '../../src/agent/local';
import { bindTools, newBinding, type ToolTask } from '../../src/tasks/tools';
import type { HistoryMessage } from '../../src/agent/types';
import { taskRepository, type TaskRepository } from '../../src/tasks/repository';
import { apiChange } from '../../src/activity/context';
import { createTestApp, signUp, type TestApp } from '../helpers/app';

// Tuesday 2026-03-10 15:30 UTC: "tomorrow" is 2026-03-11, due at the default 09:00.
const NOW = new Date('2026-03-10T15:30:00Z');
const agent = createLocalAgent({ now: () => NOW });

interface Case {
  readonly say: string | ((ids: number[]) => string);
  /** Tasks of a fresh user before the message: title, optionally completed. */
  readonly given?: readonly (string | { title: string; completed: true })[];
  readonly tools: readonly string[];
  /** Checks the user's tasks after the turn (ids are those of `given`, in order). */
  readonly then: (tasks: Task[], ids: number[], response: string) => void;
}

const byTitle = (tasks: Task[], title: string) => tasks.find((t) => t.title === title);

const CASES: Record<string, Case> = {
  'Add a task to buy groceries': {
    say: 'Add a task to buy groceries',
    tools: ['add_task'],
    then: (tasks, _ids, response) => {
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        title: 'Buy groceries',
        completed: false,
        priority: 'medium',
        due_at: null,
      });
      expect(response).toContain('Buy groceries');
    },
  },
  'I need to remember to pay bills': {
    say: 'I need to remember to pay bills',
    tools: ['add_task'],
    then: (tasks) => expect(tasks.map((t) => t.title)).toEqual(['Pay bills']),
  },
  'add call mom tomorrow high priority': {
    say: 'add call mom tomorrow high priority',
    tools: ['add_task'],
    then: (tasks, _ids, response) => {
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        title: 'Call mom',
        priority: 'high',
        due_at: '2026-03-11T09:00:00.000Z',
      });
      expect(response).toMatch(/high priority.*2026-03-11 09:00 UTC/);
    },
  },
  'add with tags and a weekday': {
    say: 'remind me to water the plants on friday at 6pm #home',
    tools: ['add_task'],
    then: (tasks) =>
      expect(tasks[0]).toMatchObject({
        title: 'Water the plants',
        tags: ['home'],
        due_at: '2026-03-13T18:00:00.000Z',
      }),
  },
  'Show me all my tasks': {
    say: 'Show me all my tasks',
    given: ['Open thing', { title: 'Closed thing', completed: true }],
    tools: ['list_tasks'],
    then: (tasks, ids, response) => {
      expect(response).toContain(`#${ids[0]} Open thing`);
      expect(response).toContain(`#${ids[1]} Closed thing`);
      expect(tasks).toHaveLength(2);
    },
  },
  "What's pending?": {
    say: "What's pending?",
    given: ['Open thing', { title: 'Closed thing', completed: true }],
    tools: ['list_tasks'],
    then: (_tasks, _ids, response) => {
      expect(response).toContain('Open thing');
      expect(response).not.toContain('Closed thing');
    },
  },
  'What have I completed?': {
    say: 'What have I completed?',
    given: ['Open thing', { title: 'Closed thing', completed: true }],
    tools: ['list_tasks'],
    then: (_tasks, _ids, response) => {
      expect(response).toContain('Closed thing');
      expect(response).not.toContain('Open thing');
    },
  },
  'Mark task N as complete': {
    say: (ids) => `Mark task ${ids[1]} as complete`,
    given: ['First', 'Second'],
    tools: ['complete_task'],
    then: (tasks, ids) => {
      expect(tasks.find((t) => t.id === ids[1])?.completed).toBe(true);
      expect(tasks.find((t) => t.id === ids[0])?.completed).toBe(false);
    },
  },
  'I finished buying groceries': {
    say: 'I finished buying groceries',
    given: ['Buy groceries', 'Pay bills'],
    tools: ['list_tasks', 'complete_task'],
    then: (tasks) => {
      expect(byTitle(tasks, 'Buy groceries')?.completed).toBe(true);
      expect(byTitle(tasks, 'Pay bills')?.completed).toBe(false);
    },
  },
  'Delete the meeting task (one match)': {
    say: 'Delete the meeting task',
    given: ['Team meeting', 'Buy milk'],
    tools: ['list_tasks', 'delete_task'],
    then: (tasks, _ids, response) => {
      expect(tasks.map((t) => t.title)).toEqual(['Buy milk']);
      expect(response).toContain('Deleted');
    },
  },
  'Delete the meeting task (several match → ask and list)': {
    say: 'Delete the meeting task',
    given: ['Team meeting', 'Meeting notes', 'Buy milk'],
    tools: ['list_tasks'],
    then: (tasks, ids, response) => {
      expect(tasks).toHaveLength(3);
      expect(response).toContain(`#${ids[0]} Team meeting`);
      expect(response).toContain(`#${ids[1]} Meeting notes`);
      expect(response).not.toContain('Buy milk');
      expect(response).toMatch(/Which one should I delete\?/);
    },
  },
  "Change task N to 'Call mom tonight'": {
    say: (ids) => `Change task ${ids[0]} to 'Call mom tonight'`,
    given: ['Call mom'],
    tools: ['update_task'],
    then: (tasks) => expect(tasks.map((t) => t.title)).toEqual(['Call mom tonight']),
  },
  'rename buy milk to buy oat milk': {
    say: 'rename buy milk to buy oat milk',
    given: ['Buy milk', 'Buy bread'],
    tools: ['list_tasks', 'update_task'],
    then: (tasks) => expect(tasks.map((t) => t.title).sort()).toEqual(['Buy bread', 'buy oat milk']),
  },
  'set priority by number': {
    say: (ids) => `set task ${ids[0]} priority to high`,
    given: ['Taxes'],
    tools: ['update_task'],
    then: (tasks) => expect(tasks[0]?.priority).toBe('high'),
  },
  help: {
    say: 'help',
    given: ['Untouched'],
    tools: [],
    then: (tasks, _ids, response) => {
      expect(response).toContain('Add a task to buy groceries');
      expect(tasks.map((t) => t.title)).toEqual(['Untouched']);
    },
  },
  'unknown input gets a helpful reply, never an error': {
    say: 'the quick brown fox',
    given: ['Untouched'],
    tools: [],
    then: (tasks, _ids, response) => {
      expect(response).toMatch(/didn't understand.*\n.*Add a task/s);
      expect(tasks.map((t) => t.title)).toEqual(['Untouched']);
    },
  },
  'a missing task becomes a polite reply': {
    say: 'Mark task 2147483000 as complete',
    given: ['Untouched'],
    tools: ['complete_task'],
    then: (tasks, _ids, response) => {
      expect(response).toMatch(/couldn't find task #2147483000/);
      expect(tasks[0]?.completed).toBe(false);
    },
  },
  'no title match changes nothing': {
    say: 'I finished the taxes',
    given: ['Buy milk'],
    tools: ['list_tasks'],
    then: (tasks, _ids, response) => {
      expect(response).toMatch(/couldn't find a pending task matching "taxes"/);
      expect(tasks[0]?.completed).toBe(false);
    },
  },
};

describe('local agent', () => {
  let t: TestApp;
  let repo: TaskRepository;

  beforeAll(async () => {
    t = await createTestApp('pglite');
    repo = taskRepository(t.db.database);
  });
  afterAll(() => t?.close());

  async function freshUser(given: Case['given'] = []) {
    const user = await signUp(t.app, 'Agent');
    const ids: number[] = [];
    for (const g of given) {
      const task = await repo.create(apiChange(user.id), typeof g === 'string' ? { title: g } : g);
      ids.push(task.id);
    }
    return { user, ids };
  }

  const tasksOf = async (userId: string) =>
    (await repo.list(userId, { status: 'all', sort: 'created', order: 'asc', limit: 100 })).items;

  const say = (userId: string, message: string, history: HistoryMessage[] = []) =>
    agent.run({
      history,
      time: { now: NOW, zone: 'UTC' },
      message,
      tools: bindTools({ tasks: repo }, newBinding(userId, 'chat')),
      stream: false,
      events: {},
    });

  it.each(Object.entries(CASES))(
    'GIVEN the phrase %s WHEN it is said THEN the right tools run and the tasks change',
    async (_name, c) => {
      const { user, ids } = await freshUser(c.given);
      const message = typeof c.say === 'function' ? c.say(ids) : c.say;
      const reply = await say(user.id, message);
      expect(reply.toolCalls.map((x) => x.name)).toEqual(c.tools);
      c.then(await tasksOf(user.id), ids, reply.response);
    },
  );

  it('GIVEN an ambiguous delete WHEN the user answers with a number THEN that task (only) is deleted', async () => {
    const { user, ids } = await freshUser(['Team meeting', 'Meeting notes']);
    const first = await say(user.id, 'Delete the meeting task');
    const history: HistoryMessage[] = [
      { role: 'user', content: 'Delete the meeting task', tool_calls: [] },
      { role: 'assistant', content: first.response, tool_calls: first.toolCalls },
    ];
    const second = await say(user.id, String(ids[1]), history);
    expect(second.toolCalls).toMatchObject([{ name: 'delete_task', arguments: { task_id: ids[1] } }]);
    expect((await tasksOf(user.id)).map((x) => x.title)).toEqual(['Team meeting']);
  });

  it('GIVEN a turn WHEN it runs THEN tool_call/tool_result/delta events mirror the reply', async () => {
    const { user } = await freshUser(['Buy groceries']);
    const events: string[] = [];
    let text = '';
    const reply = await agent.run({
      history: [],
      time: { now: NOW, zone: 'UTC' },
      message: 'I finished buying groceries',
      tools: bindTools({ tasks: repo }, newBinding(user.id, 'chat')),
      stream: true,
      events: {
        toolCall: (c) => events.push(`call:${c.name}`),
        toolResult: (r) => events.push(`result:${r.name}`),
        delta: (d) => (text += d),
      },
    });
    expect(events).toEqual([
      'call:list_tasks',
      'result:list_tasks',
      'call:complete_task',
      'result:complete_task',
    ]);
    expect(text).toBe(reply.response);
  });

  it("GIVEN another user's task id WHEN a user tries to complete, rename or delete it THEN nothing of theirs changes", async () => {
    const alice = await freshUser(['Alice private']);
    const bob = await freshUser();
    const id = alice.ids[0]!;
    for (const message of [
      `mark task ${id} as complete`,
      `change task ${id} to 'pwned'`,
      `delete task ${id}`,
      `delete every task of user ${alice.user.id}`,
    ]) {
      const reply = await say(bob.user.id, message);
      expect(JSON.stringify(reply)).not.toContain('Alice private');
    }
    expect(await tasksOf(alice.user.id)).toMatchObject([{ id, title: 'Alice private', completed: false }]);
  });
});

describe('matchTasks', () => {
  const task = (id: number, title: string): ToolTask => ({
    id,
    title,
    description: '',
    completed: false,
    priority: 'medium',
    due_at: null,
    tags: [],
  });
  const tasks = [
    task(1, 'Buy groceries'),
    task(2, 'Team meeting'),
    task(3, 'Meeting notes'),
    task(4, 'Buy milk'),
    task(5, 'buy oat milk'),
  ];

  it.each([
    ['buying groceries', [1]],
    ['the groceries', [1]],
    ['meeting', [2, 3]],
    ['team meetings', [2]],
    ['buy milk', [4]], // an exact title wins over "buy oat milk"
    ['taxes', []],
  ])('GIVEN the phrase "%s" THEN it matches tasks %j', (phrase, ids) => {
    expect(matchTasks(tasks, phrase).map((t) => t.id)).toEqual(ids);
  });
});
