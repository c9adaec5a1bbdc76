import type { PLAN_ACTIONS } from '@todo/shared';
import { planSchema, PREVIEW_STEP, type ToolCall } from '@todo/shared';
import type { HistoryMessage } from '../types';

/*
 * What the conversation was just about, read back from the stored history (the server keeps no memory between
 * turns): the tasks the last turn changed or listed, and a question it left open — a preview waiting for "yes",
 * or a "which one?" waiting for a number. The open question is stored as structured data: the arguments of the
 * `preview_changes` step the agent recorded, never re-read from its own prose.
 */

export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** One change a plan will make: the tool to call and its exact arguments. */
export interface PlanItem {
  readonly task_id: number | null;
  readonly title: string;
  readonly args: Record<string, unknown>;
}

export interface Plan {
  readonly action: PlanAction;
  /**
   * confirm: apply every item on "yes"; choice: apply the one the user names; when: the time the user names
   * completes the one item (see `when`).
   */
  readonly awaiting: 'confirm' | 'choice' | 'when';
  readonly items: readonly PlanItem[];
  /** How the plan was described to the user ("Delete 3 completed tasks"). */
  readonly summary: string;
  /** For awaiting "when": the time named is the task's due time, or a reminder at it. */
  readonly when?: 'due' | 'reminder';
}

export const PLAN_STEP = PREVIEW_STEP;

export interface TurnContext {
  /** Task numbers the last turn with tasks changed, in order. */
  readonly touched: readonly number[];
  /** Task numbers it listed, in the order shown. */
  readonly listed: readonly number[];
  /** The open question of the previous reply, if it asked one. */
  readonly plan: Plan | null;
  /** The changes the previous reply made (tool and arguments), for "cancel that" and "no, the other one". */
  readonly lastChanges: readonly ToolCall[];
  /** The user's message the previous reply answered (their own words, e.g. to know a reminder was asked for). */
  readonly previousRequest: string | null;
}

/** Tools that change a task; a turn that called one of them can be taken back. */
const CHANGING = new Set(['add_task', 'complete_task', 'reopen_task', 'delete_task', 'update_task']);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The stored plan, read with the shared contract the UI reads it with; anything else is no open question. */
function planOf(args: unknown): Plan | null {
  const parsed = planSchema.safeParse(args);
  return parsed.success ? parsed.data : null;
}

/** Task numbers a tool call changed or showed. */
function tasksOf(call: ToolCall): { changed: number[]; listed: number[] } {
  const r = call.result;
  if (!isRecord(r)) return { changed: [], listed: [] };
  if (typeof r.task_id === 'number') return { changed: [r.task_id], listed: [] };
  if (Array.isArray(r.tasks))
    return {
      changed: [],
      listed: r.tasks.flatMap((t) => (isRecord(t) && typeof t.id === 'number' ? [t.id] : [])),
    };
  if (Array.isArray(r.results))
    return {
      changed: r.results.flatMap((t) => (isRecord(t) && typeof t.task_id === 'number' ? [t.task_id] : [])),
      listed: [],
    };
  return { changed: [], listed: [] };
}

export function readContext(history: readonly HistoryMessage[]): TurnContext {
  const last = history.at(-1);
  const plan =
    last?.role === 'assistant'
      ? (last.tool_calls.flatMap((c) => (c.name === PLAN_STEP ? [planOf(c.arguments)] : [])).find(Boolean) ??
        null)
      : null;
  const lastChanges =
    last?.role === 'assistant'
      ? last.tool_calls.filter(
          (c) => CHANGING.has(c.name) && isRecord(c.result) && typeof c.result.task_id === 'number',
        )
      : [];
  const before = last?.role === 'assistant' ? history.at(-2) : undefined;
  const previousRequest = before?.role === 'user' ? before.content : null;
  // "it" may point past a turn that touched no task ("thanks!"), but not further back than a few messages.
  for (let i = history.length - 1; i >= 0 && i >= history.length - 6; i--) {
    const m = history[i]!;
    if (m.role !== 'assistant') continue;
    const touched: number[] = [];
    const listed: number[] = [];
    for (const call of m.tool_calls) {
      if (call.name === PLAN_STEP) {
        const p = planOf(call.arguments);
        if (p) listed.push(...p.items.flatMap((x) => (x.task_id === null ? [] : [x.task_id])));
        continue;
      }
      const found = tasksOf(call);
      touched.push(...found.changed);
      listed.push(...found.listed);
    }
    if (touched.length || listed.length) return { touched, listed, plan, lastChanges, previousRequest };
  }
  return { touched: [], listed: [], plan, lastChanges, previousRequest };
}
