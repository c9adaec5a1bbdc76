import type { ToolCall } from '@todo/shared';
import { formatDue, parseDue } from './dates';
import type { TaskChange, TaskListResult, ToolTask } from '../tasks/tools';
import type { Agent, AgentReply, AgentTurn, HistoryMessage } from './types';

/*
 * The embedded local agent: deterministic natural language → task tool calls, so the app works with no
 * LLM at all. It uses the same bound tools as the OpenAI agent and the MCP server, and it is stateless:
 * a follow-up answer ("4") is resolved from the stored history, not from memory.
 */

export interface LocalAgentOptions {
  /** Clock for "tomorrow" and friends (tests pin it). */
  readonly now?: () => Date;
}

type Status = 'all' | 'pending' | 'completed';
type Action = { kind: 'complete' } | { kind: 'delete' } | { kind: 'rename'; title: string };

const HELP = [
  'I can manage your tasks. Try:',
  '- "Add a task to buy groceries" or "add call mom tomorrow high priority"',
  '- "Show me all my tasks", "What\'s pending?", "What have I completed?"',
  '- "Mark task 3 as complete" or "I finished buying groceries"',
  '- "Delete the meeting task" or "delete task 4"',
  '- "Change task 1 to \'Call mom tonight\'" or "rename buy milk to buy oat milk"',
].join('\n');

const STOPWORDS = new Set([
  'the',
  'a',
  'an',
  'my',
  'task',
  'tasks',
  'todo',
  'to',
  'do',
  'item',
  'one',
  'for',
  'of',
  'on',
  'with',
  'that',
  'this',
  'i',
]);

/** Crude stemmer: enough for "buying groceries" to match "Buy groceries". */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  return w;
}

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const keyWords = (s: string) =>
  words(s)
    .filter((w) => !STOPWORDS.has(w))
    .map(stem);
const normalized = (s: string) => words(s).join(' ');

/** Tasks whose title matches `phrase`: an exact title wins; otherwise every key word of one side is in the other. */
export function matchTasks(tasks: readonly ToolTask[], phrase: string): ToolTask[] {
  const exact = tasks.filter((t) => normalized(t.title) === normalized(phrase));
  if (exact.length > 0) return exact;
  const want = keyWords(phrase);
  if (want.length === 0) return [];
  const contains = (a: string[], b: string[]) => a.every((w) => b.includes(w));
  const full = tasks.filter((t) => contains(want, keyWords(t.title)));
  if (full.length > 0) return full;
  return tasks.filter((t) => {
    const title = keyWords(t.title);
    return title.length > 0 && contains(title, want);
  });
}

const unquote = (s: string) =>
  s
    .trim()
    .replace(/^["'“‘](.*)["'”’]$/s, '$1')
    .trim();
const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const cleanEnd = (s: string) =>
  s
    .replace(/[\s.!?,;]+$/u, '')
    .replace(/\s+please$/i, '')
    .trim();

/** "the meeting task" → "meeting". */
function titleRef(s: string): string {
  return unquote(
    cleanEnd(s)
      .replace(/^(?:the|my|a|an)\s+/i, '')
      .replace(/\s+(?:from|off|on)\s+(?:my|the)\s+(?:list|tasks?|todo(?: list)?)$/i, '')
      .replace(/\s+(?:task|todo|item|one)$/i, '')
      .replace(/^(?:task|todo|item)\s+(?:called|named)\s+/i, ''),
  );
}

/** An explicit task number: "task 3", "#3", "number 3", or a bare "3". */
function taskNumber(s: string): number | null {
  const m = /^(?:(?:the\s+)?(?:task|todo|item|number|no\.?)\s*)?#?(\d{1,10})$/i.exec(s.trim());
  return m ? Number(m[1]) : null;
}

function describeTask(t: ToolTask): string {
  const bits = [t.completed ? 'done' : 'pending'];
  if (t.priority !== 'medium') bits.push(`${t.priority} priority`);
  if (t.due_at) bits.push(`due ${formatDue(t.due_at)}`);
  if (t.tags.length) bits.push(t.tags.map((x) => `#${x}`).join(' '));
  return `- #${t.id} ${t.title} (${bits.join(', ')})`;
}

const ACTION_VERB: Record<Action['kind'], string> = {
  complete: 'mark as complete',
  delete: 'delete',
  rename: 'rename',
};

/** Runs one tool and records it like the OpenAI agent does. */
class Turn {
  readonly calls: ToolCall[] = [];
  constructor(private readonly turn: AgentTurn) {}

  async tool<R>(
    name: string,
    args: Record<string, unknown>,
  ): Promise<{ ok: true; result: R } | { ok: false; error: string }> {
    const id = `local_${this.calls.length + 1}`;
    this.turn.events.toolCall?.({ id, name, arguments: args });
    const outcome = await this.turn.tools.call(name, args);
    this.calls.push({ name, arguments: args, result: outcome.result });
    this.turn.events.toolResult?.({ id, name, result: outcome.result });
    return outcome.ok
      ? { ok: true, result: outcome.result as R }
      : { ok: false, error: outcome.error.message };
  }
}

export function createLocalAgent(opts: LocalAgentOptions = {}): Agent {
  const now = opts.now ?? (() => new Date());

  async function respond(turn: AgentTurn, t: Turn): Promise<string> {
    const text = turn.message.trim().replace(/\s+/g, ' ');
    const plain = cleanEnd(text);
    const lower = plain.toLowerCase();

    // A bare number answering "Which one should I …?" from the previous reply.
    const followUp = pendingAction(turn.history);
    const answered = taskNumber(plain);
    if (followUp && answered !== null) return act(t, followUp, { id: answered });

    if (/^(?:help|\?|commands|what can you do|how does this work|what do you do)\b/i.test(lower)) return HELP;
    if (
      /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|yo)\b/i.test(lower) &&
      lower.split(' ').length <= 3
    ) {
      return `Hi! ${HELP}`;
    }
    if (/^(?:thanks|thank you|thx|cheers)\b/i.test(lower))
      return "You're welcome! Anything else on your list?";

    let m: RegExpExecArray | null;

    // Update by number: "change task 1 to 'Call mom tonight'", "set task 2 priority to high", "move task 3 due friday".
    if (
      (m = /^(?:change|update|edit|rename|set|move|make)\s+(?:task\s*|#)(\d+)(?:'s)?\s+(.+)$/i.exec(plain))
    ) {
      return updateById(t, Number(m[1]), m[2]!);
    }
    // Rename by title: "rename buy milk to buy oat milk".
    if ((m = /^(?:rename|change|update|edit)\s+(.+?)\s+(?:to|into|as)\s+(.+)$/i.exec(plain))) {
      return byTitle(t, m[1]!, 'all', { kind: 'rename', title: unquote(m[2]!) });
    }
    // Complete: "mark task 3 as complete", "complete #3", "task 3 is done", "I finished buying groceries".
    if ((m = /^(?:task\s*|#)(\d+)\s+is\s+(?:done|complete|completed|finished)$/i.exec(plain))) {
      return act(t, { kind: 'complete' }, { id: Number(m[1]) });
    }
    if (
      (m =
        /^(?:please\s+)?(?:(?:i\s+(?:have\s+|just\s+|already\s+)*|i've\s+(?:just\s+|already\s+)?)(?:did|done|completed|finished|checked\s+off|ticked\s+off|crossed\s+off)|mark|complete|completed|finish|finished|check\s+off|tick\s+off|cross\s+off|done\s+with)\s+(.+)$/i.exec(
          plain,
        ))
    ) {
      const target = m[1]!.replace(/\s+(?:as\s+)?(?:done|complete|completed|finished)$/i, '').trim();
      const id = taskNumber(target);
      return id !== null
        ? act(t, { kind: 'complete' }, { id })
        : byTitle(t, target, 'pending', { kind: 'complete' });
    }
    // Delete: "delete the meeting task", "remove task 4".
    if (
      (m = /^(?:please\s+)?(?:delete|remove|erase|drop|cancel|get\s+rid\s+of|trash)\s+(.+)$/i.exec(plain))
    ) {
      const id = taskNumber(m[1]!.replace(/^the\s+/i, ''));
      return id !== null ? act(t, { kind: 'delete' }, { id }) : byTitle(t, m[1]!, 'all', { kind: 'delete' });
    }
    // List: "show me all my tasks", "what's pending?", "what have I completed?".
    if (
      /^(?:show|list|display|view|see|give me|what|what's|whats|which|do i have|how many|any|are there)\b/i.test(
        lower,
      ) ||
      /^(?:my\s+)?(?:tasks|todos|to-dos|pending|completed|done)(?:\s+tasks)?$/i.test(lower)
    ) {
      return list(t, listStatus(lower), searchTerm(plain));
    }
    // Add: "add a task to buy groceries", "I need to remember to pay bills", "remind me to …".
    const title = addTitle(plain);
    if (title !== null) return add(t, title);

    return `Sorry, I didn't understand "${plain}". ${HELP}`;
  }

  async function add(t: Turn, raw: string): Promise<string> {
    const args: Record<string, unknown> = {};
    let rest = raw;
    const tags = [...rest.matchAll(/(?:^|\s)#([\p{L}][\p{L}\p{N}_-]*)/gu)].map((x) => x[1]!.toLowerCase());
    if (tags.length) {
      args.tags = tags;
      rest = rest.replace(/(?:^|\s)#[\p{L}][\p{L}\p{N}_-]*/gu, ' ');
    }
    const prio =
      /\b(?:with\s+|at\s+|as\s+)?(?:(high|medium|low|top)[\s-]+priority|priority\s*[:=]?\s*(high|medium|low))\b|\b(urgent|urgently|asap|important)\b/i.exec(
        rest,
      );
    if (prio) {
      const word = (prio[1] ?? prio[2] ?? 'high').toLowerCase();
      args.priority = word === 'top' ? 'high' : word;
      rest = rest.slice(0, prio.index) + ' ' + rest.slice(prio.index + prio[0].length);
    }
    const due = parseDue(rest, now());
    if (due) {
      args.due_at = due.due.toISOString();
      rest = due.rest;
    }
    const title = capitalize(
      unquote(cleanEnd(rest.replace(/\s+/g, ' ').replace(/[\s,;:-]+(?:and|with)?$/i, ''))),
    );
    if (!title) return 'What should the task be called? For example: "add buy groceries tomorrow".';
    args.title = title;
    const r = await t.tool<TaskChange>('add_task', args);
    if (!r.ok) return `I couldn't add that task: ${r.error}.`;
    const extra = [
      args.priority && args.priority !== 'medium' ? `${String(args.priority)} priority` : null,
      args.due_at ? `due ${formatDue(String(args.due_at))}` : null,
      tags.length ? tags.map((x) => `#${x}`).join(' ') : null,
    ].filter(Boolean);
    return `Added task #${r.result.task_id} "${r.result.title}"${extra.length ? ` (${extra.join(', ')})` : ''}.`;
  }

  async function list(t: Turn, status: Status, q: string | undefined): Promise<string> {
    const args: Record<string, unknown> = { status };
    if (q) args.q = q;
    const r = await t.tool<TaskListResult>('list_tasks', args);
    if (!r.ok) return `I couldn't list your tasks: ${r.error}.`;
    const kind = status === 'all' ? '' : `${status} `;
    const about = q ? ` matching "${q}"` : '';
    if (r.result.count === 0) {
      return status === 'completed' && !q
        ? "You haven't completed any tasks yet."
        : `You have no ${kind}tasks${about}.`;
    }
    const n = r.result.count;
    const head = `You have ${r.result.truncated ? 'more than ' : ''}${n} ${kind}task${n === 1 ? '' : 's'}${about}:`;
    return [head, ...r.result.tasks.map(describeTask)].join('\n');
  }

  async function updateById(t: Turn, id: number, rest: string): Promise<string> {
    const patch: Record<string, unknown> = { task_id: id };
    let m: RegExpExecArray | null;
    if ((m = /^(?:priority\s+(?:to\s+)?|to\s+)?(high|medium|low)(?:\s+priority)?$/i.exec(rest))) {
      patch.priority = m[1]!.toLowerCase();
    } else if ((m = /^(?:due(?:\s+date)?\s+(?:to\s+)?|due\s+)(.+)$/i.exec(rest))) {
      const due = parseDue(m[1]!, now());
      if (!due)
        return `I couldn't read "${m[1]}" as a date. Try "tomorrow", "next friday at 5pm" or "2026-05-01".`;
      patch.due_at = due.due.toISOString();
    } else if ((m = /^(?:title\s+)?(?:to|into|as)\s+(.+)$/i.exec(rest))) {
      patch.title = unquote(m[1]!);
    } else {
      return `What should I change about task #${id}? For example: "change task ${id} to 'new title'" or "set task ${id} priority to high".`;
    }
    const r = await t.tool<TaskChange>('update_task', patch);
    if (!r.ok) return notFoundReply(id, r.error);
    if (patch.title) return `Updated task #${id}: it's now called "${r.result.title}".`;
    if (patch.priority)
      return `Updated task #${id} "${r.result.title}": priority is now ${String(patch.priority)}.`;
    return `Updated task #${id} "${r.result.title}": due ${formatDue(String(patch.due_at))}.`;
  }

  /** Finds the task a title refers to; acts when exactly one matches, asks otherwise. */
  async function byTitle(t: Turn, phrase: string, status: Status, action: Action): Promise<string> {
    const ref = titleRef(phrase);
    if (!ref) return HELP;
    const r = await t.tool<TaskListResult>('list_tasks', { status });
    if (!r.ok) return `I couldn't look up your tasks: ${r.error}.`;
    const found = matchTasks(r.result.tasks, ref);
    const kind = status === 'pending' ? 'pending ' : '';
    if (found.length === 0) {
      return `I couldn't find a ${kind}task matching "${ref}". Say "show my tasks" to see them all.`;
    }
    if (found.length > 1) {
      const verb = action.kind === 'rename' ? `rename to "${action.title}"` : ACTION_VERB[action.kind];
      return [
        `I found ${found.length} ${kind}tasks matching "${ref}":`,
        ...found.map(describeTask),
        `Which one should I ${verb}? Reply with its number.`,
      ].join('\n');
    }
    return act(t, action, found[0]!);
  }

  async function act(t: Turn, action: Action, task: { id: number }): Promise<string> {
    if (action.kind === 'complete') {
      const r = await t.tool<TaskChange>('complete_task', { task_id: task.id });
      return r.ok
        ? `Marked task #${task.id} "${r.result.title}" as complete. Nice work!`
        : notFoundReply(task.id, r.error);
    }
    if (action.kind === 'delete') {
      const r = await t.tool<TaskChange>('delete_task', { task_id: task.id });
      return r.ok ? `Deleted task #${task.id} "${r.result.title}".` : notFoundReply(task.id, r.error);
    }
    const r = await t.tool<TaskChange>('update_task', { task_id: task.id, title: action.title });
    return r.ok ? `Renamed task #${task.id} to "${r.result.title}".` : notFoundReply(task.id, r.error);
  }

  return {
    kind: 'local',
    // Only the last message matters (a pending "Which one should I …?"): no need to load a whole window.
    historyMessages: 1,
    async run(turn: AgentTurn): Promise<AgentReply> {
      const t = new Turn(turn);
      const response = await respond(turn, t);
      turn.events.delta?.(response);
      return { response, toolCalls: t.calls };
    },
  };
}

function notFoundReply(id: number, error: string): string {
  return /not found/i.test(error)
    ? `I couldn't find task #${id}. Say "show my tasks" to see your task numbers.`
    : `I couldn't do that: ${error}.`;
}

function listStatus(lower: string): Status {
  if (
    /\b(?:pending|open|to do|left|remaining|incomplete|unfinished|outstanding|not done|undone)\b/.test(lower)
  )
    return 'pending';
  if (/\b(?:completed?|done|finished|did i)\b/.test(lower)) return 'completed';
  return 'all';
}

/** "show tasks about groceries" → "groceries". */
function searchTerm(plain: string): string | undefined {
  const m = /\b(?:about|containing|matching|with|called|named|mentioning)\s+(.+)$/i.exec(plain);
  return m ? unquote(m[1]!) || undefined : undefined;
}

/** The task title of an "add" request, or null when the message is not one. */
function addTitle(plain: string): string | null {
  const patterns = [
    /^(?:please\s+)?(?:add|create|new|note)\s+(?:a\s+|an\s+)?(?:new\s+)?(?:(?:task|todo|to-do|item|reminder|note)\b)?\s*(?:to\s+|for\s+|called\s+|named\s+|that\s+says\s+|:\s*)?(.+?)(?:\s+to\s+(?:my\s+|the\s+)?(?:list|tasks|todo list|to-do list))?$/i,
    /^(?:i\s+(?:need|have|want|must|should|gotta|got)\s+to\s+)?(?:remember|remind\s+me)\s+(?:to\s+)?(.+)$/i,
    /^(?:please\s+)?(?:don't|do not)\s+(?:let\s+me\s+)?forget\s+(?:to\s+)?(.+)$/i,
    /^i\s+(?:need|have|must|should|gotta|got)\s+to\s+(.+)$/i,
    /^(?:todo|to-do|task)\s*[:-]\s*(.+)$/i,
  ];
  for (const re of patterns) {
    const m = re.exec(plain);
    if (m && m[1]!.trim()) return m[1]!.trim();
  }
  return null;
}

/** The action of a "Which one should I …?" question in the last assistant message, if that is what it asked. */
function pendingAction(history: readonly HistoryMessage[]): Action | null {
  const last = history.at(-1);
  if (last?.role !== 'assistant') return null;
  const m = /Which one should I (mark as complete|delete|rename to "(.*)")\? Reply with its number\.$/s.exec(
    last.content,
  );
  if (!m) return null;
  if (m[1] === 'delete') return { kind: 'delete' };
  if (m[1] === 'mark as complete') return { kind: 'complete' };
  return { kind: 'rename', title: m[2]! };
}
