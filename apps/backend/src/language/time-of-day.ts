/*
 * Times of day as people type them ("3pm", "at 14:30", "noon", "tonight") and the hours a vague word stands for.
 * The same table serves one-off dates and recurrences, so "every morning" and "tomorrow morning" agree.
 */

/** A date without a time means 09:00 local: the start of a working day, early enough to act on. */
export const DEFAULT_MINUTES = 9 * 60;

/** What a vague time word means, in minutes after midnight. */
export const PART_OF_DAY: Readonly<Record<string, number>> = {
  morning: 9 * 60,
  afternoon: 14 * 60,
  evening: 19 * 60,
  tonight: 20 * 60,
  night: 20 * 60,
  noon: 12 * 60,
  midday: 12 * 60,
  midnight: 0,
  eod: 17 * 60,
  'end of day': 17 * 60,
  'end of the day': 17 * 60,
};

/**
 * An hour typed without am/pm ("at 5", "5:30"): 1–6 read as afternoon, 7–12 as morning/noon, 0 and 13–23 as
 * written. People rarely plan tasks at 5 am, and this daytime window (07:00–18:59) is what calendar quick-add uses.
 * A leading zero ("05:30") is 24-hour notation and is kept as written.
 */
export function bareHour(hourText: string): number {
  const hour = Number(hourText);
  return hour >= 1 && hour <= 6 && !hourText.startsWith('0') ? hour + 12 : hour;
}

const MERIDIEM_TIME = /^(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m\.?$/;
const CLOCK_TIME = /^(\d{1,2})(?::(\d{2}))?$/;
const LEAD = /^(?:at|by|around|@|to|for)\s*/;
const TAIL = /\s*(?:o'?clock|sharp)$/;

/** A time-of-day phrase alone ("3pm", "at 14:30", "noon", "3 PM") → minutes after midnight; null if not one. */
export function parseTimeOfDay(phrase: string): number | null {
  const text = phrase
    .trim()
    .toLowerCase()
    .replace(LEAD, '')
    .replace(TAIL, '')
    .replace(/^the\s+/, '');
  const word = PART_OF_DAY[text.replace(/^this\s+/, '')];
  if (word !== undefined) return word;

  const meridiem = MERIDIEM_TIME.exec(text);
  if (meridiem) {
    const hour = Number(meridiem[1]);
    const minute = Number(meridiem[2] ?? 0);
    if (hour < 1 || hour > 12 || minute > 59) return null;
    return ((hour % 12) + (meridiem[3] === 'p' ? 12 : 0)) * 60 + minute;
  }
  const clock = CLOCK_TIME.exec(text);
  if (clock) {
    const hour = bareHour(clock[1]!);
    const minute = Number(clock[2] ?? 0);
    if (hour > 23 || minute > 59 || (clock[2] === undefined && hour === 0)) return null;
    return hour * 60 + minute;
  }
  return null;
}

/** Minutes after midnight as people write them: "5 pm", "5:30 pm", "12 pm" (noon), "12 am" (midnight). */
export function clockText(minutes: number): string {
  const hour = Math.floor(minutes / 60) % 24;
  const minute = minutes % 60;
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}${minute ? `:${String(minute).padStart(2, '0')}` : ''} ${hour < 12 ? 'am' : 'pm'}`;
}
