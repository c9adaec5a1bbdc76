import type { Language } from '@todo/shared';
import { Frequency, RRule, type Options } from 'rrule';
import type { Translate } from '@/i18n/client';
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

const WEEKDAYS = [0, 1, 2, 3, 4];

/** A weekday's name in `lang` (0 = Monday): "Mon", "پیر"; `long` for "Monday". */
export function dayName(day: number, lang: string, width: 'short' | 'long' = 'short'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(lang, { weekday: width, timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1 + day),
  );
}

/** Weekdays as a list in `lang`: "Mon, Thu", "پیر، اور جمعرات". */
const dayList = (days: readonly number[], lang: string, width: 'short' | 'long' = 'short') =>
  new Intl.ListFormat(lang, { type: 'unit', style: 'short' }).format(
    days.map((d) => dayName(d, lang, width)),
  );

/** A day of the month as the catalog's {ordinal} takes it: "1st" in English, the number elsewhere. */
export const ordinalIn = (n: number, lang: string) =>
  lang === 'en' ? ordinal(n) : new Intl.NumberFormat(lang).format(n);

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

/**
 * Why a custom rule cannot be saved, in the UI's language: the checks of the shared recurrenceSchema (loaded only
 * for custom rules), each kind of problem worded by the catalog (`repeat.problem_<kind>`).
 */
export async function customProblem(text: string, t: Translate): Promise<string | null> {
  const rule = text.trim();
  if (!rule) return t('typeRule');
  const { RECURRENCE_MAX, rruleIssue } = await import('@todo/shared');
  if (rule.length > RECURRENCE_MAX) return t('problem_too_long', { max: RECURRENCE_MAX });
  const issue = rruleIssue(rule);
  if (issue) return t(`problem_${issue.kind}`, issue);
  return parseRule(rule) ? null : t('notEvaluable');
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

const UNITS: Partial<Record<Frequency, string>> = {
  [Frequency.DAILY]: 'day',
  [Frequency.WEEKLY]: 'week',
  [Frequency.MONTHLY]: 'month',
  [Frequency.YEARLY]: 'year',
};

/**
 * The common rules in the catalog's words (`repeat.sum…`): daily, weekdays, weekly on days, monthly on a day, and
 * every N days / weeks (on days) / months / years. Null for a rule the templates cannot word.
 */
function ruleWords(rule: string, o: Partial<Options>, lang: Language, t: Translate): string | null {
  const r = repeatFromRule(rule, { weekday: 0, day: 1 });
  if (r.kind === 'daily') return t('sumDaily');
  if (r.kind === 'weekdays') return t('sumWeekdays');
  if (r.kind === 'weekly') return t('sumWeekly', { days: dayList(r.days, lang) });
  if (r.kind === 'monthly')
    return r.monthDay === -1
      ? t('sumMonthlyLast')
      : t('sumMonthly', { ordinal: ordinalIn(r.monthDay, lang) });
  // Every N units: an interval and nothing else, or (weekly) plain days.
  const keys = Object.keys(o).filter(
    (k) => o[k as keyof Options] != null && k !== 'freq' && k !== 'interval',
  );
  const unit = o.freq === undefined ? undefined : UNITS[o.freq];
  const count = o.interval ?? 1;
  if (!unit || count < 1) return null;
  if (keys.length === 0) return t('sumEvery', { unit, count });
  const days = unit === 'week' && keys.every((k) => k === 'byweekday') ? plainDays(o) : null;
  return days?.length ? t('sumEveryWeeksOn', { count, days: dayList(days, lang, 'long') }) : null;
}

/**
 * The row's summary of a repeating task in the user's zone and the UI's language (`t` over `repeat`): "Every Mon ·
 * next Dec 7", "ہر پیر · اگلی بار 7 دسمبر". "Next" is where completing the task moves it (the backend's rule: the
 * first occurrence after the later of its due time and now); a rule that has run out says so. A rule the catalog
 * cannot word reads as rrule's English text in English, and as a generic phrase in other languages. Null when the
 * rule cannot be read.
 */
export function describeRepeat(
  rule: string,
  due: string | null,
  zone: string,
  t: Translate,
  lang: Language = 'en',
  now: Date = new Date(),
): string | null {
  const o = parseRule(rule);
  if (!o) return null;
  const what =
    ruleWords(rule, o, lang, t) ??
    (lang === 'en' ? new RRule(o).toText().replace(/^./, (c) => c.toUpperCase()) : t('sumCustom'));
  const start = due ? new Date(due) : now;
  const from = start > now ? start : now;
  const next = new RRule({ ...o, dtstart: floating(start, zone) }).after(floating(from, zone), false);
  if (!next) return t('sumLast', { what });
  // The occurrence is floating (UTC fields = the user's wall clock): formatted in UTC, it reads as the user's day.
  const sameYear = next.getUTCFullYear() === partsIn(now, zone).year;
  const date = new Intl.DateTimeFormat(lang, {
    month: lang === 'en' ? 'short' : 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  }).format(next);
  return t('sumNext', { what, date });
}
