/*
 * Wall-clock ⇄ instant in an IANA zone. Every other module of the language layer goes through here, so a wall-clock
 * time is always resolved with the offset of its own date (a date after a DST change gets that date's offset).
 */
import { DateTime, IANAZone } from 'luxon';
import type { TimeContext } from './types';

/** A local calendar day and time of day, months 1–12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

// Intl.DateTimeFormat construction costs tens of µs; zones are few, so each answer is kept.
const canonical = new Map<string, string | null>();

/** The canonical spelling of a valid IANA zone ('america/los_angeles' → 'America/Los_Angeles'), or null. */
export function canonicalZone(zone: string): string | null {
  const known = canonical.get(zone);
  if (known !== undefined) return known;
  // Names only: Intl also takes offsets like "+05:00" on newer engines, which are not places and have no DST rules.
  const answer =
    /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone) && IANAZone.isValidZone(zone)
      ? new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
      : null;
  if (canonical.size < 1000) canonical.set(zone, answer);
  return answer;
}

/** The context's zone when valid, else UTC: a bad zone must degrade to UTC, never throw inside a chat turn. */
export function zoneOf(ctx: Pick<TimeContext, 'zone'>): string {
  return canonicalZone(ctx.zone) ?? 'UTC';
}

/** `at` as a luxon DateTime in `zone`. */
export function inZone(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}

/** The local calendar day as a day count since 1970-01-01: comparing these is far cheaper than luxon's diff. */
export function dayNumber(local: DateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day) / 86_400_000;
}

/** "now" in the user's zone. */
export function localNow(ctx: TimeContext): DateTime {
  return inZone(ctx.now, zoneOf(ctx));
}

/**
 * The instant of a wall-clock time in `zone`. A time skipped by a spring-forward change moves forward by the gap
 * (02:30 → 03:30), a repeated one takes its first occurrence: luxon's documented behaviour, and what calendars do.
 */
export function fromWallClock(wall: WallClock, zone: string): Date {
  return DateTime.fromObject(wall, { zone }).toJSDate();
}

/** Same local day as `at` (in ctx.zone) at `minutes` after midnight, DST-correct. */
export function atTimeOfDay(at: Date, minutes: number, ctx: TimeContext): Date {
  const zone = zoneOf(ctx);
  const day = inZone(at, zone);
  return fromWallClock(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    zone,
  );
}
