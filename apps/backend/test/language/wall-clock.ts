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
