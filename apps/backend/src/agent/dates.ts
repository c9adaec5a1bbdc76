/*
 * Due-date phrases of the local agent ("tomorrow", "next friday at 5pm", "in 3 days", "on 2026-05-01").
 * Everything is computed in UTC: the server has no idea of the user's time zone, and UTC keeps results
 * deterministic. A date without a time means 09:00; "tonight" means 20:00.
 */

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DEFAULT_HOUR = 9;

export interface DueMatch {
  readonly due: Date;
  /** The text with the date phrase removed. */
  readonly rest: string;
}

const startOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY_MS);

const PREFIX = String.raw`(?:\b(?:due|by|on|before|for)\s+)?`;
const TIME = String.raw`(?:\s+at\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?)?`;
// Full names only: "sun" or "sat" inside a title ("buy sun cream") must not become a date.
const WEEKDAY = String.raw`(sunday|monday|tuesday|wednesday|thursday|friday|saturday)`;
const MONTH = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*`;

interface Rule {
  readonly re: RegExp;
  /** The day (UTC midnight) and the default hour for the match, or null when it is not a real date. */
  readonly day: (m: RegExpExecArray, today: Date) => { day: Date; hour?: number } | null;
  /** Index of the first time group (hour, minute, am/pm) in the match. */
  readonly timeGroup: number;
}

const rule = (body: string, timeGroup: number, day: Rule['day']): Rule => ({
  re: new RegExp(`${PREFIX}${body}${TIME}\\b`, 'i'),
  day,
  timeGroup,
});

const RULES: Rule[] = [
  rule(String.raw`\b(?:the\s+)?day\s+after\s+tomorrow`, 1, (_m, t) => ({ day: addDays(t, 2) })),
  rule(String.raw`\btomorrow(?:\s+(morning|afternoon|evening|night))?`, 2, (m, t) => ({
    day: addDays(t, 1),
    hour: partOfDay(m[1]),
  })),
  rule(String.raw`\btonight`, 1, (_m, t) => ({ day: t, hour: 20 })),
  rule(String.raw`\btoday(?:\s+(morning|afternoon|evening|night))?`, 2, (m, t) => ({
    day: t,
    hour: partOfDay(m[1]),
  })),
  rule(String.raw`\bnext\s+week`, 1, (_m, t) => ({ day: addDays(t, 7) })),
  rule(
    String.raw`\bin\s+(\d{1,3}|a|an|one|two|three|four|five|six|seven)\s+(day|days|week|weeks)`,
    3,
    (m, t) => {
      const n = wordNumber(m[1]!);
      return { day: addDays(t, n * (m[2]!.startsWith('week') ? 7 : 1)) };
    },
  ),
  rule(String.raw`\b(\d{4})-(\d{2})-(\d{2})`, 4, (m) => {
    const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return day.getUTCMonth() === Number(m[2]) - 1 ? { day } : null;
  }),
  rule(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?`, 3, (m, t) => monthDay(m[1]!, Number(m[2]), t)),
  rule(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}`, 3, (m, t) =>
    monthDay(m[2]!, Number(m[1]), t),
  ),
  rule(String.raw`\b(next\s+|this\s+)?${WEEKDAY}`, 3, (m, t) => {
    const target = WEEKDAYS.indexOf(m[2]!.toLowerCase());
    let ahead = (target - t.getUTCDay() + 7) % 7;
    if (ahead === 0) ahead = 7; // "friday" said on a Friday means the next one
    return { day: addDays(t, ahead) };
  }),
];

function partOfDay(word: string | undefined): number | undefined {
  return word === undefined
    ? undefined
    : { morning: 9, afternoon: 14, evening: 19, night: 20 }[word.toLowerCase()];
}

function wordNumber(w: string): number {
  const words: Record<string, number> = {
    a: 1,
    an: 1,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
  };
  return words[w.toLowerCase()] ?? Number(w);
}

function monthDay(monthWord: string, date: number, today: Date): { day: Date } | null {
  const month = MONTHS.indexOf(monthWord.toLowerCase().slice(0, 3));
  if (month < 0 || date < 1 || date > 31) return null;
  let day = new Date(Date.UTC(today.getUTCFullYear(), month, date));
  if (day.getUTCMonth() !== month) return null;
  if (day < today) day = new Date(Date.UTC(today.getUTCFullYear() + 1, month, date)); // "may 1" in June → next year
  return { day };
}

/** Finds the first due-date phrase in `text`; null when there is none. */
export function parseDue(text: string, now: Date): DueMatch | null {
  const today = startOfDay(now);
  for (const r of RULES) {
    const m = r.re.exec(text);
    if (!m) continue;
    const found = r.day(m, today);
    if (!found) continue;
    let rest = cut(text, m.index, m[0].length);
    let time =
      m[r.timeGroup] !== undefined ? toTime(m[r.timeGroup]!, m[r.timeGroup + 1], m[r.timeGroup + 2]) : null;
    // "at 5pm tomorrow": the time may also come before the day.
    const loose = time === null ? findTime(rest) : null;
    if (loose) {
      time = loose.minutes;
      rest = cut(rest, loose.index, loose.length);
    }
    const minutes = time ?? (found.hour ?? DEFAULT_HOUR) * 60;
    return { due: new Date(found.day.getTime() + minutes * 60_000), rest };
  }
  // A time alone ("call bob at 5pm") means the next such time.
  const only = findTime(text);
  if (only) {
    let due = new Date(today.getTime() + only.minutes * 60_000);
    if (due <= now) due = addDays(due, 1);
    return { due, rest: cut(text, only.index, only.length) };
  }
  return null;
}

/** "at 5pm", "at 5:30 am", "at 17:00" — a bare "at 5" is too ambiguous to read as a time. */
function findTime(text: string): { index: number; length: number; minutes: number } | null {
  for (const m of text.matchAll(/\bat\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b/gi)) {
    if (m[2] === undefined && m[3] === undefined) continue;
    return { index: m.index, length: m[0].length, minutes: toTime(m[1]!, m[2], m[3]) };
  }
  return null;
}

function toTime(h: string, m: string | undefined, ampm: string | undefined): number {
  let hour = Number(h) % 24;
  const minute = Number(m ?? 0) % 60;
  const half = ampm?.toLowerCase();
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  return hour * 60 + minute;
}

const cut = (text: string, index: number, length: number) =>
  (text.slice(0, index) + ' ' + text.slice(index + length)).replace(/\s+/g, ' ').trim();

/** "2026-05-12 09:00 UTC" — unambiguous in a chat reply. */
export function formatDue(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
