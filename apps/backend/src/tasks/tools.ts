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
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { TaskRepository } from './repository';

/*
 * The task tools, defined once: name, description, zod input, MCP annotations and handler. The OpenAI agent
 * (function calling), the local agent and the MCP server all run them through `bindTools`, which fixes the acting
 * user (and the surface and change group) from the authenticated request. No input schema has a user id, so
 * nothing a model or a message says can pick another user.
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

/** Where a change came from; the activity log records it. */
export type Surface = 'api' | 'chat' | 'mcp';

/** Who the tools act for, from the authenticated request (never from tool arguments). */
export interface ToolBinding {
  readonly userId: string;
  readonly surface: Surface;
  /** Chat only: the conversation of the turn. */
  readonly conversationId?: string;
  /** One change group: every change made through these bound tools is undone together. */
  readonly groupId: string;
  /** IANA zone the user's date phrases are read in. */
  readonly timeZone: string;
  readonly now: Date;
}

/** A binding with a fresh change group, read in UTC at the current time unless `given` says otherwise. */
export const newBinding = (
  userId: string,
  surface: Surface,
  given: Partial<Omit<ToolBinding, 'userId' | 'surface'>> = {},
): ToolBinding => ({ userId, surface, groupId: randomUUID(), timeZone: 'UTC', now: new Date(), ...given });

/** What the tools need from the rest of the app. */
export interface ToolDeps {
  readonly tasks: TaskRepository;
}

interface ToolContext extends ToolBinding, ToolDeps {}

/** MCP tool annotations: hints a client may use to decide what needs the user's confirmation. */
export interface ToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
}

interface ToolDefinition<S extends z.ZodObject, R> {
  readonly name: string;
  readonly description: string;
  readonly input: S;
  readonly annotations: ToolAnnotations;
  readonly handler: (ctx: ToolContext, args: z.output<S>) => Promise<R>;
}

const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true };
/** Setting fields to given values: repeating the call changes nothing more. */
const SET: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true };

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
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  input: z.strictObject({ title: titleSchema.describe('Short title of the task.'), ...editable }),
  handler: async ({ userId, tasks }, args): Promise<TaskChange> =>
    change('created', await tasks.create(userId, args)),
});

export const listTasks = define({
  name: 'list_tasks',
  description:
    'List the user\'s tasks, newest first. status: "all" (default), "pending" or "completed"; q: text to search in titles and descriptions.',
  annotations: READ,
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
  annotations: SET,
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
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
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
  annotations: SET,
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

export function bindTools(deps: ToolDeps, binding: ToolBinding): BoundTools {
  const ctx: ToolContext = { ...deps, ...binding };
  return {
    userId: binding.userId,
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
