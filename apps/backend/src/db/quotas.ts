import type { AppConfig } from '../config';
import { AppError, causes } from '../http/errors';

/*
 * Per-user quotas, enforced by the counting triggers of drizzle/0012: a statement announces the quota in a CTE
 * (set_config(…, true) lasts for its transaction), and the trigger refuses the whole statement when it would take a
 * user past it. The announcement travels with the statement itself, so it holds on any driver or pooler (a session
 * setting would not survive a transaction-mode pooler such as Neon's).
 */

export interface Quotas {
  /** Most tasks per user; unset: no limit. */
  readonly maxTasks?: number;
  /** Most conversations per user; unset: no limit. */
  readonly maxConversations?: number;
}

/** The quotas the app's env sets. */
export const configuredQuotas = (
  config: Pick<AppConfig, 'MAX_TASKS_PER_USER' | 'MAX_CONVERSATIONS_PER_USER'>,
): Quotas => ({ maxTasks: config.MAX_TASKS_PER_USER, maxConversations: config.MAX_CONVERSATIONS_PER_USER });

const KINDS = {
  tasks: { setting: 'todo.max_tasks', sqlState: 'TQ001', code: 'task_quota_exceeded' },
  conversations: {
    setting: 'todo.max_conversations',
    sqlState: 'TQ002',
    code: 'conversation_quota_exceeded',
  },
} as const;
type Kind = keyof typeof KINDS;

/** A CTE named `quota` announcing the quota of `kind` given as statement parameter `param` ('' = none). */
export const quotaCte = (kind: Kind, param: string) =>
  `quota as (select set_config('${KINDS[kind].setting}', ${param}::text, true) as announced)`;

/** The value to bind for quotaCte's parameter. */
export const quotaParam = (limit: number | undefined): string => (limit === undefined ? '' : String(limit));

/** The quota error of `kind` a database error stands for, if it is one: what the user can do about it. */
export function quotaError(kind: Kind, err: unknown, limit: number | undefined): AppError | null {
  const codes = causes(err).map((e) => (e as { code?: unknown }).code);
  if (!codes.includes(KINDS[kind].sqlState)) return null;
  const message =
    kind === 'tasks'
      ? `This account has reached its limit of ${limit} tasks: delete some to add more`
      : `This account has reached its limit of ${limit} conversations: delete some to start a new one`;
  return new AppError(KINDS[kind].code, message, { limit });
}

/** Whether `err` is a quota AppError (as withinQuota throws it). */
export const isQuotaError = (err: unknown): err is AppError =>
  err instanceof AppError && Object.values(KINDS).some((k) => k.code === err.code);

/** Runs `write`, turning the quota error of `kind` into its AppError. */
export async function withinQuota<T>(kind: Kind, limit: number | undefined, write: () => Promise<T>) {
  try {
    return await write();
  } catch (err) {
    throw quotaError(kind, err, limit) ?? err;
  }
}
