import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app';
import { signUp, testConfig } from '../test/helpers/app';
import { openTestDatabase, type TestDatabase } from '../test/helpers/db';
import { startFakeOpenAI, type FakeOpenAI } from '../test/helpers/fake-openai';
import { judge, toState, type ApiTask, type Outcome, type TaskState } from './compare';
import { localTime, type EvalCase } from './corpus';
import { describeToolCall, type ChatToolCall } from './report';

/*
 * Runs cases against the real app on one in-memory PGlite database: a fresh user per case (signed up through
 * the real auth endpoint, so task numbers start at 1), setup tasks through the REST API, every history message
 * and then `say` through POST /chat in one conversation, the end state read back through the REST API.
 */

export type AgentKind = 'local' | 'openai';

/** The case it ran (id, category, what was said) and what came of it. */
export interface CaseResult extends Pick<EvalCase, 'id' | 'category' | 'say'> {
  readonly outcome: Outcome;
  readonly differences: readonly string[];
  /** What `say` changed, in words. */
  readonly changes: readonly string[];
  readonly reply: string;
  /** The tool calls of the `say` turn, each with its error when it failed ("add_task: error …"). */
  readonly tools: readonly string[];
  readonly ms: number;
}

export interface Harness {
  run(c: EvalCase): Promise<CaseResult>;
  close(): Promise<void>;
}

class CaseError extends Error {}

function ok(res: LightMyRequestResponse, what: string, status = 200): LightMyRequestResponse {
  if (res.statusCode !== status) {
    throw new CaseError(`${what}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  return res;
}

export async function createHarness(agent: AgentKind = 'local'): Promise<Harness> {
  let fake: FakeOpenAI | undefined;
  let db: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  /** The app's one clock, pinned to the running case's "now". */
  let now = new Date();
  try {
    if (agent === 'openai') fake = await startFakeOpenAI();
    db = await openTestDatabase('pglite');
    // The tests' config (no sign-up hold: each case signs a new user up), limits out of the way.
    const config = testConfig({
      AUTH_RATE_LIMIT_MAX: '100000',
      CHAT_RATE_LIMIT_MAX: '100000',
      ...(fake ? { OPENAI_API_KEY: 'eval-key', OPENAI_BASE_URL: fake.url, OPENAI_MAX_RETRIES: '0' } : {}),
    });
    app = await buildApp({ config, database: db.database, logger: false, clock: () => new Date(now) });
    await app.ready();
  } catch (err) {
    await app?.close();
    await db?.drop();
    await fake?.close();
    throw err;
  }
  const server = app;
  const database = db;

  async function runCase(
    c: EvalCase,
  ): Promise<{ before: TaskState[]; after: TaskState[]; reply: string; tools: string[] }> {
    now = c.now.toJSDate();
    if (fake) {
      fake.reset();
      if (c.openai) fake.script(...c.openai);
    }
    const user = await signUp(server, 'Eval');
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      server.inject({
        method,
        url: `/api/${user.id}${url}`,
        headers: { authorization: `Bearer ${user.token}` },
        ...(payload ? { payload } : {}),
      });
    const readState = async () => {
      const res = ok(await call('GET', '/tasks?status=all&limit=100&sort=created&order=asc'), 'list tasks');
      return toState(res.json<{ items: ApiTask[] }>().items, c.zone);
    };

    for (const [i, t] of c.setup.entries()) {
      const body = {
        title: t.title,
        ...(t.description !== undefined ? { description: t.description } : {}),
        ...(t.priority ? { priority: t.priority } : {}),
        ...(t.tags ? { tags: t.tags } : {}),
        ...(t.due ? { due_at: localTime(t.due, c.zone).toUTC().toISO() } : {}),
        ...(t.completed ? { completed: true } : {}),
        ...(t.repeat ? { recurrence: t.repeat } : {}),
        ...(t.reminders
          ? {
              reminders: t.reminders.map((r) =>
                'at' in r ? { at: localTime(r.at, c.zone).toUTC().toISO() } : r,
              ),
            }
          : {}),
      };
      ok(await call('POST', '/tasks', body), `setup task ${i + 1}`, 201);
    }

    let conversationId: string | undefined;
    const say = async (message: string, what: string) => {
      const res = ok(
        await call('POST', '/chat', {
          message,
          time_zone: c.zone,
          ...(conversationId ? { conversation_id: conversationId } : {}),
        }),
        what,
      );
      const body = res.json<{ conversation_id: string; response: string; tool_calls: ChatToolCall[] }>();
      conversationId = body.conversation_id;
      return { reply: body.response, tools: body.tool_calls.map(describeToolCall) };
    };
    for (const [i, m] of c.history.entries()) await say(m, `history turn ${i + 1}`);
    const before = await readState();
    const { reply, tools } = await say(c.say, 'say');
    const after = await readState();
    return { before, after, reply, tools };
  }

  return {
    async run(c) {
      const started = performance.now();
      const base = { id: c.id, category: c.category, say: c.say };
      try {
        const { before, after, reply, tools } = await runCase(c);
        const verdict = judge(c.expect, before, after, reply);
        const unused =
          fake && fake.pending() > 0 ? [`${fake.pending()} scripted model answer(s) unused`] : [];
        const outcome = verdict.outcome === 'pass' && unused.length ? 'fail' : verdict.outcome;
        return {
          ...base,
          outcome,
          differences: [...verdict.differences, ...unused],
          changes: verdict.changes,
          reply,
          tools,
          ms: performance.now() - started,
        };
      } catch (err) {
        if (!(err instanceof CaseError)) throw err;
        return {
          ...base,
          outcome: 'fail',
          differences: [err.message],
          changes: [],
          reply: '',
          tools: [],
          ms: performance.now() - started,
        };
      }
    },
    async close() {
      await server.close();
      await database.drop();
      await fake?.close();
    },
  };
}
