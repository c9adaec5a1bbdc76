/** The user's "now" and where they live: every phrase is read, and every instant shown, against these. */
export interface TimeContext {
  /** The reference instant ("now"). */
  readonly now: Date;
  /** IANA zone the user lives in, e.g. 'America/Los_Angeles'; 'UTC' when unknown. */
  readonly zone: string;
}

/** A date/time phrase found inside free text. */
export interface FoundDate {
  /** The instant (wall-clock resolved in ctx.zone, DST-correct for that date). */
  readonly at: Date;
  /** The phrase named a time of day ("at 5pm", "tonight", "morning"). */
  readonly hasTime: boolean;
  /** Span of the phrase in the input, including a leading "due"/"by"/"on"/"at"/"before"/"for" that belongs to it. */
  readonly index: number;
  readonly length: number;
  readonly text: string;
}

/** A recurrence phrase found in text ("every monday", "every weekday at 8", "monthly on the 15th"). */
export interface FoundRecurrence {
  /** RFC 5545 RRULE body without "RRULE:", e.g. 'FREQ=WEEKLY;BYDAY=MO'. */
  readonly rrule: string;
  /** First occurrence at or after now, in ctx.zone (time from the phrase, else 09:00 local); store it as the DTSTART. */
  readonly first: Date;
  /** Human summary, e.g. "every Monday", "every weekday at 8 am", "monthly on the 1st". */
  readonly summary: string;
  readonly index: number;
  readonly length: number;
  readonly text: string;
}
