import {
  descriptionSchema,
  dueAtSchema,
  prioritySchema,
  tagsSchema,
  taskIdSchema,
  taskStatusSchema,
  titleSchema,
  type Task,
} from '@todo/shared';
import { z } from 'zod';
import type { TaskRepository } from '../tasks/repository';

/*
 * The task tools, defined once: name, description, zod input and handler. The OpenAI agent (function calling),
 * the local agent and the MCP server all run them through `bindTools`, which fixes the acting user from the
 * authenticated request. No input schema has a user id, so nothing a model or a message says can pick another user.
 */

/** What a task-changing tool answers. */
export interface TaskChange {
  readonly task_id: number;
  readonly status: 'created' | 'completed' | 'deleted' | 'updated';
  readonly title: string;
}

/** One task as tools show it (no user id, no timestamps the model does not need). */
export interface ToolTask {
  readonly id: number;
  readonly title: string;
  readonly description: string;
  readonly completed: boolean;
  readonly priority: Task['priority'];
  readonly due_at: string | null;
  readonly tags: string[];
}

export interface TaskListResult {
  readonly tasks: ToolTask[];
  readonly count: number;
  /** True when more tasks match than were returned. */
  readonly truncated: boolean;
}

/** A failure the caller should see as a polite "could not do that", not as a server error. */
export class ToolError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_arguments' | 'unknown_tool',
    message: string,
  ) {
    super(message);
  }
}

interface ToolContext {
  readonly userId: string;
  readonly tasks: TaskRepository;
}

interface ToolDefinition<S extends z.ZodObject, R> {
  readonly name: string;
  readonly description: string;
  readonly input: S;
  readonly handler: (ctx: ToolContext, args: z.output<S>) => Promise<R>;
}

const define = <S extends z.ZodObject, R>(tool: ToolDefinition<S, R>) => tool;

export const LIST_LIMIT = 100;

const toolTask = (t: Task): ToolTask => ({
  id: t.id,
  title: t.title,
  description: t.description,
  completed: t.completed,
  priority: t.priority,
  due_at: t.due_at,
  tags: t.tags,
});

const taskId = taskIdSchema.describe('The numeric id of the task (as shown by list_tasks).');
const notFound = (id: number) => new ToolError('not_found', `Task ${id} not found`);
const change = (status: TaskChange['status'], t: Task): TaskChange => ({
  task_id: t.id,
  status,
  title: t.title,
});

const editable = {
  description: descriptionSchema.optional().describe('Longer notes about the task.'),
  priority: prioritySchema.optional().describe('low, medium or high.'),
  due_at: dueAtSchema
    .nullable()
    .optional()
    .describe('Due date-time, ISO 8601 with offset, e.g. 2026-11-22T09:00:00Z; null clears it.'),
  tags: tagsSchema.optional().describe('Short labels such as "home" or "work".'),
};

export const addTask = define({
  name: 'add_task',
  description: 'Create a new task for the user. Returns its id, status "created" and title.',
  input: z.strictObject({ title: titleSchema.describe('Short title of the task.'), ...editable }),
  handler: async ({ userId, tasks }, args): Promise<TaskChange> =>
    change('created', await tasks.create(userId, args)),
});

export const listTasks = define({
  name: 'list_tasks',
  description:
    'List the user\'s tasks, newest first. status: "all" (default), "pending" or "completed"; q: text to search in titles and descriptions.',
  input: z.strictObject({
    status: taskStatusSchema.optional().describe('all, pending or completed; default all.'),
    q: z.string().trim().max(200).optional().describe('Text to search for in titles and descriptions.'),
  }),
  handler: async ({ userId, tasks }, args): Promise<TaskListResult> => {
    const page = await tasks.list(userId, {
      status: args.status ?? 'all',
      q: args.q || undefined,
      sort: 'created',
      limit: LIST_LIMIT,
    });
    return {
      tasks: page.items.map(toolTask),
      count: page.items.length,
      truncated: page.next_cursor !== null,
    };
  },
});

export const completeTask = define({
  name: 'complete_task',
  description: 'Mark a task as completed (idempotent). Use list_tasks first to find the id; never guess it.',
  input: z.strictObject({ task_id: taskId }),
  handler: async ({ userId, tasks }, args): Promise<TaskChange> => {
    const task = await tasks.update(userId, args.task_id, { completed: true });
    if (!task) throw notFound(args.task_id);
    return change('completed', task);
  },
});

export const deleteTask = define({
  name: 'delete_task',
  description: 'Delete a task permanently. Use list_tasks first to find the id; never guess it.',
  input: z.strictObject({ task_id: taskId }),
  handler: async ({ userId, tasks }, args): Promise<TaskChange> => {
    const task = await tasks.remove(userId, args.task_id);
    if (!task) throw notFound(args.task_id);
    return change('deleted', task);
  },
});

export const updateTask = define({
  name: 'update_task',
  description:
    "Change a task's title, description, priority, due date or tags. Only the given fields change.",
  input: z
    .strictObject({ task_id: taskId, title: titleSchema.optional().describe('New title.'), ...editable })
    .refine((v) => Object.entries(v).some(([k, x]) => k !== 'task_id' && x !== undefined), {
      message: 'give at least one field to change',
    }),
  handler: async ({ userId, tasks }, { task_id, ...patch }): Promise<TaskChange> => {
    const task = await tasks.update(userId, task_id, patch);
    if (!task) throw notFound(task_id);
    return change('updated', task);
  },
});

export const TASK_TOOLS = [addTask, listTasks, completeTask, deleteTask, updateTask] as const;
export type TaskTool = (typeof TASK_TOOLS)[number];
export type ToolName = TaskTool['name'];
export const TOOL_NAMES = TASK_TOOLS.map((t) => t.name) as ToolName[];

export type ToolOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: ToolError; readonly result: { error: string } };

/** The tools acting as one user. `call` validates the arguments and never throws for a bad call or a missing task. */
export interface BoundTools {
  readonly userId: string;
  call(name: string, args: unknown): Promise<ToolOutcome>;
}

export function bindTools(tasks: TaskRepository, userId: string): BoundTools {
  const ctx: ToolContext = { userId, tasks };
  return {
    userId,
    async call(name, args) {
      const tool = TASK_TOOLS.find((t) => t.name === name);
      if (!tool) return failure(new ToolError('unknown_tool', `There is no tool named ${name}`));
      const parsed = tool.input.safeParse(args ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) =>
          i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
        );
        return failure(
          new ToolError('invalid_arguments', `Invalid arguments for ${name}: ${issues.join('; ')}`),
        );
      }
      try {
        return {
          ok: true,
          result: await (tool.handler as (c: ToolContext, a: unknown) => Promise<unknown>)(ctx, parsed.data),
        };
      } catch (err) {
        if (err instanceof ToolError) return failure(err);
        throw err;
      }
    },
  };
}

const failure = (error: ToolError): ToolOutcome => ({ ok: false, error, result: { error: error.message } });

/** JSON Schema of a tool's input as a model sees it (input side of transforms, no noisy regex patterns). */
export function toolJsonSchema(tool: TaskTool): Record<string, unknown> {
  const schema = z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  delete schema.$schema;
  return stripPatterns(schema) as Record<string, unknown>;
}

function stripPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripPatterns);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'pattern') out[k] = stripPatterns(v);
    return out;
  }
  return node;
}
