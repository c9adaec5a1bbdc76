import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DateTime, Duration, IANAZone } from 'luxon';
import { parse } from 'yaml';
import { z } from 'zod';
import { repeatKey } from './compare';

/*
 * The evaluation corpus: one YAML file per category under eval/corpus/. Loading validates every case
 * strictly (unknown keys are typos) and fails with the file and the case id in the message.
 */

const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const LOCAL_DATE_OR_MINUTE = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/;
const PRIORITY = z.enum(['low', 'medium', 'high']);

/** One value, or a list of values any of which is acceptable. */
const oneOrAny = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

const text = z.union([z.string(), z.number()]).transform(String);
const localDue = z.string().regex(LOCAL_DATE_OR_MINUTE, 'expected YYYY-MM-DD or YYYY-MM-DD HH:mm');

/**
 * A reminder rule: `at` a local minute in the case's zone, or `before` the due time as an ISO 8601 duration
 * ("PT0S" = when due, "PT10M", "P1D"); durations compare by length, so "PT60M" equals "PT1H".
 */
const reminderRule = z.union([
  z.strictObject({ at: z.string().regex(LOCAL_MINUTE, 'a reminder at must be YYYY-MM-DD HH:mm') }),
  z.strictObject({
    before: z.string().refine((d) => Duration.fromISO(d).isValid, 'before must be an ISO 8601 duration'),
  }),
]);

/** An RRULE body ("FREQ=WEEKLY;BYDAY=MO") the rrule package reads. */
const repeatRule = z
  .string()
  .min(1)
  .refine((r) => {
    try {
      repeatKey(r);
      return true;
    } catch {
      return false;
    }
  }, 'repeat must be an RRULE the rrule package reads, e.g. FREQ=WEEKLY;BYDAY=MO');

const setupTask = z.strictObject({
  title: text,
  description: z.string().optional(),
  priority: PRIORITY.optional(),
  tags: z.array(text).optional(),
  due: z.string().regex(LOCAL_MINUTE, 'setup due must be YYYY-MM-DD HH:mm').optional(),
  completed: z.boolean().optional(),
  reminders: z.array(reminderRule).optional(),
  /** An RRULE body: the task repeats (a due time is needed, as in the app). */
  repeat: repeatRule.optional(),
});

const expectedTask = z.strictObject({
  number: z.number().int().positive(),
  title: oneOrAny(text),
  description: oneOrAny(z.string()).optional(),
  priority: oneOrAny(PRIORITY).optional(),
  /** The exact set of tags (case-insensitive). */
  tags: z.array(text).optional(),
  /** null = no due date; a date checks the local day only; a date and time checks the local minute. */
  due: oneOrAny(localDue.nullable()).optional(),
  completed: z.boolean().optional(),
  /** The exact set of reminder rules (none when left out). */
  reminders: z.array(reminderRule).optional(),
  /** An RRULE body ("FREQ=WEEKLY;BYDAY=MO"), compared as a rule; left out = the task does not repeat. */
  repeat: repeatRule.optional(),
});

const replyCheck = z.strictObject({
  contains: z.array(text).optional(),
  any: z.array(text).min(1).optional(),
  not: z.array(text).optional(),
  script: z.literal('urdu').optional(),
});

const expectation = z
  .strictObject({
    tasks: z.array(expectedTask).optional(),
    unchanged: z.literal(true).optional(),
    asks: z.boolean().optional(),
    reply: replyCheck.optional(),
  })
  .refine((e) => (e.tasks === undefined) !== (e.unchanged === undefined), {
    message: 'expect needs exactly one of `tasks` or `unchanged: true`',
  })
  .refine((e) => new Set((e.tasks ?? []).map((t) => t.number)).size === (e.tasks ?? []).length, {
    message: 'expected task numbers must be unique',
  });

const scriptedCall = z.strictObject({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()),
});
/** One answer of the scripted model: tool calls, or the final text of a turn. */
const openaiStep = z
  .strictObject({ content: z.string().optional(), tool_calls: z.array(scriptedCall).optional() })
  .refine((s) => s.content !== undefined || s.tool_calls !== undefined, {
    message: 'an openai step needs content or tool_calls',
  });

const zone = z.string().refine((z) => IANAZone.isValidZone(z), { message: 'unknown IANA time zone' });
const now = z.string().regex(LOCAL_MINUTE, 'now must be YYYY-MM-DD HH:mm (local wall clock)');

const caseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase words joined by dashes'),
  zone: zone.optional(),
  now: now.optional(),
  setup: z.array(setupTask).optional(),
  history: z.array(text).optional(),
  say: text.pipe(z.string().min(1)),
  expect: expectation,
  /** Scripted answers of the fake OpenAI server, in order, across the history turns and `say`. */
  openai: z.array(openaiStep).min(1).optional(),
});

const fileSchema = z.strictObject({
  defaults: z.strictObject({ zone: zone.optional(), now: now.optional() }).optional(),
  cases: z.array(z.unknown()).min(1),
});

export type SetupTask = z.output<typeof setupTask>;
export type ReminderRuleText = z.output<typeof reminderRule>;
export type ExpectedTask = z.output<typeof expectedTask>;
export type ReplyCheck = z.output<typeof replyCheck>;
export type Expectation = z.output<typeof expectation>;
export type OpenAIStep = z.output<typeof openaiStep>;

export interface EvalCase {
  readonly id: string;
  /** The file's name without .yaml. */
  readonly category: string;
  readonly file: string;
  readonly zone: string;
  /** The case's "now" as a local wall clock in `zone`. */
  readonly now: DateTime;
  readonly setup: readonly SetupTask[];
  readonly history: readonly string[];
  readonly say: string;
  readonly expect: Expectation;
  readonly openai?: readonly OpenAIStep[];
}

export class CorpusError extends Error {
  override name = 'CorpusError';
}

const DEFAULT_ZONE = 'UTC';

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`).join('; ');
}

/** A local wall clock "YYYY-MM-DD HH:mm" in `zone` as a luxon DateTime (throws on a time that does not exist). */
export function localTime(value: string, zone: string): DateTime {
  const dt = DateTime.fromFormat(value, 'yyyy-MM-dd HH:mm', { zone });
  if (!dt.isValid || dt.toFormat('yyyy-MM-dd HH:mm') !== value) {
    throw new CorpusError(`"${value}" is not a valid local time in ${zone}`);
  }
  return dt;
}

/** Parses one corpus file's text; `file` names it in errors. */
export function parseCorpusFile(source: string, file: string): EvalCase[] {
  const category = basename(file).replace(/\.ya?ml$/, '');
  let doc: unknown;
  try {
    doc = parse(source);
  } catch (err) {
    throw new CorpusError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  const top = fileSchema.safeParse(doc);
  if (!top.success) throw new CorpusError(`${file}: ${issues(top.error)}`);
  const defaults = top.data.defaults ?? {};
  return top.data.cases.map((raw, index) => {
    const rawId = (raw as { id?: unknown } | null)?.id;
    const name = typeof rawId === 'string' ? `case "${rawId}"` : `case #${index + 1} (no id)`;
    const parsed = caseSchema.safeParse(raw);
    if (!parsed.success) throw new CorpusError(`${file}: ${name}: ${issues(parsed.error)}`);
    const c = parsed.data;
    const caseZone = c.zone ?? defaults.zone ?? DEFAULT_ZONE;
    const nowText = c.now ?? defaults.now;
    if (!nowText) throw new CorpusError(`${file}: ${name}: no \`now\` (set it on the case or in defaults)`);
    try {
      const caseNow = localTime(nowText, caseZone);
      for (const t of c.setup ?? []) {
        if (t.due) localTime(t.due, caseZone);
        for (const r of t.reminders ?? []) if ('at' in r) localTime(r.at, caseZone);
      }
      return {
        id: c.id,
        category,
        file,
        zone: caseZone,
        now: caseNow,
        setup: c.setup ?? [],
        history: c.history ?? [],
        say: c.say,
        expect: c.expect,
        ...(c.openai ? { openai: c.openai } : {}),
      };
    } catch (err) {
      throw new CorpusError(`${file}: ${name}: ${(err as Error).message}`);
    }
  });
}

/** Every case of every *.yaml file in `dir`, in file-name order; ids must be unique across files. */
export function loadCorpus(dir: string): EvalCase[] {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  if (files.length === 0) throw new CorpusError(`${dir}: no corpus files (*.yaml)`);
  const seen = new Map<string, string>();
  const cases: EvalCase[] = [];
  for (const f of files) {
    const file = join(dir, f);
    for (const c of parseCorpusFile(readFileSync(file, 'utf8'), file)) {
      const first = seen.get(c.id);
      if (first) throw new CorpusError(`${file}: case "${c.id}": duplicate id (first in ${first})`);
      seen.set(c.id, file);
      cases.push(c);
    }
  }
  return cases;
}
