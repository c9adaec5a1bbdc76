/*
 * When a recurring task comes round next, evaluated on the user's wall clock.
 *
 * rrule computes in UTC and knows nothing of DST. Rules are therefore run on "floating" times: a Date whose UTC
 * fields hold the local wall-clock time. Each answer is turned back into an instant with the offset of its own date,
 * so "every Monday 9 am" stays 9 am local across DST changes. Hourly rules are run on real instants instead: "every
 * 2 hours" means elapsed time, not wall-clock hours.
 */
import type { DateTime } from 'luxon';
import { Frequency, RRule, type RRuleOptions } from './rrule';
import { fromWallClock, inZone, zoneOf } from './zone';

/** A local wall-clock time as a floating Date (UTC fields = local fields). */
function toFloating(local: DateTime): Date {
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

function fromFloating(floating: Date, zone: string): Date {
  return fromWallClock(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
    },
    zone,
  );
}

/** The rule's options, or null when `rrule` is not a rule rrule understands (unknown FREQ, bad parts). */
export function parseRrule(rrule: string): Partial<RRuleOptions> | null {
  try {
    const options = RRule.parseString(rrule.replace(/^RRULE:/i, ''));
    // parseString accepts "FREQ=FOO" silently, leaving freq undefined.
    if (options.freq === undefined || !(options.freq in Frequency)) return null;
    new RRule({ ...options, dtstart: new Date(0) }).after(new Date(0));
    return options;
  } catch {
    return null;
  }
}

/** True when `rrule` is an RRULE body (with or without "RRULE:") the scheduler can evaluate. */
export function isValidRrule(rrule: string): boolean {
  return parseRrule(rrule) !== null;
}

const SUB_DAILY = new Set<number>([Frequency.HOURLY, Frequency.MINUTELY, Frequency.SECONDLY]);

/**
 * The first occurrence of `rrule` at or after `from` (inclusive) or strictly after it, with the rule anchored at
 * `dtstart`. Null when the rule has ended or is invalid.
 */
function occurrenceFrom(
  rrule: string,
  dtstart: Date,
  from: Date,
  zoneName: string,
  inclusive: boolean,
): Date | null {
  const zone = zoneOf({ zone: zoneName });
  const options = parseRrule(rrule);
  if (!options) return null;
  if (SUB_DAILY.has(options.freq!)) {
    return new RRule({ ...options, dtstart }).after(from, inclusive);
  }
  // UNTIL is an instant; on the floating clock it is its local wall-clock time.
  const until = options.until ? toFloating(inZone(options.until, zone)) : null;
  const rule = new RRule({ ...options, until, dtstart: toFloating(inZone(dtstart, zone)) });
  let next = rule.after(toFloating(inZone(from, zone)), inclusive);
  // A fall-back hour repeats wall-clock times: skip answers that land at or before `from` as instants.
  while (next && (inclusive ? fromFloating(next, zone) < from : fromFloating(next, zone) <= from)) {
    next = rule.after(next, false);
  }
  return next ? fromFloating(next, zone) : null;
}

/**
 * Next occurrence of `rrule` strictly after `after`, evaluated in `zone` so "every Monday 9 am" stays 9 am local
 * across DST; null when the rule has ended (COUNT/UNTIL) or is not a valid rule.
 */
export function nextOccurrence(rrule: string, dtstart: Date, after: Date, zone: string): Date | null {
  return occurrenceFrom(rrule, dtstart, after, zone, false);
}

/** The first occurrence at or after `from`; see nextOccurrence. */
export function firstOccurrence(rrule: string, dtstart: Date, from: Date, zone: string): Date | null {
  return occurrenceFrom(rrule, dtstart, from, zone, true);
}
