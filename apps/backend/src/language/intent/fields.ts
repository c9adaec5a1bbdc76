import type { Priority } from '@todo/shared';
import { findDate, findRecurrence, parseDatePhrase } from '../index';
import { inZone, zoneOf } from '../zone';
import type { FoundDate, TimeContext } from '../types';
import { capitalize, unquote } from './normalize';
import type { DuePhrase, NewTask, RepeatPhrase } from './types';

/*
 * The parts of a task people say in one breath with its title: "#tags", priority cues, a note, a repeat rule and a
 * due date. Each extractor takes its phrase out of the text and hands back the rest, so what remains is the title.
 */

interface Taken<T> {
  readonly value: T | undefined;
  readonly rest: string;
}

/** Removes [index, index + length) and tidies the seam. */
export const cut = (text: string, index: number, length: number) =>
  tidy(`${text.slice(0, index)} ${text.slice(index + length)}`);

const tidy = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/(?:^[\s,;:-]+)|(?:[\s,;:-]+$)/g, '')
    .trim();

const TAG_WORD = String.raw`[\p{L}\p{N}][\p{L}\p{N}_-]{0,31}`;
// A tag has a letter in it: "invoice #42" and "room #3" are numbers.
const HASHTAG = new RegExp(String.raw`(?:^|\s)#(?=[\p{N}_-]*\p{L})(${TAG_WORD})`, 'gu');
// "tag it work", "tagged as home", "with tags work and home", "label: errands"
const TAG_PHRASE = new RegExp(
  String.raw`[\s,]*\b(?:and\s+)?(?:tag(?:ged)?|label(?:led|ed)?)\s*(?:it\s+|this\s+)?(?:as\s+|with\s+|under\s+)?(?:tags?\s+)?[:=]?\s*"?(${TAG_WORD}(?:\s*(?:,|and)\s*${TAG_WORD})*)"?\s*$|[\s,]*\bwith\s+(?:the\s+)?tags?\s+"?(${TAG_WORD}(?:\s*(?:,|and)\s*${TAG_WORD})*)"?\s*$|\s+under\s+(?!the\b|a\b|my\b|an\b)(${TAG_WORD})(?:\s+tag)?\s*$`,
  'iu',
);

export function takeTags(text: string): Taken<string[]> {
  const tags: string[] = [];
  let rest = text.replace(HASHTAG, (_m, tag: string) => {
    tags.push(tag.toLowerCase());
    return ' ';
  });
  const m = TAG_PHRASE.exec(rest);
  if (m) {
    for (const t of (m[1] ?? m[2] ?? m[3]!).split(/\s*(?:,|\band\b)\s*/i)) if (t) tags.push(t.toLowerCase());
    rest = rest.slice(0, m.index);
  }
  return { value: tags.length ? [...new Set(tags)] : undefined, rest: tidy(rest) };
}

/*
 * Priority cues. "urgent", "asap", "important", "critical" are cues only at the edges of the request
 * ("urgent: fix the server", "call the bank, it's important"); inside a title ("fix urgent bug") they are words.
 */
const HIGH_WORDS = String.raw`(?:urgent(?:ly)?|asap|a\.s\.a\.p|important|critical|top\s+priority|high\s+priority|high\s+prio|highest\s+priority|priority\s+high|p1|!!+)`;
const LOW_WORDS = String.raw`(?:low\s+priority|low\s+prio|priority\s+low|not\s+urgent|no\s+rush|whenever|someday|sometime|when(?:ever)?\s+i\s+(?:have|get|find)\s+(?:the\s+)?time|if\s+i\s+have\s+time|p3)`;
const MEDIUM_WORDS = String.raw`(?:medium\s+priority|normal\s+priority|priority\s+medium|priority\s+normal|p2)`;
const PRIORITY_EDGE = new RegExp(
  String.raw`(?:^|[\s,;(-]+)(?:(?:with|at|as|and|it'?s|this\s+is|it\s+is|is|mark(?:ed)?\s+(?:it\s+)?(?:as)?|make\s+it|set\s+(?:it\s+)?(?:to|as))\s+)*(?:(?:an?|the|very|super|really)\s+)*(${HIGH_WORDS}|${LOW_WORDS}|${MEDIUM_WORDS})[)!.]*\s*$`,
  'i',
);
const PRIORITY_LEAD = new RegExp(
  String.raw`^(${HIGH_WORDS}|${LOW_WORDS}|${MEDIUM_WORDS})[!.]*\s*[:,-]?\s+`,
  'i',
);
// "high priority" / "low priority" are cues anywhere: nobody titles a task with them.
const PRIORITY_ANYWHERE =
  /[\s,]*\b(?:with\s+|at\s+|as\s+)?(?:a\s+)?(high|low|medium|top|normal)[\s-]+priority\b/i;

export function priorityOf(word: string): Priority {
  const w = word.toLowerCase();
  if (/^(?:medium|normal|priority\s+(?:medium|normal)|p2)/.test(w)) return 'medium';
  if (new RegExp(`^${LOW_WORDS}$`, 'i').test(w) || /^low/.test(w)) return 'low';
  return 'high';
}

export function takePriority(text: string): Taken<Priority> {
  let m = PRIORITY_EDGE.exec(text);
  if (m) {
    // "renew the insurance asap its urgent": people stack cues; the last one said wins, the others go too.
    let rest = tidy(text.slice(0, m.index));
    for (let more = PRIORITY_EDGE.exec(rest); more && more.index > 0; more = PRIORITY_EDGE.exec(rest))
      rest = tidy(rest.slice(0, more.index));
    return { value: priorityOf(m[1]!), rest };
  }
  m = PRIORITY_LEAD.exec(text);
  if (m) return { value: priorityOf(m[1]!), rest: tidy(text.slice(m[0].length)) };
  m = PRIORITY_ANYWHERE.exec(text);
  if (m) return { value: priorityOf(m[1]!), rest: cut(text, m.index, m[0].length) };
  return { value: undefined, rest: text };
}

/** Whether the whole text is a priority cue ("urgent", "high priority", "low"). */
export function priorityPhrase(text: string): Priority | null {
  const t = text
    .trim()
    .replace(/^(?:a|an|the|to|be|have|has|as|of|at)\s+/i, '')
    .replace(/^(?:a|an)\s+/i, '')
    .replace(/[.!]+$/, '');
  if (new RegExp(`^(?:${HIGH_WORDS}|${LOW_WORDS}|${MEDIUM_WORDS})$`, 'i').test(t)) return priorityOf(t);
  const m =
    /^(?:(high|low|medium|normal|top)(?:\s+priority|\s+prio)?|priority\s+(?:to\s+|of\s+|=\s*|:\s*)?(high|low|medium|normal)|a\s+(?:top\s+)?priority|more\s+(?:important|urgent)|less\s+(?:important|urgent))$/i.exec(
      t,
    );
  if (!m) return null;
  const w = (m[1] ?? m[2] ?? t).toLowerCase();
  if (w === 'top' || w === 'high' || /^a\s/.test(w) || /^more/.test(w)) return 'high';
  if (w === 'low' || /^less/.test(w)) return 'low';
  return 'medium';
}

// "with a note: bring the receipts", "note - ask about parking", "(details: gate code 1234)"
const NOTE =
  /[\s,;(-]*\b(?:with\s+(?:a\s+|the\s+)?(?:note|notes|description|details?|comment)\s*(?:that\s+says\s+|saying\s+|[:=-]\s*|\s)|(?:and\s+)?(?:add\s+)?(?:a\s+)?(?:note|notes|description|details|comment)\s*(?:that\s+says\s+|saying\s+|[:=-]\s*))(.+?)\)?$/i;

export function takeNote(text: string): Taken<string> {
  const m = NOTE.exec(text);
  if (!m || m.index === 0) return { value: undefined, rest: text };
  return { value: unquote(m[1]!), rest: tidy(text.slice(0, m.index)) };
}

/** "…, starting saturday", "from the 1st": when a repeating task begins. */
const STARTING = /[\s,]+(?:starting|beginning|from|as\s+of)\s+(?:on\s+|from\s+)?(.+)$/i;

export function takeRepeat(text: string, ctx: TimeContext): Taken<RepeatPhrase> {
  const found = findRecurrence(text, ctx);
  if (!found) return { value: undefined, rest: text };
  const rest = cut(text, found.index, found.length);
  // "water the ficus every two weeks starting saturday": the rule counts from that day, not from today.
  const start = STARTING.exec(rest);
  const from = start && parseDatePhrase(start[1]!, ctx);
  if (start && from && from.at >= ctx.now) {
    const dayStart = inZone(from.at, zoneOf(ctx)).startOf('day').toJSDate();
    const later = findRecurrence(text, { ...ctx, now: dayStart });
    if (later)
      return {
        value: { rrule: later.rrule, summary: later.summary, first: later.first },
        rest: tidy(rest.slice(0, start.index)),
      };
  }
  return { value: { rrule: found.rrule, summary: found.summary, first: found.first }, rest };
}

/** A weekday used as an adjective ("the sunday school lesson", "the second saturday of the month") is no date. */
const DATE_FOLLOWERS =
  /^(?:at|by|in|and|to|with|for|morning|afternoon|evening|night|noon|before|after|or|then|please|#.*)$/i;
const WEEKDAY_IN_NAME = /(?:\b(?:the|a|an|every|first|second|third|fourth|last|other)\s+)$/i;
const BARE_DAY =
  /^(?:(?:for|on)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?$/i;
const BARE_MONTH =
  /^(?:(?:in|for)\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)$/i;
/** "fri 10am": a short weekday right before a time (the date parser wants the full name there). */
const SHORT_DAY_BEFORE_TIME =
  /\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b(?=\s+(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm)\b)/gi;
const FULL_DAY: Readonly<Record<string, string>> = {
  mon: 'monday',
  tue: 'tuesday',
  tues: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  thur: 'thursday',
  thurs: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
};

/**
 * The due date in a task's words, when it is one: what the date parser finds, less the readings people would not
 * mean — a weekday or month inside a name ("Friday Night Lights", "the March on Washington", "the sunday school
 * lesson") — and with "evening"/"morning" that belong to the title ("parents evening on 24 june") left in it.
 */
function dueIn(text: string, ctx: TimeContext): FoundDate | null {
  const found = findDate(text, ctx);
  if (!found) return null;
  const lead = /^(morning|afternoon|evening|night)\s+(?=(?:on|at|by)\s)/i.exec(found.text);
  if (lead) {
    const after = found.index + lead[0].length;
    const rest = findDate(text.slice(after), ctx);
    return rest ? { ...rest, index: rest.index + after } : null;
  }
  const phrase = found.text.trim();
  const before = text.slice(0, found.index);
  const next = /^\s*(\S+)/u.exec(text.slice(found.index + found.length))?.[1];
  const capitalised = /^[A-Z]/.test(phrase.replace(/^(?:for|on|in)\s+/i, ''));
  if (BARE_DAY.test(phrase) || BARE_MONTH.test(phrase)) {
    if (WEEKDAY_IN_NAME.test(before)) return null;
    if (capitalised && next && /^[A-Z]/.test(next)) return null; // a name: "Friday Night Lights"
    if (BARE_DAY.test(phrase) && next && !DATE_FOLLOWERS.test(next) && /^(?:for|on)?\s*\S+day$/i.test(phrase))
      return null;
    if (BARE_MONTH.test(phrase) && /\bthe\s+$/i.test(before)) return null;
  }
  return found;
}

export function takeDue(text: string, ctx: TimeContext): Taken<DuePhrase> {
  const expanded = text.replace(SHORT_DAY_BEFORE_TIME, (d) => FULL_DAY[d.toLowerCase()] ?? d);
  const found = dueIn(expanded, ctx);
  if (!found) return { value: undefined, rest: text };
  return {
    value: { at: found.at, hasTime: found.hasTime, text: found.text.trim() },
    rest: cut(expanded, found.index, found.length),
  };
}

/** "a task to", "new todo called", "reminder:" — the words before a title that only say "this is a task". */
const TITLE_LEAD =
  /^(?:(?:a|an|the|one|another|new|quick)\s+)*(?:(?:task|todo|to-do|to do|item|reminder|entry|note)s?\s*(?:(?:to|for|called|named|titled|saying|that\s+says|about|:|-)\s*)?)?(?:(?:to|that\s+i\s+(?:need|have|want)\s+to|i\s+(?:need|have|want)\s+to|me\s+to)\s+)?/i;
const TITLE_TAIL =
  /\s*(?:(?:to|on|in|onto|into)\s+(?:my|the)\s+(?:todo\s+|to-do\s+|to\s+do\s+|task\s+)?(?:list|tasks|todos|to-dos|agenda|plan)|as\s+(?:a\s+)?(?:new\s+)?(?:task|todo|to-do|reminder)|(?:to|on)\s+(?:my\s+)?(?:list|tasks))$/i;

/** The title left after the fields are taken: without "a task to…", quotes, trailing punctuation; capitalised. */
export function cleanTitle(text: string): string {
  let t = tidy(text);
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = tidy(t.replace(TITLE_LEAD, '').replace(TITLE_TAIL, ''));
    t = unquote(t.replace(/[.!?]+$/, ''));
    if (t === before) break;
  }
  return capitalize(t);
}

/**
 * One task from what follows "add": title plus every field said with it. Null when no title is left
 * ("add tomorrow"). The order matters: a note may contain anything, so it is cut first; a repeat rule before
 * the due date, because "every monday" also reads as a date.
 */
export function parseNewTask(body: string, ctx: TimeContext): NewTask | null {
  // 'add "send invoice #42" for monday': words in double quotes are the title as written (a # in them is no tag),
  // when everything around them is a field.
  const quoted = QUOTED.exec(body);
  if (quoted) {
    const start = quoted[1]!.length;
    const around = readTask(cut(body, start, quoted[2]!.length + 2), ctx);
    const title = capitalize(tidy(quoted[2]!));
    if (title && !around.title) return { ...around, title };
  }
  const task = readTask(body, ctx);
  return task.title ? task : null;
}

/** One double-quoted stretch, the only one in the text. */
const QUOTED = /^([^"]*)"([^"]+)"[^"]*$/;

/** The title (maybe empty) and every field said with it. */
function readTask(body: string, ctx: TimeContext): NewTask {
  const note = takeNote(body);
  const tags = takeTags(note.rest);
  const priority = takePriority(tags.rest);
  let repeat = takeRepeat(priority.rest, ctx);
  let due = repeat.value ? { value: undefined, rest: repeat.rest } : takeDue(repeat.rest, ctx);
  // "daily standup at 9:30am": a frequency word heading the title with a time said later is the rule, at that
  // time; the word stays in the title ("weekly groceries", with no time, stays a one-off).
  const adverb = /^(daily|weekly|monthly|yearly|annually|fortnightly)\s+\S/i.exec(priority.rest);
  if (!repeat.value && adverb && due.value?.hasTime) {
    const rule = takeRepeat(`${adverb[1]} ${due.value.text}`, ctx);
    if (rule.value && !rule.rest) {
      repeat = { value: rule.value, rest: due.rest };
      due = { value: undefined, rest: due.rest };
    }
  }
  // A priority cue may sit before the date ("call mom urgent tomorrow"): look again once the date is out.
  const late = priority.value ? { value: undefined, rest: due.rest } : takePriority(due.rest);
  const p = priority.value ?? late.value;
  return {
    title: cleanTitle(late.rest),
    ...(note.value ? { description: note.value } : {}),
    ...(p ? { priority: p } : {}),
    ...(tags.value ? { tags: tags.value } : {}),
    ...(due.value ? { due: due.value } : {}),
    ...(repeat.value ? { repeat: repeat.value } : {}),
  };
}
