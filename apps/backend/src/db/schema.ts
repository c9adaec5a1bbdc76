import { ACTIVITY_ACTIONS, LANGUAGES, REMINDER_KINDS, REMINDER_STATES, SURFACES } from '@todo/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  primaryKey,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/* The one Drizzle schema of the app. Migrations in ../../drizzle are generated from it by drizzle-kit. */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();
const updated = () => ts('updated_at').notNull().defaultNow();

// ---- auth (field names are the ones Better Auth expects; tables are plural) ----
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: created(),
  updatedAt: updated(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: ts('expires_at').notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: ts('access_token_expires_at'),
    refreshTokenExpiresAt: ts('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('accounts_user_id_idx').on(t.userId)],
);

export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

// ---- tasks ----
// Declared low → high so ORDER BY priority sorts by importance.
export const priorityEnum = pgEnum('task_priority', ['low', 'medium', 'high']);

export const tasks = pgTable(
  'tasks',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The task's id in the API: 1, 2, 3… per user in creation order, so people can say "task 3". Allocated from
    // user_settings.last_task_number and never reused, so undo can bring a deleted task back under its number.
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    completed: boolean('completed').notNull().default(false),
    priority: priorityEnum('priority').notNull().default('medium'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    dueAt: ts('due_at'),
    // RFC 5545 RRULE body of a repeating task, null for a one-off. Its DTSTART is the current due_at: completing
    // the task moves due_at to the next occurrence (and counts a COUNT rule down), so the row is always the next one.
    recurrence: text('recurrence'),
    // Reminder rules ({at} | {before}, see @todo/shared reminders.ts). A trigger turns them into rows of
    // `reminders` whenever they, the due time or completion change (drizzle/0009), so no writer can forget to.
    reminders: jsonb('reminders')
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: created(),
    updatedAt: updated(),
  },
  /*
   * Every list order has an index in that order, so a page reads a page of rows however long the history
   * (tasks/repository.ts, checked by test/db/plans.test.ts). The primary key serves the default order (newest
   * first = highest number first); the others lead with `completed`, because a status filter is the common one
   * and a user's done tasks sit in another part of every order than the pending ones (a list of both merges the
   * two ranges). Ascending only: a backward scan serves `desc`.
   */
  (t) => [
    primaryKey({ name: 'tasks_pkey', columns: [t.userId, t.number] }),
    index('tasks_user_status_idx').on(t.userId, t.completed, t.number),
    // `due` sorts undated tasks last either way, so each direction has its own key (sortKey in the repository).
    index('tasks_user_due_asc_idx').on(
      t.userId,
      t.completed,
      sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`,
      t.number,
    ),
    index('tasks_user_due_desc_idx').on(
      t.userId,
      t.completed,
      sql`coalesce(${t.dueAt}, '-infinity'::timestamptz)`,
      t.number,
    ),
    index('tasks_user_status_priority_idx').on(t.userId, t.completed, t.priority, t.number),
    index('tasks_user_title_idx').on(t.userId, t.completed, sql`lower(${t.title})`, t.number),
    // Few tasks repeat: a partial index is small and costs nothing when a one-off task is written.
    index('tasks_user_recurring_idx')
      .on(t.userId, t.number)
      .where(sql`recurrence is not null`),
    index('tasks_tags_idx').using('gin', t.tags),
    // Substring search (`q`, ILIKE '%…%'): trigrams find the few rows of a rare word without reading the rest.
    // New rows wait in a pending list that every search reads through until vacuum merges it; a small limit
    // keeps that list (all users' recent writes) at 32 pages, whenever autovacuum last came by.
    index('tasks_search_idx')
      .using('gin', t.title.op('gin_trgm_ops'), t.description.op('gin_trgm_ops'))
      .with({ gin_pending_list_limit: 256 }),
  ],
);

// ---- reminders: the schedule derived from each task's rules, one row per firing ----
export const reminderKindEnum = pgEnum('reminder_kind', REMINDER_KINDS);
export const reminderStateEnum = pgEnum('reminder_state', REMINDER_STATES);

export const reminders = pgTable(
  'reminders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text('user_id').notNull(),
    taskNumber: integer('task_number').notNull(),
    kind: reminderKindEnum('kind').notNull(),
    fireAt: ts('fire_at').notNull(),
    state: reminderStateEnum('state').notNull().default('pending'),
    deliveredAt: ts('delivered_at'),
    // Delivered over a minute after fire_at (every replica was down, or the queue was behind).
    late: boolean('late').notNull().default(false),
    // Its id on the event stream, drawn from task_activity's sequence at delivery, so task changes and reminders
    // share one ordered id space (Last-Event-ID resumes both).
    eventId: bigint('event_id', { mode: 'number' }),
    createdAt: created(),
  },
  (t) => [
    // Deleting a task deletes its reminders, pending or past.
    foreignKey({
      name: 'reminders_task_fk',
      columns: [t.userId, t.taskNumber],
      foreignColumns: [tasks.userId, tasks.number],
    }).onDelete('cascade'),
    index('reminders_task_idx').on(t.userId, t.taskNumber),
    // The user's list, latest first.
    index('reminders_user_list_idx').on(t.userId, t.fireAt, t.id),
    // The in-process scheduler (PGlite) looks for the next pending one.
    index('reminders_pending_idx')
      .on(t.fireAt)
      .where(sql`state = 'pending'`),
    // Replay of the event stream.
    uniqueIndex('reminders_event_idx').on(t.userId, t.eventId),
  ],
);

// ---- activity log: every task change, written in the same statement as the change ----
export const surfaceEnum = pgEnum('activity_surface', SURFACES);
export const activityActionEnum = pgEnum('activity_action', ACTIVITY_ACTIONS);

/** Rows undo may still pick: not undone yet, and not an undo itself (so "undo" twice goes two steps back). */
const undoable = sql`undone_by is null and not is_undo`;

export const taskActivity = pgTable(
  'task_activity',
  {
    // Increases with every change: the order of undo and the event id of the live-update stream.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // One REST request, MCP tool call or chat turn (a bulk change is one too): what one undo reverts.
    groupId: uuid('group_id').notNull(),
    surface: surfaceEnum('surface').notNull(),
    // Chat only. No foreign key: the log outlives a deleted conversation.
    conversationId: uuid('conversation_id'),
    taskNumber: integer('task_number').notNull(),
    action: activityActionEnum('action').notNull(),
    // The task in its API shape (without user_id) before and after; null before a create, after a delete.
    before: jsonb('before'),
    after: jsonb('after'),
    isUndo: boolean('is_undo').notNull().default(false),
    // The group of the undo that reverted this row.
    undoneBy: uuid('undone_by'),
    createdAt: created(),
  },
  (t) => [
    // Keyset pages of GET /activity, newest first (a backward scan), optionally since an instant. Not declared
    // DESC: Drizzle writes DESC NULLS LAST, which an ORDER BY … DESC (nulls first) cannot use.
    index('task_activity_list_idx').on(t.userId, t.createdAt, t.id),
    // Replay of the event stream after a Last-Event-ID.
    index('task_activity_replay_idx').on(t.userId, t.id),
    // Undo loads whole groups.
    index('task_activity_group_idx').on(t.groupId),
    // Undo finds the latest undoable groups of a conversation, or of a user on a surface.
    index('task_activity_undoable_conversation_idx').on(t.conversationId, t.id).where(undoable),
    index('task_activity_undoable_surface_idx').on(t.userId, t.surface, t.id).where(undoable),
  ],
);

// ---- per-user settings ----
export const languageEnum = pgEnum('ui_language', LANGUAGES);

export const userSettings = pgTable('user_settings', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // IANA name, canonical spelling; null = not chosen (UTC).
  timeZone: text('time_zone'),
  language: languageEnum('language'),
  // The last task number handed out to this user. Task inserts bump it in the same statement; its row lock
  // serialises concurrent creates of one user, so numbers never collide.
  lastTaskNumber: integer('last_task_number').notNull().default(0),
  // How many tasks and conversations the user has: kept by statement triggers on those tables (drizzle/0012),
  // which also refuse a statement that takes a user past the quota its transaction announces.
  taskCount: integer('task_count').notNull().default(0),
  conversationCount: integer('conversation_count').notNull().default(0),
  updatedAt: updated(),
});

// ---- conversations ----
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  // Serves the keyset pages of the conversation list: (updated_at, id) descending within a user (backward scan).
  (t) => [index('conversations_list_idx').on(t.userId, t.updatedAt, t.id)],
);

export const messages = pgTable(
  'messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['user', 'assistant'] }).notNull(),
    content: text('content').notNull(),
    toolCalls: jsonb('tool_calls')
      .notNull()
      .default(sql`'[]'::jsonb`),
    // The user pressed Stop or left before the reply finished: content is what the model had produced by then.
    stopped: boolean('stopped').notNull().default(false),
    // The client's id of a user message (chat request turn_id): a resend after a lost answer finds the turn
    // instead of running it twice. Unique across users so two racing resends cannot both insert.
    turnId: uuid('turn_id'),
    createdAt: created(),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.id),
    uniqueIndex('messages_turn_key').on(t.turnId),
  ],
);

// ---- personal access tokens (MCP and API clients) ----
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // Only a SHA-256 of the token is stored; the token itself is shown once.
    tokenHash: text('token_hash').notNull(),
    // What the token may do (TOKEN_SCOPES in @todo/shared). Tokens from before scopes existed were sold as MCP
    // credentials, so they get what MCP needs and lose the REST access they never should have had.
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{mcp,tasks:read,tasks:write}'::text[]`),
    createdAt: created(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_idx').on(t.tokenHash),
    index('api_tokens_user_list_idx').on(t.userId, t.createdAt),
  ],
);

// ---- rate limits shared by every replica (auth/rate-limit.ts): one row per active key ----
export const rateLimits = pgTable(
  'rate_limits',
  {
    // e.g. `auth:ip:<address>`, `auth:account:<email>`, `mcp:<token id>`.
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    // End of the key's current window (its first hit + the window); a later hit starts the next one, and a
    // sweep deletes rows past it.
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('rate_limits_expires_idx').on(t.expiresAt)],
);

export const schema = {
  users,
  sessions,
  accounts,
  verifications,
  tasks,
  reminders,
  taskActivity,
  userSettings,
  conversations,
  messages,
  apiTokens,
  rateLimits,
};
