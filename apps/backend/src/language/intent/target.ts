import { countWord, ORDINALS, unquote } from './normalize';
import type { DueWindow, Filter, PartOfDay, Target } from './types';

/*
 * Which task(s) a phrase points at: numbers, "it"/"them", "the first one", a set ("all completed tasks"), or words
 * of a title. Only the shape is read here; the executor matches titles against the user's tasks.
 */

const NUMBER_LIST =
  /^(?:(?:the\s+)?(?:tasks?|todos?|items?|numbers?|nos?\.?)\s*)?#?(\d{1,6})((?:\s*(?:,|&|\band\b|\bor\b)\s*(?:(?:tasks?|#)\s*)?#?\d{1,6})*)$/i;

const NUMBER_RANGE =
  /^(?:(?:the\s+)?(?:tasks?|todos?|items?|numbers?|nos?\.?)\s*)?#?(\d{1,6})\s*(?:-|–|to|through|thru|till|until)\s*#?(\d{1,6})$/i;
/** The longest range "1 to N" names; a longer one is more likely a slip than a request. */
const RANGE_MAX = 100;

/** "task 3", "#3", "3", "tasks 2, 4 and 5", "tasks 1 to 3" → their numbers. */
export function numbersIn(phrase: string): number[] | null {
  // "tasks 1 to 3", "2-5", "4 through 6": every number between, for a list of at most RANGE_MAX.
  const range = NUMBER_RANGE.exec(phrase.trim());
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    if (to > from && to - from < RANGE_MAX) return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const m = NUMBER_LIST.exec(phrase.trim());
  if (!m) return null;
  const more = [...(m[2] ?? '').matchAll(/\d{1,6}/g)].map((x) => Number(x[0]));
  return [...new Set([Number(m[1]), ...more])];
}

const CONTEXT_ONE =
  /^(?:it|that|this|that\s+one|this\s+one|that\s+task|this\s+task|the\s+task|the\s+same\s+(?:one|task)|the\s+one\s+i\s+(?:just\s+)?(?:added|created|made|mentioned)|the\s+(?:last|latest|newest)\s+(?:task\s+)?(?:i\s+)?(?:added|created|made)|what\s+i\s+just\s+added|the\s+new\s+(?:one|task))$/i;
const CONTEXT_MANY =
  /^(?:them|those|these|both|both\s+of\s+(?:them|those|these)|all\s+of\s+(?:them|those|these)|those\s+tasks|these\s+tasks|them\s+all|all\s+those|all\s+these|those\s+ones)$/i;
const ORDINAL =
  /^(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|last|final)(?:\s+(?:one|task|item|todo))?(?:\s+(?:on\s+the\s+list|in\s+the\s+list|you\s+(?:listed|showed|mentioned)))?$/i;

/** "the first two", "the last 3", "the top three": several in a row of what was just listed. */
const ORDINAL_SPAN =
  /^(?:the\s+)?(first|top|last|bottom)\s+(\w+)(?:\s+(?:ones|tasks|items|todos|on\s+the\s+list|in\s+the\s+list|you\s+(?:listed|showed|mentioned)))?$/i;

const DONE = String.raw`(?:completed|complete|done|finished|checked(?:\s+off)?|ticked(?:\s+off)?)`;
const PENDING = String.raw`(?:pending|open|incomplete|unfinished|outstanding|remaining|active|undone|not\s+done)`;

/** The words after "all"/"every" that name a set of tasks, or null when the phrase is not a set. */
export function setFilter(phrase: string): Filter | null {
  let p = phrase
    .trim()
    .toLowerCase()
    .replace(/^(?:the\s+|my\s+)+/, '');
  const all = /^(?:all|every|each|everything|any)\b/.test(p);
  if (
    !all &&
    !/^(?:my\s+)?(?:completed|done|finished|overdue|late|past\s+due)\s+(?:tasks|todos|items|ones)$/.test(p)
  )
    return null;
  p = p
    .replace(/^(?:all|every|each|any)(?:\s+of)?\s*/, '')
    .replace(/^(?:the|my)\s+/, '')
    .trim();
  const filter: { -readonly [K in keyof Filter]: Filter[K] } = {};
  let m: RegExpExecArray | null;
  if (
    new RegExp(`^${DONE}\\b`).test(p) ||
    new RegExp(`\\b(?:that\\s+are|that\\s+is|i'?ve|i\\s+have)\\s+${DONE}$`).test(p)
  )
    filter.status = 'completed';
  else if (new RegExp(`^${PENDING}\\b`).test(p)) filter.status = 'pending';
  if (/^(?:overdue|late|past[\s-]+due|missed)\b|\b(?:that\s+are\s+)?(?:overdue|late|past\s+due)$/.test(p))
    filter.due = 'overdue';
  if ((m = /^(high|low|medium)[\s-]+priority\b|\b(?:with\s+)?(high|low|medium)\s+priority$/.exec(p)))
    filter.priority = (m[1] ?? m[2]) as Filter['priority'];
  if (
    (m = /\b(?:tagged|tagged\s+as|with\s+(?:the\s+)?tag|labell?ed|under)\s+#?([\p{L}\p{N}_-]+)/u.exec(p)) ||
    (m = /#([\p{L}\p{N}_-]+)/u.exec(p))
  )
    filter.tag = m[1]!;
  if (
    (m = /\b(?:due|for|on)\s+(today|tomorrow|this\s+week|next\s+week)\b/.exec(p)) ||
    (m = /^(today|tomorrow)'?s?\b/.exec(p))
  )
    filter.due = m[1]!.replace(/\s+/, '_') as DueWindow;
  if (
    (m = /\b(?:about|with|containing|mentioning|named|called|for)\s+(.+)$/.exec(p)) &&
    !filter.tag &&
    !/^(?:the\s+)?tag\b/.test(m[1]!) &&
    !/^(?:today|tomorrow|this\s+week|next\s+week)$/.test(m[1]!)
  )
    filter.text = m[1]!;
  // "all work tasks": a word before "tasks" is a tag or a topic; the executor decides which.
  if (
    (m = /^([\p{L}\p{N}_-]+)\s+(?:tasks?|todos?|items?|ones)$/u.exec(p)) &&
    !/^(?:completed|complete|done|finished|pending|open|overdue|late|my|the|of|other|remaining)$/.test(m[1]!)
  )
    filter.tag = m[1]!;
  if (
    /^(?:tasks|todos|items|things|of\s+them|everything|the\s+tasks|my\s+tasks|ones)?$/.test(p) ||
    p === 'thing'
  ) {
    filter.status ??= 'all';
  }
  if (phrase.trim().toLowerCase().startsWith('everything') && !Object.keys(filter).length)
    filter.status = 'all';
  return Object.keys(filter).length ? filter : all ? { status: 'all', text: p } : null;
}

const RANKED =
  /^(?:the\s+|my\s+)?(important|urgent|high[\s-]+priority|top[\s-]+priority|low[\s-]+priority)\s+(?:stuff|ones|things|tasks|items|todos)$/i;
const PLURAL_HINT = /^(?:my|the|all\s+(?:my|the))\s+.+s$/i;
const PART_OF_DAY = /\b(morning|afternoon|evening)\b/i;

/** A phrase naming the task(s) a change is about. */
export function parseTarget(phrase: string): Target | null {
  const raw = phrase
    .trim()
    .replace(/[.!?]+$/, '')
    .trim();
  if (!raw) return null;
  const numbers = numbersIn(raw.replace(/^(?:the|my)\s+/i, ''));
  if (numbers) return { kind: 'numbers', numbers };
  if (CONTEXT_ONE.test(raw)) return { kind: 'context', plural: false };
  // "it, not actually sent yet": what follows the pronoun is a remark, not part of the name.
  const lead = /^(it|that|this(?:\s+one)?|that\s+one|them|those)\s*[,;:–-]\s*\S/i.exec(raw);
  if (lead) return { kind: 'context', plural: /^(?:them|those)$/i.test(lead[1]!) };
  if (CONTEXT_MANY.test(raw)) return { kind: 'context', plural: true };
  const ord = ORDINAL.exec(raw);
  if (ord) return { kind: 'ordinal', index: ORDINALS[ord[1]!.toLowerCase()]! };
  const span = ORDINAL_SPAN.exec(raw);
  const count = span ? countWord(span[2]!) : null;
  if (span && count !== null && count >= 1 && count <= 20) {
    const fromEnd = /^(?:last|bottom)$/i.test(span[1]!);
    return { kind: 'ordinal', index: fromEnd ? -count : 0, count };
  }
  const set = setFilter(raw);
  if (set) return { kind: 'set', filter: set };
  // "my shopping list": the tasks tagged so (a task titled "Shopping list" when there is no such tag).
  const list = /^(?:my|the)\s+([\p{L}\p{N}_-]+)\s+list$/iu.exec(raw);
  if (list && !/^(?:to-?do|task|whole|entire|full)$/i.test(list[1]!))
    return { kind: 'set', filter: { status: 'all', tag: list[1]!.toLowerCase(), tagOnly: true } };
  // "the important stuff", "my urgent ones": a priority names a set, however few tasks it holds today.
  const ranked = RANKED.exec(raw);
  if (ranked)
    return {
      kind: 'set',
      filter: { status: 'pending', priority: /^low/i.test(ranked[1]!) ? 'low' : 'high' },
    };
  const quoted = /^(["'`])(.+)\1$/.exec(raw);
  if (quoted) return { kind: 'title', text: quoted[2]!.trim(), quoted: true, plural: false };
  const text = unquote(
    raw
      .replace(/^(?:the|my|a|an|this|that)\s+/i, '')
      .replace(/^(?:task|todo|to-do|item|one)\s+(?:called|named|titled|about|for|to)\s+/i, '')
      .replace(/^(?:task|todo|to-do|item)\s*:\s*/i, '')
      .replace(/\s+(?:task|todo|to-do|item|one|thing|stuff)s?$/i, (m) =>
        /(?:s|stuff)$/i.test(m.trim()) ? ' __plural__' : '',
      )
      .replace(/\s+(?:from|off|on|in)\s+(?:my|the)\s+(?:list|tasks?|todo(?:\s+list)?|to-do\s+list)$/i, ''),
  );
  const plural = / __plural__$/.test(text) || PLURAL_HINT.test(raw);
  const clean = text.replace(/ __plural__$/, '').trim();
  if (!clean || countWord(clean) !== null || /^(?:task|#)\s*\d/i.test(clean)) return null;
  return { kind: 'title', text: clean, quoted: false, plural };
}

/** "my morning meetings" → the part of day it names, and the words without it. */
export function partOfDayIn(text: string): { part?: PartOfDay; rest: string } {
  const m = PART_OF_DAY.exec(text);
  if (!m) return { rest: text };
  return {
    part: m[1]!.toLowerCase() as PartOfDay,
    rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim(),
  };
}
