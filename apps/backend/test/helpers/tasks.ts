import type { Task } from '@todo/shared';
import { expect } from 'vitest';
import type { ToolOutcome } from '../../src/tasks/tools';
import type { As } from './app';

/** Creates a task through the REST API as the caller of `request`, expecting 201. */
export async function createTask(request: As, userId: string, body: Record<string, unknown>): Promise<Task> {
  const res = await request('POST', `/api/${userId}/tasks`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Task>();
}

/** The result of a tool call that must succeed. */
export async function toolOk<T>(outcome: Promise<ToolOutcome>): Promise<T> {
  const done = await outcome;
  expect(done, JSON.stringify(done.result)).toMatchObject({ ok: true });
  return done.result as T;
}
