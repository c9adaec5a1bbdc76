import type { Language } from '@todo/shared';
import { DATE_ONLY_HOUR, dayNumber, partsIn, type ZoneParts } from './dates';

/*
 * How a due date reads on a task row, in the user's time zone: "Today 5 pm", "Tomorrow 9:30 am", "Fri, Dec 4, 3 pm",
 * "Dec 4, 2027" (a date picked without a time). The English wording follows the chat's replies ("tomorrow at 5 pm"),
 * which the backend formats in the same zone; Urdu is worded by Intl ("آج 5 PM"). Apart from dates.ts so the
 * page's first load does without it: task rows arrive after the page has loaded.
 */

/** "5 pm", "9:30 am": the chat's clock wording. */
export function clockText(hour: number, minute: number): string {
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}${minute ? `:${String(minute).padStart(2, '0')}` : ''} ${hour < 12 ? 'am' : 'pm'}`;
}

const RELATIVE: Record<number, string> = { [-1]: 'Yesterday', 0: 'Today', 1: 'Tomorrow' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface DueText {
  text: string;
  overdue: boolean;
}

// Other languages than English are worded by Intl (its CLDR data), one formatter per language, zone and shape.
const localFormatters = new Map<string, Intl.DateTimeFormat>();
function localFormat(at: Date, lang: Language, zone: string, options: Intl.DateTimeFormatOptions): string {
  const key = `${lang}|${zone}|${JSON.stringify(options)}`;
  let f = localFormatters.get(key);
  if (!f) localFormatters.set(key, (f = new Intl.DateTimeFormat(lang, { ...options, timeZone: zone })));
  return f.format(at);
}

/** "آج 5 PM", "جمعہ، 4 دسمبر، 3 PM": the same shapes as the English wording, in `lang`'s own words and order. */
function localDueText(
  due: Date,
  at: ZoneParts,
  offset: number,
  sameYear: boolean,
  lang: Language,
  zone: string,
) {
  const dateOnly = at.hour === DATE_ONLY_HOUR && at.minute === 0;
  const time: Intl.DateTimeFormatOptions = dateOnly
    ? {}
    : { hour: 'numeric', ...(at.minute ? { minute: '2-digit' } : {}) };
  if (Math.abs(offset) <= 1) {
    const day = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(offset, 'day');
    return dateOnly ? day : `${day} ${localFormat(due, lang, zone, time)}`;
  }
  const date: Intl.DateTimeFormatOptions = sameYear
    ? { weekday: 'short', month: 'short', day: 'numeric' }
    : { year: 'numeric', month: 'short', day: 'numeric' };
  return localFormat(due, lang, zone, { ...date, ...time });
}

/**
 * How a due instant reads in `zone` and `lang`, and whether it has passed (a pending task only; a date-only due is
 * overdue once its day is over). Null when there is no (valid) due date.
 */
export function describeDue(
  task: { due_at: string | null; completed: boolean },
  zone: string,
  now: Date = new Date(),
  lang: Language = 'en',
): DueText | null {
  if (!task.due_at) return null;
  const due = new Date(task.due_at);
  if (Number.isNaN(due.getTime())) return null;
  const at = partsIn(due, zone);
  const today = partsIn(now, zone);
  const offset = dayNumber(at) - dayNumber(today);
  const dateOnly = at.hour === DATE_ONLY_HOUR && at.minute === 0;
  const overdue = !task.completed && (dateOnly ? offset < 0 : due.getTime() < now.getTime());
  if (lang !== 'en')
    return { text: localDueText(due, at, offset, at.year === today.year, lang, zone), overdue };
  // Weekday and month from the local calendar day (UTC arithmetic on it cannot shift the day).
  const weekday = WEEKDAYS[new Date(Date.UTC(at.year, at.month - 1, at.day)).getUTCDay()]!;
  const day =
    RELATIVE[offset] ??
    (at.year === today.year
      ? `${weekday}, ${MONTHS[at.month - 1]} ${at.day}`
      : `${MONTHS[at.month - 1]} ${at.day}, ${at.year}`);
  // "Today 5 pm", but "Fri, Dec 4, 5 pm": a comma keeps the day's number and the hour apart.
  const text = dateOnly ? day : `${day}${offset in RELATIVE ? '' : ','} ${clockText(at.hour, at.minute)}`;
  return { text, overdue };
}
