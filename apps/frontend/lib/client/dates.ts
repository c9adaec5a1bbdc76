/*
 * Due dates in the user's time zone: the zone arithmetic and the date inputs. How a due date reads ("Today 5 pm")
 * is in due-text.ts. Intl does the zone arithmetic, so the browser needs no date library.
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
export const dayNumber = (p: Pick<ZoneParts, 'year' | 'month' | 'day'>) =>
  Date.UTC(p.year, p.month - 1, p.day) / 86_400_000;

/**
 * A due set from the date picker (no time) is pinned to local noon: it reads as a day without a time, and stays
 * on the same day for anyone a few zones away.
 */
export const DATE_ONLY_HOUR = 12;

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
