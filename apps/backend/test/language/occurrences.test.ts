import { describe, expect, it } from 'vitest';
import { firstOccurrence, isValidRrule, nextOccurrence } from '../../src/language/occurrences';
import { KARACHI, LA, NEW_YORK, UTC, instant as local, wall } from './wall-clock';

describe('nextOccurrence', () => {
  it.each([
    // GIVEN rule, DTSTART (local), zone, WHEN asked after (local), THEN the next occurrence (local) or null.
    ['FREQ=WEEKLY;BYDAY=MO', '2026-10-26 09:00', '2026-10-26 09:00', NEW_YORK, '2026-11-02 09:00'],
    ['FREQ=WEEKLY;BYDAY=MO', '2026-03-02 09:00', '2026-03-02 09:00', LA, '2026-03-09 09:00'],
    ['FREQ=WEEKLY;BYDAY=MO', '2026-03-02 09:00', '2026-03-02 09:00', KARACHI, '2026-03-09 09:00'],
    ['FREQ=WEEKLY;BYDAY=MO', '2026-03-02 09:00', '2026-03-04 12:00', UTC, '2026-03-09 09:00'],
    ['RRULE:FREQ=DAILY', '2026-03-02 09:00', '2026-03-02 09:00', UTC, '2026-03-03 09:00'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-03-06 08:00', '2026-03-06 08:00', LA, '2026-03-09 08:00'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-03-16 09:00', '2026-03-16 09:00', LA, '2026-03-30 09:00'],
    // The 31st, or the last day of a shorter month.
    [
      'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
      '2026-01-31 09:00',
      '2026-01-31 09:00',
      UTC,
      '2026-02-28 09:00',
    ],
    [
      'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
      '2026-01-31 09:00',
      '2026-03-31 09:00',
      UTC,
      '2026-04-30 09:00',
    ],
    [
      'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
      '2028-01-31 09:00',
      '2028-01-31 09:00',
      UTC,
      '2028-02-29 09:00',
    ],
    // Plain RFC 5545 BYMONTHDAY=31 skips 30-day months; the rule is evaluated as written.
    ['FREQ=MONTHLY;BYMONTHDAY=31', '2026-03-31 09:00', '2026-03-31 09:00', UTC, '2026-05-31 09:00'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31 09:00', '2026-01-31 09:00', KARACHI, '2026-02-28 09:00'],
    // Feb 29 in leap years, Feb 28 in others.
    [
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1',
      '2028-02-29 09:00',
      '2028-02-29 09:00',
      UTC,
      '2029-02-28 09:00',
    ],
    [
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1',
      '2028-02-29 09:00',
      '2031-03-01 09:00',
      UTC,
      '2032-02-29 09:00',
    ],
    // A time repeated by the fall-back change is taken once: 01:30 EDT, then the next day.
    ['FREQ=DAILY', '2026-10-31 01:30', '2026-10-31 01:30', NEW_YORK, '2026-11-01 01:30'],
    // A time skipped by the spring-forward change moves forward by the gap.
    ['FREQ=DAILY', '2026-03-07 02:30', '2026-03-07 02:30', NEW_YORK, '2026-03-08 03:30'],
    // Rules with an end.
    ['FREQ=DAILY;COUNT=3', '2026-03-02 09:00', '2026-03-03 09:00', UTC, '2026-03-04 09:00'],
    ['FREQ=DAILY;COUNT=3', '2026-03-02 09:00', '2026-03-04 09:00', UTC, null],
    ['FREQ=DAILY;UNTIL=20261105T170000Z', '2026-11-01 09:00', '2026-11-04 09:00', LA, '2026-11-05 09:00'],
    ['FREQ=DAILY;UNTIL=20261105T170000Z', '2026-11-01 09:00', '2026-11-05 09:00', LA, null],
    // Not rules.
    ['FREQ=FOO', '2026-03-02 09:00', '2026-03-02 09:00', UTC, null],
    ['every monday', '2026-03-02 09:00', '2026-03-02 09:00', UTC, null],
  ])('GIVEN %s from %s WHEN after %s in %s THEN %s', (rrule, dtstart, after, zone, expected) => {
    expect(wall(nextOccurrence(rrule, local(dtstart, zone), local(after, zone), zone), zone)).toBe(expected);
  });

  it('GIVEN every Monday 9 am New York WHEN DST has ended THEN 14:00 UTC instead of 13:00', () => {
    const dtstart = new Date('2026-10-26T13:00:00Z');
    expect(nextOccurrence('FREQ=WEEKLY;BYDAY=MO', dtstart, dtstart, NEW_YORK)?.toISOString()).toBe(
      '2026-11-02T14:00:00.000Z',
    );
  });

  it('GIVEN 01:30 on the fall-back day WHEN asked after its first (EDT) instance THEN the next day, not 01:30 EST', () => {
    const first = new Date('2026-11-01T05:30:00Z');
    const next = nextOccurrence('FREQ=DAILY', new Date('2026-10-31T05:30:00Z'), first, NEW_YORK);
    expect(next?.toISOString()).toBe('2026-11-02T06:30:00.000Z');
  });

  it('GIVEN every 2 hours across the fall-back change THEN elapsed hours, not wall-clock hours', () => {
    const dtstart = new Date('2026-11-01T04:00:00Z');
    const next = nextOccurrence(
      'FREQ=HOURLY;INTERVAL=2',
      dtstart,
      new Date('2026-11-01T05:00:00Z'),
      NEW_YORK,
    );
    expect(next?.toISOString()).toBe('2026-11-01T06:00:00.000Z');
  });
});

describe('firstOccurrence', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=MO', '2026-03-16 09:00', '2026-03-16 09:00', '2026-03-16 09:00'],
    ['FREQ=WEEKLY;BYDAY=MO', '2026-03-16 09:00', '2026-03-16 09:01', '2026-03-23 09:00'],
  ])('GIVEN %s from %s WHEN from %s THEN %s (inclusive)', (rrule, dtstart, from, expected) => {
    expect(wall(firstOccurrence(rrule, local(dtstart, UTC), local(from, UTC), UTC), UTC)).toBe(expected);
  });
});

describe('isValidRrule', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=MO', true],
    ['RRULE:FREQ=MONTHLY;BYMONTHDAY=1', true],
    ['FREQ=DAILY;COUNT=5', true],
    ['FREQ=FOO', false],
    ['BYDAY=MO', false],
    ['', false],
    ['every monday', false],
  ])('GIVEN "%s" THEN valid: %s', (rrule, valid) => expect(isValidRrule(rrule)).toBe(valid));
});
