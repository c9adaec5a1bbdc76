/*
 * Date phrases in free text and alone, read with chrono-node and resolved as wall-clock times in the user's zone.
 *
 * chrono finds the phrases; this module decides which ones are confidently dates (a task title keeps "sat exam prep"
 * and "march band practice") and what time a vague phrase means. chrono is handed only the zone's offset at "now"
 * (its timezone option takes offsets, not IANA names), so its answer is read as a calendar day plus time and turned
 * into an instant here with luxon, with the offset of that day: "next monday 9am" across a DST change is 9 am.
 *
 * Cost (tsx loop, 3,000 calls over chat-like lines, 2-core dev machine): findDate ≈ 145 µs, parseDatePhrase ≈ 100 µs,
 * nearly all of it chrono's own parsing. The parser is configured once, in ./chrono.
 */
import type { ParsedResult } from 'chrono-node';
import type { DateTime } from 'luxon';
import { TAG, dateParser, daysToFriday } from './chrono';
import { DEFAULT_MINUTES, PART_OF_DAY, bareHour } from './time-of-day';
import type { FoundDate, TimeContext } from './types';
import { dayNumber, fromWallClock, inZone, zoneOf } from './zone';

interface Resolved {
  readonly at: Date;
  readonly hasTime: boolean;
}

const LAST_MINUTE = 23 * 60 + 59;
const MINUTE_MS = 60_000;

/** Words before a phrase that belong to it ("due friday", "by noon", "due on the 15th"). */
const LEADING_PREPOSITION =
  /(?:(?<!\b(?:the|a|my)\s+)\bfirst\s+thing\s+(?:on\s+)?|\b(?:(?:due|by|on|at|before|for|until|in(?:\s+the)?|sometime|some\s+time|someday)\s+){1,2})$/i;
/** A weekday written out in full; abbreviations ("sat", "sun", "wed") are also ordinary words. */
const FULL_WEEKDAY = /\b(?:sun|mon|tues|wednes|thurs|fri|satur)day\b/i;
const WEEKDAY_WORD =
  /\b(?:sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?|weekend|weekday)\b/i;
/** Before a short weekday, a month alone or a part of day, one of these makes it a date and not a word. */
const DATE_CUE = /\b(?:on|by|due|until|till|before|this|next|in|at|in\s+the|by\s+the|the)\s+$/i;
/** A month without a day needs a real cue: after "the" it names something ("the March 2025 expense claims"). */
const MONTH_CUE = /\b(?:on|by|due|until|till|before|this|next|in|at|for)\s+(?:the\s+)?$/i;
/** "the 7pm show", "a 9am meeting": a time used as an adjective before a noun belongs to the title. */
const ARTICLE_BEFORE = /\b(?:the|a|an)\s+$/i;
const NOUN_AFTER =
  /^\s+(?!(?:on|at|by|in|and|to|with|for|or|then|before|after|today|tonight|tomorrow|morning|afternoon|evening|night|sharp)\b)[a-z]/i;
/** Phrases pointing back in time are never a due date taken out of a title ("the guy I met yesterday"). */
const PAST = /\b(?:ago|last|past|yesterday|earlier)\b/i;
/** A number ending a date phrase and followed by a count noun is a quantity: "call may 5 times", "jan 3 essays". */
const QUANTITY_AFTER =
  /^\s+(?:times|dozen|cups?|gallons?|pounds?|lbs?|kg|oz|pieces?|packs?|boxes|[a-z]{2,}s)\b/i;
const FRACTION = /^\s*(?:1\/[2-8]|[2-7]\/[3-8])\s*$/;

function parse(text: string, ctx: TimeContext, local: DateTime): ParsedResult[] {
  return dateParser.parse(text, { instant: ctx.now, timezone: local.offset }, { forwardDate: true });
}

/** True when a phrase chrono found inside a title is a date beyond reasonable doubt. */
function confident(result: ParsedResult, text: string): boolean {
  const before = text.slice(0, result.index);
  const after = text.slice(result.index + result.text.length);
  const start = result.start;
  const tags = start.tags();
  const phrase = result.text.trim();
  const dated = start.isCertain('day') || start.isCertain('weekday') || start.isCertain('month');

  // "half past ten" is a clock time, not the past.
  const clockWords = /\b(?:half|quarter)\s+(?:past|after|to)\b/i.test(phrase);
  if ((PAST.test(phrase) && !clockWords) || tags.has('casualReference/yesterday')) return false;
  if (/^now$/i.test(phrase)) return false;
  // "march band practice", "may the force…": a month alone is a date only after a cue ("by march", "in may").
  if (tags.has('parser/ENMonthNameParser') && !start.isCertain('day') && !MONTH_CUE.test(before))
    return false;
  if (!dated && /^\d/.test(phrase) && ARTICLE_BEFORE.test(before) && NOUN_AFTER.test(after)) return false;
  // "sat exam prep", "buy sun cream", "weekend trip": short weekday words need a cue; full names stand alone.
  const weekday = WEEKDAY_WORD.exec(phrase);
  if (weekday && !start.isCertain('day') && !FULL_WEEKDAY.test(weekday[0])) {
    const lead = before + phrase.slice(0, weekday.index);
    if (!DATE_CUE.test(lead)) return false;
  }
  // "morning run", "midnight snack": a part of day alone needs a cue ("in the morning", "by noon", "this evening").
  if (!dated && !/\d/.test(phrase) && !/^this\s/i.test(phrase) && !DATE_CUE.test(before)) return false;
  // "meet at 5": an hour with neither minutes, am/pm nor a day is too ambiguous to take out of a title.
  const partOfDay = /\b(?:morning|afternoon|evening|night|tonight|tonite)\b/i.test(phrase);
  if (
    !dated &&
    /\d/.test(phrase) &&
    !start.isCertain('meridiem') &&
    !/\d[:.]\d\d/.test(phrase) &&
    !clockWords &&
    !partOfDay
  ) {
    return false;
  }
  if (/\d$/.test(phrase) && !start.isCertain('hour') && QUANTITY_AFTER.test(after)) return false;
  if (tags.has('parser/SlashDateFormatParser') && FRACTION.test(phrase)) return false;
  return true;
}

/** The instant and whether a time was named, for one chrono result. */
function resolve(result: ParsedResult, ctx: TimeContext, local: DateTime, zone: string): Resolved | null {
  const start = result.start;
  const tags = start.tags();
  const phrase = result.text.toLowerCase();

  // An explicit offset ("…T09:00:00Z", "5pm EST") or an amount of time ("in 2 hours") is already an instant.
  if (start.isCertain('timezoneOffset') || tags.has('result/relativeDateAndTime')) {
    const at = start.date();
    const exact = tags.has('result/relativeDateAndTime');
    return { at: exact ? new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS) : at, hasTime: true };
  }

  const dated = start.isCertain('day') || start.isCertain('weekday') || start.isCertain('month');
  // A time alone is placed on today here and moved on below; chrono's forwardDate would move it before the
  // daytime reading of "at 5" (17:00) is applied.
  let day = dated
    ? local.set({ year: start.get('year')!, month: start.get('month')!, day: start.get('day')! })
    : local.startOf('day');
  // "this friday" said on a Friday is today, which chrono's forwardDate moves on once its noon has passed.
  if (start.isCertain('weekday') && !start.isCertain('day') && /\bthis\b/.test(phrase)) {
    if (start.get('weekday') === local.weekday % 7) day = local.startOf('day');
  }
  // "next week" is next Monday, "next month" the 1st, "next year" Jan 1: chrono reads them as today plus a period.
  const period = /^(?:on\s+)?next\s+(week|month|year)$/.exec(phrase.trim());
  if (period && tags.has('result/relativeDate')) {
    day = local
      .plus({ [`${period[1]}s`]: 1 })
      .startOf(period[1] === 'week' ? 'week' : (period[1] as 'month'));
  }

  // "by this week": chrono reads a noon of no certain day; it means the end of the working week.
  const thisWeek = /^this\s+week$/.test(phrase.trim());
  if (thisWeek) day = local.startOf('day').plus({ days: daysToFriday(local.weekday % 7) });

  let minutes: number;
  let hasTime = true;
  let vague = false;
  if (tags.has(TAG.endOfDay)) {
    minutes = PART_OF_DAY.eod!;
    vague = true;
  } else if (
    thisWeek ||
    tags.has(TAG.endOfPeriod) ||
    tags.has('parser/ENEndOfCurrentMonthParser') ||
    tags.has('refiner/ENEndOfPeriodRefiner')
  ) {
    // "end of week/month": close of business on that day, like "end of day".
    minutes = PART_OF_DAY.eod!;
    hasTime = false;
    vague = true;
  } else if (start.isCertain('hour')) {
    let hour = start.get('hour')!;
    // chrono reads "at 5" as 05:00; people mean 17:00 (see bareHour). "05:00" and ISO times are kept as written.
    // An ordinal ("the 3rd at 2:30") is a day of the month, not the hour.
    const hourText = /(?:^|[^\d:-])(\d{1,2})(?:[:.]\d\d)?(?!\d|st\b|nd\b|rd\b|th\b)/.exec(phrase)?.[1];
    if (!start.isCertain('meridiem') && hourText && Number(hourText) === hour) hour = bareHour(hourText);
    // "tonite at 8" is 20:00 whatever the daytime window says.
    if (!start.isCertain('meridiem') && hour < 12 && tags.has(TAG.tonight)) hour += 12;
    minutes = hour * 60 + (start.get('minute') ?? 0);
  } else if (tags.has('casualReference/tonight') || tags.has(TAG.tonight) || /\bnight\b/.test(phrase)) {
    minutes = PART_OF_DAY.tonight!;
    vague = true;
  } else if (tags.has('casualReference/evening')) {
    minutes = PART_OF_DAY.evening!;
    vague = true;
  } else if (tags.has('casualReference/afternoon')) {
    minutes = PART_OF_DAY.afternoon!;
    vague = true;
  } else if (tags.has('casualReference/morning')) {
    minutes = PART_OF_DAY.morning!;
    vague = true;
  } else {
    minutes = DEFAULT_MINUTES;
    hasTime = false;
    vague = true;
  }

  const wall = (d: DateTime, m: number) =>
    fromWallClock(
      { year: d.year, month: d.month, day: d.day, hour: Math.floor(m / 60), minute: m % 60 },
      zone,
    );
  let at = wall(day, minutes);
  if (at <= ctx.now && !dated && !period && !thisWeek) {
    // A time alone ("at 5pm", "by noon") said after it means the next one.
    day = day.plus({ days: 1 });
    at = wall(day, minutes);
  } else if (at <= ctx.now && vague && dayNumber(day) === dayNumber(local)) {
    // "today" said at 6 pm must not be overdue at birth: the last minute of the day.
    at = wall(day, LAST_MINUTE);
  }
  // "friday" said on a Friday means the next one; "this friday" means today.
  if (
    start.isCertain('weekday') &&
    !start.isCertain('day') &&
    !/\bthis\b/.test(phrase) &&
    dayNumber(day) === dayNumber(local)
  ) {
    at = wall(day.plus({ days: 7 }), minutes);
  }
  return { at, hasTime };
}

/**
 * The date phrase in `text` when the parser is confident it is a date; null otherwise. Used to take a due date out
 * of a task title, so it does not fire inside titles ("mark 10 essays", "sat exam prep", "read 1984").
 */
export function findDate(text: string, ctx: TimeContext): FoundDate | null {
  const zone = zoneOf(ctx);
  const local = inZone(ctx.now, zone);
  for (const result of parse(text, ctx, local)) {
    if (!confident(result, text)) continue;
    const resolved = resolve(result, ctx, local, zone);
    if (!resolved) continue;
    const before = text.slice(0, result.index);
    // chrono leaves "the" out of "the end of the month"; "by the" goes with it.
    const the = /^end\b/i.test(result.text) ? (/\bthe\s+$/i.exec(before)?.[0] ?? '') : '';
    const lead = (LEADING_PREPOSITION.exec(before.slice(0, before.length - the.length))?.[0] ?? '') + the;
    const index = result.index - lead.length;
    const length = lead.length + result.text.length;
    return { ...resolved, index, length, text: text.slice(index, index + length) };
  }
  return null;
}

const ORDINAL_ALONE = /^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$/i;
/** "5 today", "4:30 tomorrow": an hour without "at" (the words before it were taken off above). */
const HOUR_THEN_DAY =
  /^(?:[1-9]|1[0-2])(?::[0-5]\d)?\s+(?:today|tonight|tomorrow|tmrw|on\s|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)/i;

/**
 * The whole string as a date phrase ("next friday 5pm", "tomorrow", "in 2 hours", "2026-12-01T09:00:00Z", "Dec 4");
 * null if it is not one. Resolves the `due` a language model passes as a phrase.
 */
export function parseDatePhrase(phrase: string, ctx: TimeContext): Resolved | null {
  const text = phrase
    .trim()
    .replace(/[.!?]+$/, '')
    .replace(/^(?:(?:due|by|on|before|until)\s+)+/i, '');
  if (!text) return null;
  const zone = zoneOf(ctx);
  const local = inZone(ctx.now, zone);
  // The ordinal parser wants a preposition, which a phrase on its own may leave out ("the 15th").
  const input = ORDINAL_ALONE.test(text) ? `on ${text}` : HOUR_THEN_DAY.test(text) ? `at ${text}` : text;
  const [result] = parse(input, ctx, local);
  if (!result || result.index !== 0 || result.text.trim().length !== input.length) return null;
  return resolve(result, ctx, local, zone);
}
