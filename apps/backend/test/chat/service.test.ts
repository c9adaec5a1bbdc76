import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatResponse, Message, Task } from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDatabase, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { chatService, HISTORY_MAX_CHARS, windowHistory } from '../../src/chat/service';
import type { ConversationRepository } from '../../src/chat/repository';
import type { TaskRepository } from '../../src/tasks/repository';
import type { Agent } from '../../src/agent/types';
import { as, signUp, TEST_SECRET } from '../helpers/app';
import { createPostgresDatabase, TEST_DATABASE_URL } from '../helpers/db';

const message = (
  id: number,
  role: Message['role'],
  content: string,
  tool_calls: Message['tool_calls'] = [],
): Message => ({
  id,
  role,
  content,
  tool_calls,
  created_at: new Date(0).toISOString(),
});

describe('windowHistory', () => {
  it('GIVEN messages within the size bound THEN all are kept, oldest first', () => {
    const msgs = [message(1, 'user', 'a'), message(2, 'assistant', 'b'), message(3, 'user', 'c')];
    expect(windowHistory(msgs).map((m) => m.content)).toEqual(['a', 'b', 'c']);
  });

  it('GIVEN more text than the bound THEN the oldest messages are dropped first', () => {
    const big = 'x'.repeat(HISTORY_MAX_CHARS / 2);
    const msgs = [
      message(1, 'user', `old ${big}`),
      message(2, 'assistant', `mid ${big}`),
      message(3, 'user', 'new'),
    ];
    expect(windowHistory(msgs).map((m) => m.content.slice(0, 3))).toEqual(['mid', 'new']);
  });

  it('GIVEN large tool results THEN they count towards the bound', () => {
    const calls = [{ name: 'list_tasks', arguments: {}, result: { blob: 'y'.repeat(500) } }];
    const msgs = [message(1, 'assistant', 'with tools', calls), message(2, 'user', 'latest')];
    expect(windowHistory(msgs, 300).map((m) => m.content)).toEqual(['latest']);
    expect(windowHistory(msgs, 1000).map((m) => m.content)).toEqual(['with tools', 'latest']);
  });
});

describe('chatService history window', () => {
  const stored = [
    message(1, 'user', 'one'),
    message(2, 'assistant', 'two'),
    message(3, 'user', 'three'),
    message(4, 'assistant', 'Which one should I delete? Reply with its number.'),
  ];
  const setup = (historyMessages: number | undefined) => {
    const limits: number[] = [];
    const conversations = {
      continueWith: async (_user: string, _id: string, _content: string, limit: number) => {
        limits.push(limit);
        return { messageId: 5, history: stored.slice(-limit) };
      },
    } as unknown as ConversationRepository;
    const agent: Agent = {
      kind: 'local',
      historyMessages,
      run: async () => ({ response: '', toolCalls: [] }),
    };
    const chat = chatService({
      conversations,
      tasks: {} as TaskRepository,
      agent,
      historyMaxMessages: 40,
    });
    return { chat, limits };
  };

  it('GIVEN an agent that reads only the last message WHEN a turn starts THEN only that much history is loaded and handed over', async () => {
    const { chat, limits } = setup(1);
    const started = await chat.start('u', { conversation_id: 'c', message: '4' });
    expect(limits).toEqual([1]);
    expect(started?.kind === 'run' && started.turn.history.map((m) => m.content)).toEqual([
      stored[3]!.content,
    ]);
  });

  it('GIVEN an agent without a limit WHEN a turn starts THEN the configured window is loaded', async () => {
    const { chat, limits } = setup(undefined);
    const started = await chat.start('u', { conversation_id: 'c', message: '4' });
    expect(limits).toEqual([40]);
    expect(started?.kind === 'run' && started.turn.history.map((m) => m.content)).toEqual(
      stored.map((m) => m.content),
    );
  });
});

/** Two independent app instances (separate processes in production) over one database. */
interface SharedDatabase {
  readonly name: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

const setups: (() => Promise<SharedDatabase>)[] = [
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'todo-resume-'));
    return {
      name: 'file-backed PGlite',
      open: () => createDatabase({ driver: 'pglite', pgliteDataDir: join(dir, 'pglite') }),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
];
if (TEST_DATABASE_URL) {
  setups.push(async () => {
    const pgdb = await createPostgresDatabase();
    return {
      name: 'Postgres',
      open: () => createDatabase({ driver: 'pg', url: pgdb.url, poolMax: 3 }),
      cleanup: () => pgdb.drop(),
    };
  });
}

describe.each(setups.map((s, i) => [i, s] as const))('resume after a restart (setup %i)', (_i, setup) => {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BETTER_AUTH_SECRET: TEST_SECRET,
    AUTH_RATE_LIMIT_MAX: '1000',
  });

  async function instance(shared: SharedDatabase): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
    const database = await shared.open();
    await runMigrations(database);
    const app = await buildApp({ config, database, logger: false });
    await app.ready();
    return {
      app,
      async close() {
        await app.close();
        await database.close();
      },
    };
  }

  it('GIVEN a question asked by one instance WHEN a new instance gets the answer THEN it continues the conversation from the database', async () => {
    const shared = await setup();
    try {
      const first = await instance(shared);
      const user = await signUp(first.app, 'Resumer');
      const a1 = as(first.app, user);
      const meeting = (await a1('POST', `/api/${user.id}/tasks`, { title: 'Team meeting' })).json<Task>();
      await a1('POST', `/api/${user.id}/tasks`, { title: 'Meeting notes' });
      const asked = (
        await a1('POST', `/api/${user.id}/chat`, { message: 'Delete the meeting task' })
      ).json<ChatResponse>();
      expect(asked.response).toMatch(/Which one should I delete\?/);
      await first.close();

      const second = await instance(shared);
      try {
        const a2 = as(second.app, user);
        const res = await a2('POST', `/api/${user.id}/chat`, {
          conversation_id: asked.conversation_id,
          message: String(meeting.id),
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json<ChatResponse>().tool_calls).toMatchObject([
          { name: 'delete_task', arguments: { task_id: meeting.id }, result: { status: 'deleted' } },
        ]);
        const titles = (await a2('GET', `/api/${user.id}/tasks`))
          .json<{ items: Task[] }>()
          .items.map((x) => x.title);
        expect(titles).toEqual(['Meeting notes']);
        const conv = (await a2('GET', `/api/${user.id}/conversations/${asked.conversation_id}`)).json<{
          messages: Message[];
        }>();
        expect(conv.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      } finally {
        await second.close();
      }
    } finally {
      await shared.cleanup();
    }
    // Two cold starts of a file-backed database (initdb, migrations) on a shared 2-core machine.
  }, 120_000);
});
