import { describe, expect, it } from 'vitest';
import { type DayRangeKind, dayRange } from '../../src/language/ranges';
import { KARACHI, UTC, at, wall, LA_TUE, LA_EVENING, NY_FRI } from './wall-clock';

const KHI_SUN = at('2026-03-15 10:00', KARACHI);
const UTC_FEB = at('2028-02-29 12:00', UTC);

describe('dayRange', () => {
  it.each<[ReturnType<typeof at>, DayRangeKind, string, string]>([
    // GIVEN now + zone, WHEN the filter, THEN [from, to) as local wall-clock times.
    [LA_TUE, 'today', '2026-03-10 00:00', '2026-03-11 00:00'],
    [LA_TUE, 'tomorrow', '2026-03-11 00:00', '2026-03-12 00:00'],
    [LA_TUE, 'this_week', '2026-03-10 00:00', '2026-03-16 00:00'],
    [LA_TUE, 'next_week', '2026-03-16 00:00', '2026-03-23 00:00'],
    [LA_TUE, 'this_month', '2026-03-10 00:00', '2026-04-01 00:00'],
    // 6 pm in Los Angeles: "today" is the LA day, though UTC is already on the next one.
    [LA_EVENING, 'today', '2026-11-26 00:00', '2026-11-27 00:00'],
    // On a Sunday, this week is only today.
    [KHI_SUN, 'this_week', '2026-03-15 00:00', '2026-03-16 00:00'],
    [KHI_SUN, 'next_week', '2026-03-16 00:00', '2026-03-23 00:00'],
    // Across DST: the week's end is midnight EST.
    [NY_FRI, 'this_week', '2026-10-30 00:00', '2026-11-02 00:00'],
    [NY_FRI, 'next_week', '2026-11-02 00:00', '2026-11-09 00:00'],
    [UTC_FEB, 'today', '2028-02-29 00:00', '2028-03-01 00:00'],
    [UTC_FEB, 'this_month', '2028-02-29 00:00', '2028-03-01 00:00'],
  ])('GIVEN now %o WHEN %s THEN from %s to %s', (ctx, kind, from, to) => {
    const range = dayRange(kind, ctx);
    expect(wall(range.from, ctx.zone)).toBe(from);
    expect(wall(range.to, ctx.zone)).toBe(to);
  });

  it('GIVEN 6 pm in Los Angeles WHEN today THEN the instants are LA midnights (08:00 UTC)', () => {
    expect(dayRange('today', LA_EVENING)).toEqual({
      from: new Date('2026-11-26T08:00:00.000Z'),
      to: new Date('2026-11-27T08:00:00.000Z'),
    });
  });

  it('GIVEN New York before DST ends WHEN this week THEN it ends at 05:00 UTC (EST), not 04:00', () => {
    expect(dayRange('this_week', NY_FRI).to?.toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('GIVEN any zone WHEN overdue THEN everything due before now, with no lower bound', () => {
    expect(dayRange('overdue', LA_TUE)).toEqual({ to: LA_TUE.now });
  });
});
