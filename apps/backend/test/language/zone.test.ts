import { describe, expect, it } from 'vitest';
import { atTimeOfDay, canonicalZone } from '../../src/language/zone';
import { KARACHI, LA, NEW_YORK, UTC, at, wall } from './wall-clock';

describe('canonicalZone', () => {
  it.each([
    ['America/Los_Angeles', 'America/Los_Angeles'],
    ['america/los_angeles', 'America/Los_Angeles'],
    ['ASIA/KARACHI', 'Asia/Karachi'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Europe/London', 'Europe/London'],
  ])('GIVEN the zone "%s" THEN its canonical spelling is %s', (zone, canonical) =>
    expect(canonicalZone(zone)).toBe(canonical),
  );

  it.each(['Mars/Olympus', '', 'Los Angeles', '+05:00', 'GMT+5 ', '../etc/passwd'])(
    'GIVEN "%s", which is not an IANA zone name, THEN null',
    (zone) => expect(canonicalZone(zone)).toBeNull(),
  );
});

describe('atTimeOfDay', () => {
  it.each([
    // GIVEN now + zone, WHEN the time is moved to minutes after midnight, THEN the same local day at that time.
    [at('2026-03-10 16:30', LA), 15 * 60, '2026-03-10 15:00'],
    [at('2026-03-10 23:30', LA), 9 * 60 + 15, '2026-03-10 09:15'],
    [at('2026-03-10 01:00', KARACHI), 14 * 60, '2026-03-10 14:00'],
    [at('2026-03-10 23:59', UTC), 0, '2026-03-10 00:00'],
    // The day DST ends in New York: 9 am is EST (UTC-5) although midnight was EDT.
    [at('2026-11-01 00:30', NEW_YORK), 9 * 60, '2026-11-01 09:00'],
    // The day DST starts: 2:30 am does not exist and moves forward by the gap.
    [at('2026-03-08 00:30', NEW_YORK), 2 * 60 + 30, '2026-03-08 03:30'],
  ])('GIVEN %o WHEN set to %i minutes THEN %s local', (ctx, minutes, expected) => {
    expect(wall(atTimeOfDay(ctx.now, minutes, ctx), ctx.zone)).toBe(expected);
  });

  it('GIVEN the day DST ends in New York WHEN set to 9 am THEN the instant uses EST (14:00 UTC)', () => {
    const ctx = at('2026-11-01 00:30', NEW_YORK);
    expect(atTimeOfDay(ctx.now, 9 * 60, ctx).toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('GIVEN an unknown zone THEN times are read in UTC instead of failing the turn', () => {
    const ctx = { now: new Date('2026-03-10T16:30:00Z'), zone: 'Nowhere/Special' };
    expect(atTimeOfDay(ctx.now, 9 * 60, ctx).toISOString()).toBe('2026-03-10T09:00:00.000Z');
  });
});
