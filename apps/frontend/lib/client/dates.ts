/*
 * Due dates as the task list shows them, in the user's time zone: "Today 5 pm", "Tomorrow 9:30 am", "Fri, Dec 4,
 * 3 pm", "Dec 4, 2027" (a date picked without a time). The wording follows the chat's replies ("tomorrow at 5 pm"), which the backend formats in the
 * same zone. Intl does the zone arithmetic, so the browser needs no date library.
 */

/** The browser's IANA zone, or UTC where the runtime cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** True when the runtime knows `zone` (an IANA name such as America/Los_Angeles). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface ZoneParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

// Formatters are costly to build (≈ 50 µs) and a task list formats every row: one per zone.
const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** `at` on the wall clock of `zone`. */
export function partsIn(at: Date, zone: string): ZoneParts {
  let f = partFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    partFormatters.set(zone, f);
  }
  const out: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return {
    year: out.year!,
    month: out.month!,
    day: out.day!,
    hour: out.hour! % 24,
    minute: out.minute!,
  };
}

/** Days since the epoch of a local calendar day: subtracting two gives whole days, whatever DST did. */
const dayNumber = (p: Pick<ZoneParts, 'year' | 'month' | 'day'>) =>
  Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;

/**
 * A due set from the date picker (no time) is pinned to local noon: it reads as a day without a time, and stays
 * on the same day for anyone a few zones away.
 */
export const DATE_ONLY_HOUR = 12;

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

/**
 * How a due instant reads in `zone`, and whether it has passed (a pending task only; a date-only due is overdue
 * once its day is over). Null when there is no (valid) due date.
 */
export function describeDue(
  task: { due_at: string | null; completed: boolean },
  zone: string,
  now: Date = new Date(),
): DueText | null {
  if (!task.due_at) return null;
  const due = new Date(task.due_at);
  if (Number.isNaN(due.getTime())) return null;
  const at = partsIn(due, zone);
  const today = partsIn(now, zone);
  const offset = dayNumber(at) - dayNumber(today);
  const dateOnly = at.hour === DATE_ONLY_HOUR && at.minute === 0;
  // Weekday and month from the local calendar day (UTC arithmetic on it cannot shift the day).
  const weekday = WEEKDAYS[new Date(Date.UTC(at.year, at.month - 1, at.day)).getUTCDay()]!;
  const day =
    RELATIVE[offset] ??
    (at.year === today.year
      ? `${weekday}, ${MONTHS[at.month - 1]} ${at.day}`
      : `${MONTHS[at.month - 1]} ${at.day}, ${at.year}`);
  // "Today 5 pm", but "Fri, Dec 4, 5 pm": a comma keeps the day's number and the hour apart.
  const text = dateOnly ? day : `${day}${offset in RELATIVE ? '' : ','} ${clockText(at.hour, at.minute)}`;
  const overdue = !task.completed && (dateOnly ? offset < 0 : due.getTime() < now.getTime());
  return { text, overdue };
}

/**
 * The instant of local noon in `zone` on an <input type="date"> value ("2026-12-04"), or null for an empty or
 * malformed value.
 */
export function dueFromDateInput(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Start from noon UTC of that day and correct by the zone's offset there; noon is far from any DST jump.
  const guess = Date.UTC(y, mo - 1, d, DATE_ONLY_HOUR);
  const seen = partsIn(new Date(guess), zone);
  const offsetMs = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute) - guess;
  return new Date(guess - offsetMs).toISOString();
}

/** The <input type="date"> value of a due instant: its calendar day in `zone`. */
export function dateInputFromDue(due: string | null, zone: string): string {
  if (!due) return '';
  const d = new Date(due);
  if (Number.isNaN(d.getTime())) return '';
  const p = partsIn(d, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
