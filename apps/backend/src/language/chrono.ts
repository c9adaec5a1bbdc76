/*
 * The chrono-node parser the language layer uses: English casual, plus the phrases people type to a todo bot that
 * chrono does not know (typos of "tomorrow", "day after tomorrow", "end of day", "end of week", "on the 15th").
 * Built once at module load; chrono compiles its patterns on first use and caches them on the parser objects.
 */
import * as chrono from 'chrono-node';
import type { ParsingContext } from 'chrono-node';
import { NUMBER_WORDS } from './numbers';
import { bareHour } from './time-of-day';

/** Tags the extra parsers put on their results, read back when the time of day is decided. */
export const TAG = {
  endOfDay: 'todo/endOfDay',
  endOfPeriod: 'todo/endOfPeriod',
  tonight: 'todo/tonight',
} as const;

/** Days from `weekday` (0 = Sunday) to the coming Friday, 0 on a Friday: the end of a working week. */
export const daysToFriday = (weekday: number) => (5 - weekday + 7) % 7;

/** The reference's wall-clock date, read in the offset chrono was given (not the server's zone). */
function referenceDay(context: ParsingContext): Date {
  const ref = context.reference;
  const wall = new Date(ref.instant.getTime() + ref.getTimezoneOffset() * 60_000);
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

function dayAfter(context: ParsingContext, days: number) {
  const day = referenceDay(context);
  day.setUTCDate(day.getUTCDate() + days);
  return context.createParsingComponents({
    year: day.getUTCFullYear(),
    month: day.getUTCMonth() + 1,
    day: day.getUTCDate(),
  });
}

const TOMORROW_TYPO = String.raw`(?:tomm?orr?ow|tmrw?|tmorrow|tomorow|2morr?ow|tomoro)`;

const parser = chrono.casual.clone();
parser.parsers.push(
  {
    // chrono knows "tomorrow", "tmr", "tmrw"; these are the misspellings people send.
    pattern: () => new RegExp(String.raw`\b${TOMORROW_TYPO}\b`, 'i'),
    extract: (context) => dayAfter(context, 1),
  },
  {
    // chrono reads only the "tomorrow" of it and lands a day early.
    pattern: () => new RegExp(String.raw`\b(?:the\s+)?day\s+after\s+(?:tomorrow|${TOMORROW_TYPO})\b`, 'i'),
    extract: (context) => dayAfter(context, 2),
  },
  {
    pattern: () => /\b(?:tonite|2nite|tonigh)\b/i,
    extract: (context) => dayAfter(context, 0).addTag(TAG.tonight),
  },
  {
    pattern: () => /\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|today)|eod|cob|close\s+of\s+business)\b/i,
    extract: (context) => dayAfter(context, 0).addTag(TAG.endOfDay),
  },
  {
    // The working week: the coming Friday (today when it is Friday); on a weekend, the next one. "this week" means
    // the same, but chrono's own reading of it wins ties, so dates.ts maps that one.
    // "the end of next week" is the Friday after that.
    pattern: () => /\b(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(next\s+)?week\b/i,
    extract: (context, match) => {
      const ahead = daysToFriday(referenceDay(context).getUTCDay()) + (match[1] ? 7 : 0);
      return dayAfter(context, ahead).addTag(TAG.endOfPeriod);
    },
  },
  {
    // "half past ten", "quarter to six": chrono reads only digits and am/pm. The hour is read as people mean a
    // bare one (bareHour: "half past five" is 5:30 pm, "half past ten" 10:30 am).
    pattern: () =>
      new RegExp(
        String.raw`\b(?:at\s+)?(half|quarter)\s+(past|after|to)\s+(${NUMBER_WORDS.join('|')}|1[0-2]|[1-9])\b`,
        'i',
      ),
    extract: (context, match) => {
      const named = NUMBER_WORDS.indexOf(match[3]!.toLowerCase());
      const hour = named >= 0 ? named + 1 : Number(match[3]);
      const past = match[2]!.toLowerCase() !== 'to';
      const minutes = (match[1]!.toLowerCase() === 'half' ? 30 : 15) * (past ? 1 : -1);
      const h = bareHour(String(past ? hour : hour === 1 ? 12 : hour - 1));
      return context.createParsingComponents({ hour: h, minute: (minutes + 60) % 60 });
    },
  },
  {
    // "done by 5 today", "due 4:30 tomorrow": chrono takes a bare hour as a time only after "at"; after these words
    // it is one too when a day follows (alone, "by 5" may be a quantity: "cut costs by 5"). The hour stays without
    // am/pm, so dates.ts reads it the way people mean it (5 → 5 pm).
    pattern: () =>
      /(?<=\b(?:by|before|until|till|due)\s+)([1-9]|1[0-2])(?::([0-5]\d))?(?=\s+(?:today|tonight|tomorrow|tmrw|on\s|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b))/i,
    extract: (context, match) =>
      context.createParsingComponents({ hour: Number(match[1]), minute: Number(match[2] ?? 0) }),
  },
  {
    // "on the 15th", "by the 3rd", "for the 1st": the next such day of a month that has it. A preposition is required, and the
    // ordinal must end the phrase, so "the 2nd season" or "on the 3rd floor" stay titles.
    pattern: () =>
      /\b(?:on|by|due|before|until|for)\s+(?:the\s+)?([1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?=\s*(?:$|[,.;!?)#]|(?:at|by|in|and|morning|afternoon|evening|night|\d)\b))/i,
    extract: (context, match) => {
      const date = Number(match[1]);
      const today = referenceDay(context);
      const day = new Date(today);
      for (let ahead = 0; ahead < 13; ahead++) {
        day.setUTCFullYear(today.getUTCFullYear(), today.getUTCMonth() + ahead, date);
        if (day.getUTCDate() === date && day >= today) break;
      }
      return context.createParsingComponents({
        year: day.getUTCFullYear(),
        month: day.getUTCMonth() + 1,
        day: day.getUTCDate(),
      });
    },
  },
);

parser.refiners.push({
  // "sunday at 6 in the evening": chrono reads "sunday at 6" and "evening" as two results, so the title kept
  // "in the evening". One time, with the part of day deciding am or pm.
  refine: (context, results) => {
    const out: typeof results = [];
    for (const r of results) {
      const prev = out.at(-1);
      const gap = prev ? context.text.slice(prev.index + prev.text.length, r.index) : '';
      const part = /^(morning|afternoon|evening|night)$/i.exec(r.text.trim())?.[1]?.toLowerCase();
      if (
        prev &&
        part &&
        prev.start.isCertain('hour') &&
        !prev.start.isCertain('meridiem') &&
        /^\s+(?:in\s+the\s+|at\s+)?$/i.test(gap)
      ) {
        const hour = prev.start.get('hour')! % 12;
        const pm = part !== 'morning';
        prev.start.assign('hour', pm ? hour + 12 : hour);
        prev.start.assign('meridiem', pm ? 1 : 0);
        prev.text = context.text.slice(prev.index, r.index + r.text.length);
        continue;
      }
      out.push(r);
    }
    return out;
  },
});

/** The configured parser; parse with `{ instant, timezone: offsetMinutes }` and `{ forwardDate: true }`. */
export const dateParser: chrono.Chrono = parser;
