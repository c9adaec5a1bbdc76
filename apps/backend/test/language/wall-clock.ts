import { DateTime } from 'luxon';
import type { TimeContext } from '../../src/language';

/** An instant as the user's wall clock reads it: "2026-03-11 09:00" — what a test states and a person checks. */
export const wall = (at: Date | null | undefined, zone: string) =>
  at ? DateTime.fromJSDate(at, { zone }).toFormat('yyyy-LL-dd HH:mm') : null;

/** The instant of a wall-clock time in `zone` ("2026-03-10 16:30"). */
export const instant = (local: string, zone: string) =>
  DateTime.fromFormat(local, 'yyyy-LL-dd HH:mm', { zone }).toJSDate();

/** A context whose "now" is a wall-clock time in `zone` ("2026-03-10 16:30"). */
export const at = (local: string, zone: string): TimeContext => ({ now: instant(local, zone), zone });

export const LA = 'America/Los_Angeles';
export const KARACHI = 'Asia/Karachi';
export const NEW_YORK = 'America/New_York';
export const UTC = 'UTC';

// Moments the language tests share as "now".
/** Tuesday afternoon in Los Angeles (DST began on Sunday, Mar 8). */
export const LA_TUE = at('2026-03-10 16:30', LA);
/** Thursday 6 pm in Los Angeles: already Friday in UTC. */
export const LA_EVENING = at('2026-11-26 18:00', LA);
/** Tuesday 8 am in Karachi (UTC+5, no DST). */
export const KHI_TUE = at('2026-03-10 08:00', KARACHI);
/** Friday before New York's DST end (Sunday, Nov 1). */
export const NY_FRI = at('2026-10-30 10:00', NEW_YORK);
/** Mid-April: a 30-day month. */
export const APR_10 = at('2026-04-10 10:00', UTC);
