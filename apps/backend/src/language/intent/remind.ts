import { Duration } from 'luxon';
import { findDate, parseDatePhrase } from '../index';
import type { TimeContext } from '../types';
import { cleanTitle, cut } from './fields';
import { countWord } from './normalize';
import { parseTarget } from './target';
import type { DuePhrase, Intent, ReminderRule, Target } from './types';

/*
 * Reminder requests: a lead time before a task ("ping me an hour before the dentist"), a reminder at a time on
 * a task that exists ("remind me about the report tomorrow at 9"), stopping them ("no reminders for the gym
 * task") and snoozing ("snooze it 10 minutes", "remind me again in an hour"). "remind me to <new task> <when>"
 * stays an add (parse.ts) and gets its reminder from `reminderFor`.
 */

/** "PT0S": the reminder fires when the task is due. */
export const AT_DUE = 'PT0S';
/** A snooze without an amount ("snooze it"): the usual ten minutes of an alarm clock. */
export const SNOOZE_DEFAULT_MINUTES = 10;
/** The task tools refuse a longer lead time (30 days) or snooze (a week). */
const LEAD_MAX = Duration.fromObject({ days: 30 });
const SNOOZE_MAX_MINUTES = 7 * 24 * 60;

const UNIT = String.raw`(?:minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w)`;
const COUNT = String.raw`(?:\d{1,4}(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few|fifteen|twenty|thirty|forty[\s-]?five|ninety)`;
/** An amount of time as people type it: "10 minutes", "10min", "an hour", "half an hour", "2 days". */
export const AMOUNT = String.raw`(?:half\s+an?\s+hour|an?\s+hour\s+and\s+a\s+half|${COUNT}\s*-?\s*${UNIT}|the\s+day)`;

const EXTRA_COUNTS: Readonly<Record<string, number>> = {
  few: 3,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  'forty five': 45,
  fortyfive: 45,
  ninety: 90,
};

/** "10 minutes", "an hour", "half an hour", "the day" → a duration; null when it is not an amount of time. */
export function parseAmount(text: string): Duration | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^half an? hour$/.test(t)) return Duration.fromObject({ minutes: 30 });
  if (/^an? hour and a half$/.test(t)) return Duration.fromObject({ minutes: 90 });
  if (t === 'the day') return Duration.fromObject({ days: 1 });
  const m = new RegExp(`^(${COUNT})\\s*-?\\s*(${UNIT})$`).exec(t);
  if (!m) return null;
  const word = m[1]!.replace(/^a\s+(?:couple\s+of|few)$/, (w) => (w.includes('couple') ? '2' : 'few'));
  const n = /^\d/.test(word)
    ? Number(word)
    : (countWord(word) ?? EXTRA_COUNTS[word.replace(/-/g, ' ')] ?? EXTRA_COUNTS[word]);
  if (n === undefined || !(n > 0)) return null;
  const unit = m[2]!;
  const minutes = /^m/.test(unit) ? n : /^h/.test(unit) ? n * 60 : /^d/.test(unit) ? n * 1440 : n * 10080;
  if (!Number.isInteger(minutes)) return null;
  // Kept in the unit it was said in, so the rule reads back the same ("PT1H", not "PT60M").
  if (/^(?:d|w)/.test(unit) && Number.isInteger(n))
    return Duration.fromObject(/^d/.test(unit) ? { days: n } : { weeks: n });
  if (/^h/.test(unit) && Number.isInteger(n)) return Duration.fromObject({ hours: n });
  return Duration.fromObject({ minutes });
}

/** A lead time as the tools take it ("PT10M"), or null when it is no amount or longer than allowed. */
export function leadTime(text: string): string | null {
  const d = parseAmount(text);
  if (!d || d.toMillis() > LEAD_MAX.toMillis()) return null;
  return d.toISO();
}

/** Minutes of a snooze amount, or null. */
export function snoozeMinutes(text: string): number | null {
  const d = parseAmount(text);
  if (!d) return null;
  const minutes = d.as('minutes');
  return minutes >= 1 && minutes <= SNOOZE_MAX_MINUTES ? minutes : null;
}

const BEFORE = String.raw`(?:before(?:hand)?|ahead(?:\s+of\s+time)?|earlier|in\s+advance|prior)`;
const AT_DUE_WORDS = String.raw`(?:at\s+the\s+(?:due\s+)?time|on\s+time|when\s+(?:it'?s|it\s+is|that'?s|they'?re)\s+due|at\s+that\s+time|right\s+then)`;
/** "…, 10 minutes before" at the end of a request: the lead time of the reminder it sets. */
const TRAILING_LEAD = new RegExp(
  String.raw`[\s,;]*(?:and\s+)?(?:(?:remind|ping|nudge|alert)\s+me\s+)?(${AMOUNT})\s+${BEFORE}(?:\s+(?:that|it|then))?$|[\s,;]*(?:and\s+)?(?:(?:remind|ping|nudge|alert)\s+me\s+)?${AT_DUE_WORDS}$`,
  'i',
);

/** Takes a trailing lead time off a request: "call mom at 5, 10 minutes before" → "PT10M" and "call mom at 5". */
export function takeLead(text: string): { lead: string | undefined; rest: string } {
  const m = TRAILING_LEAD.exec(text);
  if (!m || m.index === 0) return { lead: undefined, rest: text };
  const lead = m[1] ? leadTime(m[1]) : AT_DUE;
  return lead ? { lead, rest: text.slice(0, m.index).trim() } : { lead: undefined, rest: text };
}

/** The words people use for "remind me". */
const REMIND = String.raw`(?:remind|ping|nudge|alert|notify|warn|buzz)\s+me`;
/** "the dentist", "my flight": what a lead time is before. Empty means the task in context. */
const target = (phrase: string | undefined): Target | null =>
  phrase === undefined || !phrase.trim() || /^(?:it|that|this|then)$/i.test(phrase.trim())
    ? { kind: 'context', plural: false }
    : parseTarget(phrase.replace(/^(?:about|for|of)\s+/i, ''));

/** "my dentist appointment tomorrow": the task's name without the day said with it. */
function withoutDate(phrase: string | undefined, ctx: TimeContext): string | undefined {
  const found = phrase ? findDate(phrase, ctx) : null;
  return found && found.index > 0 ? cut(phrase!, found.index, found.length) : phrase;
}

/** Not a reminder about a task: "remind me what's due", "remind me of my tasks". */
const ABOUT_THE_LIST = /^(?:what|which|how|my\s+(?:tasks|todos?|list|agenda|plan|day)|the\s+list)\b/i;

const RULES: readonly ((s: string, ctx: TimeContext) => Intent | null)[] = [
  // ---- on the task's own day ----
  (s) => {
    // "remind me about the dentist on the morning of", "ping me the evening before my flight"
    const m =
      new RegExp(
        String.raw`^${REMIND}\s+(?:(?:about|of|for)\s+(.+?)\s+)?(?:on\s+)?the\s+(morning|day|evening|night)\s+(of|before)(?:\s+(?:it|that))?$`,
        'i',
      ).exec(s) ??
      new RegExp(
        String.raw`^${REMIND}\s+(?:on\s+)?the\s+(morning|day|evening|night)\s+(of|before)\s+(.+)$`,
        'i',
      ).exec(s);
    if (!m) return null;
    const [what, part, when] =
      m.length === 4 && /^(?:of|before)$/i.test(m[3] ?? '') ? [m[1], m[2]!, m[3]!] : [m[3], m[1]!, m[2]!];
    // "the day before" is a lead time of a day (below), kept as one.
    if (/^day$/i.test(part) && /^before$/i.test(when)) return null;
    const t = target(what);
    if (!t) return null;
    const evening = /^(?:evening|night)$/i.test(part);
    const days = /^before$/i.test(when) ? -1 : 0;
    return {
      type: 'update',
      target: t,
      changes: { remindOnDay: { days, minutes: evening ? 20 * 60 : 9 * 60 } },
    };
  },
  // ---- stop reminding ----
  (s) => {
    const m =
      /^(?:stop|quit)\s+(?:reminding|pinging|nagging|nudging|alerting)\s+me(?:\s+(?:about|of|for|to)\s+(.+?))?(?:\s+any\s*more)?$/i.exec(
        s,
      ) ??
      /^(?:don'?t|do\s+not|never)\s+(?:remind|ping|nudge|alert)\s+me(?:\s+(?:about|of|for)\s+(.+?))?(?:\s+any\s*more|\s+again)?$/i.exec(
        s,
      ) ??
      /^(?:no\s+(?:more\s+)?|turn\s+off\s+(?:the\s+|all\s+|any\s+)?|switch\s+off\s+(?:the\s+|all\s+)?|disable\s+(?:the\s+|all\s+)?|cancel\s+(?:the\s+|all\s+|my\s+)?|remove\s+(?:the\s+|all\s+)?|delete\s+(?:the\s+|all\s+)?|clear\s+(?:the\s+|all\s+)?|mute\s+(?:the\s+)?|drop\s+(?:the\s+)?)(?:reminders?|alerts?|notifications?|pings?|nudges?)(?:\s+(?:for|on|about|of|from)\s+(.+?))?(?:\s+any\s*more|\s+please)?$/i.exec(
        s,
      ) ??
      /^(?:turn|switch)\s+(?:the\s+)?(?:reminders?|alerts?|notifications?)\s+off(?:\s+(?:for|on)\s+(.+))?$/i.exec(
        s,
      ) ??
      // "remove the dentist reminder", "cancel my gym reminders", "turn off task 3's reminder"
      /^(?:remove|delete|cancel|clear|drop|disable|mute|kill|turn\s+off|switch\s+off)\s+(?:the\s+|my\s+|all\s+)?(.+?)(?:'s)?\s+(?:reminders?|alerts?|notifications?)$/i.exec(
        s,
      ) ??
      /^(.+?)\s+(?:doesn'?t|does\s+not|don'?t)\s+need\s+(?:a\s+|any\s+)?reminders?(?:\s+any\s*more)?$/i.exec(
        s,
      );
    if (!m) return null;
    const t = target(m[1]);
    return t ? { type: 'update', target: t, changes: { reminders: [] } } : null;
  },
  // ---- nothing to go on ----
  (s) =>
    new RegExp(String.raw`^(?:${REMIND}|set\s+(?:a|an)\s+(?:reminder|alarm))$`, 'i').test(s)
      ? { type: 'clarify', question: { kind: 'remind_what' } }
      : null,
  // ---- again at a time ----
  (s, ctx) => {
    // "remind me again tomorrow", "remind me about it again at 6pm": a reminder then, on the task in context.
    // "again in an hour" is a snooze (below).
    const m = new RegExp(
      String.raw`^${REMIND}(?:\s+about)?(?:\s+(it|that|this|the\s+.+?))?\s+again\s+(?!in\s|after\s)(.+)$`,
      'i',
    ).exec(s);
    const when = m && parseDatePhrase(m[2]!, ctx);
    const t = when && target(m[1]);
    if (!t || !when) return null;
    const at = { at: when.at, hasTime: when.hasTime, text: m[2]! };
    return { type: 'remind', target: t, at, task: { title: '' } };
  },
  // ---- snooze ----
  (s) => {
    const m =
      /^snooze\b\s*(.*)$/i.exec(s) ??
      new RegExp(String.raw`^${REMIND}(?:\s+about)?\s*(it|that|this)?\s+later$`, 'i').exec(s) ??
      new RegExp(
        String.raw`^(?:${REMIND}|tell\s+me)(?:\s+about)?\s*(.*?)\s+again\b\s*(?:(?:in|after)\s+)?(.*?)(?:\s+(?:from\s+now|later))?$`,
        'i',
      ).exec(s) ??
      new RegExp(String.raw`^(?:in|after)\s+(${AMOUNT}),?\s+(?:${REMIND}\s+)?again$`, 'i').exec(s);
    if (!m) return null;
    // The amount ends the request ("snooze it for 20 min", "again in an hour"); a bare number is minutes.
    const words = m.slice(1).join(' ').trim();
    const amount = new RegExp(
      String.raw`(?:^|\s)(?:(?:for|by|another|in)\s+)?(${AMOUNT}|\d{1,3})$`,
      'i',
    ).exec(words);
    const who = (amount ? words.slice(0, amount.index) : words)
      .replace(/(?:^|\s)(?:the\s+)?reminder(?:\s+(?:for|on|about|of))?(?=\s|$)/i, ' ')
      .replace(/^(?:about|for)\s+/i, '')
      .trim();
    // "snooze the dentist to friday", "snooze it 2 days": the task moves, which the update rules read.
    if (
      /\b(?:to|until|till|til|days?|weeks?|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i.test(
        who,
      )
    )
      return null;
    const minutes = !amount
      ? SNOOZE_DEFAULT_MINUTES
      : /^\d{1,3}$/.test(amount[1]!)
        ? Number(amount[1])
        : /\b(?:days?|d|weeks?|wks?|w)$/i.test(amount[1]!)
          ? null
          : snoozeMinutes(amount[1]!);
    if (!minutes || minutes > SNOOZE_MAX_MINUTES) return null;
    const t = target(who || undefined);
    return t ? { type: 'snooze', target: t, minutes } : null;
  },
  // ---- a lead time before a task ----
  (s, ctx) => {
    const lead =
      new RegExp(
        String.raw`^(?:(?:also|and)\s+)?(?:${REMIND}|(?:set|add|put|give\s+me)\s+(?:a\s+|an\s+)?(?:reminder|alert|heads[\s-]?up))(?:\s+(?:about|for|of)\s+(.+?))?\s+(?:(${AMOUNT})\s+${BEFORE}|${AT_DUE_WORDS})(?:\s+(?:of\s+|to\s+)?(.+))?$`,
        'i',
      ).exec(s) ??
      // "ping me when the laundry is due"
      new RegExp(String.raw`^${REMIND}\s+when\s+(.+?)\s+(?:is|are|'s)\s+due()()$`, 'i').exec(s);
    if (!lead) return null;
    const before = lead[2] ? leadTime(lead[2]) : AT_DUE;
    if (!before) return null;
    const t = target(withoutDate(lead[3] || lead[1], ctx));
    return t ? { type: 'update', target: t, changes: { addReminders: [{ before }] } } : null;
  },
  // ---- a new time for a task's reminder ----
  (s, ctx) => {
    // "change the dentist reminder to 30 minutes before", "move the reminder for task 2 to 6pm": the task's
    // reminders become that one.
    const m =
      /^(?:change|move|set|update|make|push|shift|put)\s+(?:the\s+|my\s+)?(?:reminders?\s+(?:for|on|of|about)\s+(.+?)|(.+?)(?:'s)?\s+reminders?)\s+(?:to|at|for)\s+(.+)$/i.exec(
        s,
      );
    if (!m) return null;
    const t = target(m[1] ?? m[2]);
    const lead = new RegExp(String.raw`^(${AMOUNT})\s+${BEFORE}$`, 'i').exec(m[3]!);
    const before = lead ? leadTime(lead[1]!) : null;
    const when = before ? null : parseDatePhrase(m[3]!, ctx);
    const rule: ReminderRule | null = before ? { before } : when ? { at: when.at } : null;
    if (!t) return null;
    return rule
      ? { type: 'update', target: t, changes: { reminders: [rule] } }
      : { type: 'clarify', question: { kind: 'which_reminder' } };
  },
  // ---- a reminder at a time, on a task that may exist ----
  (s, ctx) => {
    const m =
      new RegExp(String.raw`^${REMIND}\s+(?:about|of|regarding|re)\s+(.+)$`, 'i').exec(s) ??
      new RegExp(String.raw`^${REMIND}\s+(.+?)\s+(?:about|of|regarding)\s+(.+)$`, 'i').exec(s);
    if (!m) return null;
    // "remind me tomorrow at 9 about the report": the time first, then the task.
    const text = m[2] ? `${m[2]} ${m[1]}` : m[1]!;
    if (m[2] && !parseDatePhrase(m[1]!, ctx)) return null;
    if (ABOUT_THE_LIST.test(text)) return null;
    const found = findDate(text, ctx);
    const name = found ? cut(text, found.index, found.length) : text;
    const t = parseTarget(name);
    const title = cleanTitle(name);
    if (!t || !title) return null;
    const at: DuePhrase | undefined = found
      ? { at: found.at, hasTime: found.hasTime, text: found.text.trim() }
      : undefined;
    return {
      type: 'remind',
      target: t,
      ...(at ? { at } : {}),
      task: { title, ...(at ? { due: at, reminders: [{ before: AT_DUE }] } : {}) },
    };
  },
];

/** A change verb with "reminder" in it, not read above: never a change to the task itself. */
const REMINDER_CHANGE =
  /^(?:remove|delete|cancel|clear|drop|change|move|edit|update|set|push|shift|turn|switch|make|put)\b.*\breminders?\b/i;

/** A reminder request, or null when the clause is something else. */
export function parseReminder(s: string, ctx: TimeContext): Intent | null {
  for (const rule of RULES) {
    const intent = rule(s, ctx);
    if (intent) return intent;
  }
  // "delete the reminder thing for the dentist": not understood, and a delete or a move of the task would
  // be the worst reading of it.
  if (REMINDER_CHANGE.test(s) && !/^(?:set|make|put)\s+(?:a|an|me)\b/i.test(s))
    return { type: 'clarify', question: { kind: 'which_reminder' } };
  return null;
}

/** Words that ask for a reminder rather than only a task ("remind me to …", "set a reminder to …"). */
export const ASKS_REMINDER = /\b(?:remind(?:er)?|ping\s+me|nudge\s+me|alert\s+me|notify\s+me)\b/i;

/**
 * The reminder of a task added by "remind me to …": at its due time, or `lead` before it. A task without a due
 * time gets none (there is nothing to remind at); the reply asks when instead.
 */
export function reminderFor(hasDue: boolean, lead: string | undefined): ReminderRule[] | undefined {
  return hasDue ? [{ before: lead ?? AT_DUE }] : undefined;
}
