/*
 * RRULE → the words a person would use ("every Monday", "every weekday at 8 am", "monthly on the 1st"), for chat
 * replies and the task row. Shapes the language layer writes are said naturally; anything else falls back to the
 * rrule library's own English.
 */
import { parseRrule } from './occurrences';
import { Frequency, RRule } from './rrule';
import { clockText } from './time-of-day';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NTH = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' } as Record<
  number,
  string
>;

/** 1 → "1st", 22 → "22nd", 13 → "13th". */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "Monday", "Monday and Thursday", "Monday, Wednesday and Friday". */
function listing(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

const asArray = <T>(value: T | T[] | null | undefined): T[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Weekday objects from RRule.parseString: `weekday` 0 = Monday, `n` the nth in the month (or undefined). */
interface ByDay {
  readonly weekday: number;
  readonly n?: number;
}

/**
 * The day of the month a monthly/yearly rule means. "The 31st, or the last day of a shorter month" is written as
 * BYMONTHDAY=28,29,30,31;BYSETPOS=-1, and read back here as 31.
 */
function monthDay(days: number[], setpos: number[]): number | null {
  if (days.length === 1) return days[0]!;
  const clamped = setpos.length === 1 && setpos[0] === -1 && days[0] === 28;
  return clamped && days.every((d, i) => d === 28 + i) ? days.at(-1)! : null;
}

function every(interval: number, unit: string, plural = `${unit}s`): string {
  return interval === 1
    ? `every ${unit}`
    : interval === 2
      ? `every other ${unit}`
      : `every ${interval} ${plural}`;
}

/** Human summary of an RRULE body, with " at 8 am" when the time of day is given. */
export function describeRrule(rrule: string, minutes?: number | null): string {
  const options = parseRrule(rrule);
  if (!options) return 'repeating';
  const interval = options.interval ?? 1;
  const days = asArray(options.byweekday as ByDay | ByDay[] | null).map((d) => ({
    weekday: d.weekday,
    n: d.n,
  }));
  const monthDays = asArray(options.bymonthday);
  const day = monthDay(monthDays, asArray(options.bysetpos));
  const months = asArray(options.bymonth);
  const at = minutes === undefined || minutes === null ? '' : ` at ${clockText(minutes)}`;
  const names = days.map((d) => DAY_NAMES[d.weekday]!);
  const noCountOrEnd = !options.count && !options.until;

  let text: string | null = null;
  switch (options.freq) {
    case Frequency.HOURLY:
      // "every other hour" is not how people say it.
      return interval === 1 ? 'every hour' : `every ${interval} hours`;
    case Frequency.DAILY:
      if (!days.length && !monthDays.length) text = every(interval, 'day');
      break;
    case Frequency.WEEKLY: {
      if (days.some((d) => d.n)) break;
      const weekdays = names.length === 5 && days.every((d) => d.weekday < 5);
      const what = weekdays ? 'weekday' : listing(names);
      if (interval === 1) text = names.length ? `every ${what}` : 'every week';
      else if (interval === 2 && names.length) text = `every other ${what}`;
      else text = names.length ? `${every(interval, 'week')} on ${listing(names)}` : every(interval, 'week');
      break;
    }
    case Frequency.MONTHLY: {
      const lead = interval === 1 ? 'monthly' : every(interval, 'month');
      if (day === -1) text = `${lead} on the last day`;
      else if (day !== null && !days.length) text = `${lead} on the ${ordinal(day)}`;
      else if (days.length === 1 && days[0]!.n && NTH[days[0]!.n])
        text = `${lead} on the ${NTH[days[0]!.n]} ${names[0]}`;
      else if (!days.length && !monthDays.length) text = lead;
      break;
    }
    case Frequency.YEARLY:
      if (months.length === 1 && day !== null && day > 0 && !days.length) {
        text = `${every(interval, 'year')} on ${MONTH_NAMES[months[0]! - 1]} ${day}`;
      } else if (!months.length && !monthDays.length && !days.length) text = every(interval, 'year');
      break;
  }
  if (text === null || !noCountOrEnd) return new RRule(options).toText() + at;
  return text + at;
}
