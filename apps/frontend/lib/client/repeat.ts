import { Frequency, RRule, type Options } from 'rrule';
import { partsIn } from './dates';

/*
 * Repeat rules as the task editor offers them and the task row reads them. Rules are written and read by the rrule
 * library, never assembled by hand. Loaded with the editor or a repeating task's row, not with the page (rrule is
 * ≈ 14 kB gzipped).
 *
 * Rules run on "floating" dates (UTC fields = the user's wall clock), like the backend's, so "every Monday" means
 * Monday where the user lives.
 */

export type RepeatKind = 'none' | 'daily' | 'weekdays' | 'weekly' | 'monthly' | 'custom';

export interface Repeat {
  readonly kind: RepeatKind;
  /** Weekly: the days, 0 = Monday … 6 = Sunday. */
  readonly days: readonly number[];
  /** Monthly: the day of the month, 1–31 (a short month uses its last day), or -1 for the last day. */
  readonly monthDay: number;
  /** Custom: the RRULE as typed. */
  readonly custom: string;
}

export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = [0, 1, 2, 3, 4];

/** The rule's options, or null when rrule cannot read it. */
export function parseRule(rule: string): Partial<Options> | null {
  try {
    const options = RRule.parseString(rule.trim().replace(/^RRULE:/i, ''));
    // parseString lets an unknown FREQ through as undefined.
    if (options.freq === undefined || !(options.freq in Frequency)) return null;
    new RRule({ ...options, dtstart: new Date(0) }).after(new Date(0));
    return options;
  } catch {
    return null;
  }
}

const list = <T>(v: T | T[] | null | undefined): T[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

/** Plain weekdays of a BYDAY (0 = Monday), or null when one has an ordinal ("the first Monday"). */
function plainDays(options: Partial<Options>): number[] | null {
  const days = list(options.byweekday as unknown as { weekday: number; n?: number } | number);
  if (days.some((d) => typeof d === 'object' && d.n)) return null;
  return days.map((d) => (typeof d === 'number' ? d : d.weekday)).sort((a, b) => a - b);
}

/**
 * The day a monthly rule means: one BYMONTHDAY, or the "31st, or the last day of a shorter month" form
 * BYMONTHDAY=28,29,30,31;BYSETPOS=-1 (how the chat writes it too). Null for any other shape.
 */
function monthDayOf(options: Partial<Options>): number | null {
  const days = list(options.bymonthday);
  const setpos = list(options.bysetpos);
  if (days.length === 1 && !setpos.length) return days[0]!;
  const clamped = setpos.length === 1 && setpos[0] === -1 && days.every((d, i) => d === 28 + i);
  return clamped && days.length > 1 ? days.at(-1)! : null;
}

/** What the picker shows for a stored rule; `anchor` gives the defaults (the due day, or today). */
export function repeatFromRule(rule: string | null, anchor: { weekday: number; day: number }): Repeat {
  const base = { days: [anchor.weekday], monthDay: anchor.day, custom: rule ?? '' };
  if (!rule) return { ...base, kind: 'none' };
  const o = parseRule(rule);
  const keys = o ? Object.keys(o).filter((k) => o[k as keyof Options] != null) : [];
  const only = (...allowed: string[]) => keys.every((k) => k === 'freq' || allowed.includes(k));
  if (o && only() && o.freq === Frequency.DAILY) return { ...base, kind: 'daily' };
  if (o && only('byweekday') && o.freq === Frequency.WEEKLY) {
    const days = plainDays(o);
    if (days && days.join() === WEEKDAYS.join()) return { ...base, kind: 'weekdays' };
    if (days) return { ...base, kind: 'weekly', days: days.length ? days : base.days };
  }
  if (o && only('bymonthday', 'bysetpos') && o.freq === Frequency.MONTHLY) {
    const day = monthDayOf(o);
    if (day !== null) return { ...base, kind: 'monthly', monthDay: day };
  }
  return { ...base, kind: 'custom' };
}

/** The RRULE body for a picker choice (null for none); a custom rule is returned as typed, checked elsewhere. */
export function ruleFromRepeat(r: Repeat): string | null {
  let options: Partial<Options>;
  switch (r.kind) {
    case 'none':
      return null;
    case 'custom':
      return r.custom
        .trim()
        .replace(/^RRULE:/i, '')
        .toUpperCase();
    case 'daily':
      options = { freq: Frequency.DAILY };
      break;
    case 'weekdays':
      options = { freq: Frequency.WEEKLY, byweekday: WEEKDAYS };
      break;
    case 'weekly':
      options = { freq: Frequency.WEEKLY, byweekday: [...r.days].sort((a, b) => a - b) };
      break;
    case 'monthly': {
      // A day some months lack falls on the last day of those months.
      const clamp = r.monthDay > 28;
      options = {
        freq: Frequency.MONTHLY,
        bymonthday: clamp ? Array.from({ length: r.monthDay - 27 }, (_, i) => 28 + i) : [r.monthDay],
        ...(clamp ? { bysetpos: [-1] } : {}),
      };
      break;
    }
  }
  return RRule.optionsToString(options).replace(/^RRULE:/, '');
}

/** 1 → "1st", 22 → "22nd", 13 → "13th"; -1 → "last day". */
export function ordinal(n: number): string {
  if (n === -1) return 'last day';
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

/** A floating Date holding `at`'s wall-clock time in `zone`. */
function floating(at: Date, zone: string): Date {
  const p = partsIn(at, zone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
}

/**
 * The row's summary of a repeating task in the user's zone: "Every Mon · next Dec 7". "Next" is where completing the
 * task moves it (the backend's rule: the first occurrence after the later of its due time and now); a rule that
 * has run out says so. Null when the rule cannot be read.
 */
export function describeRepeat(
  rule: string,
  due: string | null,
  zone: string,
  now: Date = new Date(),
): string | null {
  const o = parseRule(rule);
  if (!o) return null;
  const r = repeatFromRule(rule, { weekday: 0, day: 1 });
  const what =
    r.kind === 'daily'
      ? 'Daily'
      : r.kind === 'weekdays'
        ? 'Weekdays'
        : r.kind === 'weekly'
          ? `Every ${r.days.map((d) => DAY_NAMES[d]).join(', ')}`
          : r.kind === 'monthly'
            ? `Monthly on the ${ordinal(r.monthDay)}`
            : new RRule(o).toText().replace(/^./, (c) => c.toUpperCase());
  const start = due ? new Date(due) : now;
  const from = start > now ? start : now;
  const next = new RRule({ ...o, dtstart: floating(start, zone) }).after(floating(from, zone), false);
  if (!next) return `${what} · last time`;
  const sameYear = next.getUTCFullYear() === partsIn(now, zone).year;
  const day = `${MONTHS[next.getUTCMonth()]} ${next.getUTCDate()}${sameYear ? '' : `, ${next.getUTCFullYear()}`}`;
  return `${what} · next ${day}`;
}
