import { describe, expect, it } from 'vitest';
import { findRecurrence } from '../../src/language/recurrence';
import { UTC, at, wall, LA_TUE, KHI_TUE, APR_10, NY_FRI } from './wall-clock';

describe('findRecurrence', () => {
  it.each([
    // GIVEN now, WHEN the text, THEN the rule, its first occurrence (local), its summary and the phrase taken out.
    [
      LA_TUE,
      'water plants every sunday',
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-03-15 09:00',
      'every Sunday',
      'every sunday',
    ],
    [
      LA_TUE,
      'call mom every Sunday',
      'FREQ=WEEKLY;BYDAY=SU',
      '2026-03-15 09:00',
      'every Sunday',
      'every Sunday',
    ],
    [LA_TUE, 'trash on mondays', 'FREQ=WEEKLY;BYDAY=MO', '2026-03-16 09:00', 'every Monday', 'on mondays'],
    [
      LA_TUE,
      'gym every monday and thursday at 7am',
      'FREQ=WEEKLY;BYDAY=MO,TH',
      '2026-03-12 07:00',
      'every Monday and Thursday at 7 am',
      'every monday and thursday at 7am',
    ],
    [
      LA_TUE,
      'standup every weekday at 8',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      '2026-03-11 08:00',
      'every weekday at 8 am',
      'every weekday at 8',
    ],
    [
      LA_TUE,
      'every weekend clean up',
      'FREQ=WEEKLY;BYDAY=SA,SU',
      '2026-03-14 09:00',
      'every Saturday and Sunday',
      'every weekend',
    ],
    // Said on Tuesday: the first "other Monday" is the coming one, not the one after.
    [
      LA_TUE,
      'payroll every other monday',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      '2026-03-16 09:00',
      'every other Monday',
      'every other monday',
    ],
    // No day named: the first day the time is still ahead (09:00 has passed today, so Wednesday).
    [
      LA_TUE,
      'review every 2 weeks',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE',
      '2026-03-11 09:00',
      'every other Wednesday',
      'every 2 weeks',
    ],
    [LA_TUE, 'report weekly', 'FREQ=WEEKLY;BYDAY=WE', '2026-03-11 09:00', 'every Wednesday', 'weekly'],
    [LA_TUE, 'take vitamins daily', 'FREQ=DAILY', '2026-03-11 09:00', 'every day', 'daily'],
    [LA_TUE, 'check mail everyday', 'FREQ=DAILY', '2026-03-11 09:00', 'every day', 'everyday'],
    [KHI_TUE, 'take vitamins every day', 'FREQ=DAILY', '2026-03-10 09:00', 'every day', 'every day'],
    [
      LA_TUE,
      'run every other day',
      'FREQ=DAILY;INTERVAL=2',
      '2026-03-11 09:00',
      'every other day',
      'every other day',
    ],
    [
      LA_TUE,
      'water cactus every 3 days',
      'FREQ=DAILY;INTERVAL=3',
      '2026-03-11 09:00',
      'every 3 days',
      'every 3 days',
    ],
    [LA_TUE, 'stretch every morning', 'FREQ=DAILY', '2026-03-11 09:00', 'every day at 9 am', 'every morning'],
    [LA_TUE, 'journal every night', 'FREQ=DAILY', '2026-03-10 20:00', 'every day at 8 pm', 'every night'],
    [
      LA_TUE,
      'walk the dog every day at 6:30 pm',
      'FREQ=DAILY',
      '2026-03-10 18:30',
      'every day at 6:30 pm',
      'every day at 6:30 pm',
    ],
    [
      LA_TUE,
      'at 8am every day meditate',
      'FREQ=DAILY',
      '2026-03-11 08:00',
      'every day at 8 am',
      'at 8am every day',
    ],
    [
      KHI_TUE,
      'standup every weekday at 9',
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      '2026-03-10 09:00',
      'every weekday at 9 am',
      'every weekday at 9',
    ],
    [
      LA_TUE,
      'choir every tuesday evening',
      'FREQ=WEEKLY;BYDAY=TU',
      '2026-03-10 19:00',
      'every Tuesday at 7 pm',
      'every tuesday evening',
    ],
    // Months.
    [
      LA_TUE,
      'pay rent each month on the 1st',
      'FREQ=MONTHLY;BYMONTHDAY=1',
      '2026-04-01 09:00',
      'monthly on the 1st',
      'each month on the 1st',
    ],
    [
      LA_TUE,
      'pay rent monthly on the 15th',
      'FREQ=MONTHLY;BYMONTHDAY=15',
      '2026-03-15 09:00',
      'monthly on the 15th',
      'monthly on the 15th',
    ],
    [
      LA_TUE,
      'invoice on the 1st of every month',
      'FREQ=MONTHLY;BYMONTHDAY=1',
      '2026-04-01 09:00',
      'monthly on the 1st',
      'on the 1st of every month',
    ],
    [
      LA_TUE,
      'rent on the last day of every month',
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      '2026-03-31 09:00',
      'monthly on the last day',
      'on the last day of every month',
    ],
    [
      LA_TUE,
      'bills on the first monday of every month',
      'FREQ=MONTHLY;BYDAY=1MO',
      '2026-04-06 09:00',
      'monthly on the first Monday',
      'on the first monday of every month',
    ],
    [
      LA_TUE,
      'book club monthly on the last friday',
      'FREQ=MONTHLY;BYDAY=-1FR',
      '2026-03-27 09:00',
      'monthly on the last Friday',
      'monthly on the last friday',
    ],
    [
      LA_TUE,
      'backup every 3 months',
      'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=11',
      '2026-03-11 09:00',
      'every 3 months on the 11th',
      'every 3 months',
    ],
    // The 31st in a 30-day month falls on its last day (RFC 5545 alone would skip April).
    [
      APR_10,
      'pay rent every month on the 31st',
      'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
      '2026-04-30 09:00',
      'monthly on the 31st',
      'every month on the 31st',
    ],
    // Years; Feb 29 falls on Feb 28 outside leap years.
    [
      LA_TUE,
      'birthday every year on dec 25',
      'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
      '2026-12-25 09:00',
      'every year on Dec 25',
      'every year on dec 25',
    ],
    [
      LA_TUE,
      'anniversary every june 3rd',
      'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=3',
      '2026-06-03 09:00',
      'every year on Jun 3',
      'every june 3rd',
    ],
    [
      at('2028-02-10 10:00', UTC),
      'leap party every year on feb 29',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1',
      '2028-02-29 09:00',
      'every year on Feb 29',
      'every year on feb 29',
    ],
    [
      at('2028-03-01 10:00', UTC),
      'leap party every year on feb 29',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1',
      '2029-02-28 09:00',
      'every year on Feb 29',
      'every year on feb 29',
    ],
    // Across DST: 9 am stays 9 am after New York's clocks go back.
    [
      NY_FRI,
      'standup every monday at 9am',
      'FREQ=WEEKLY;BYDAY=MO',
      '2026-11-02 09:00',
      'every Monday at 9 am',
      'every monday at 9am',
    ],
    // Hourly rules count elapsed time from now.
    [LA_TUE, 'drink water every hour', 'FREQ=HOURLY', '2026-03-10 17:30', 'every hour', 'every hour'],
  ])(
    'GIVEN now %o WHEN "%s" THEN %s first at %s, "%s", phrase "%s"',
    (ctx, text, rrule, first, summary, phrase) => {
      const found = findRecurrence(text, ctx);
      expect(found?.rrule).toBe(rrule);
      expect(wall(found?.first, ctx.zone)).toBe(first);
      expect(found?.summary).toBe(summary);
      expect(found?.text).toBe(phrase);
      expect(text.slice(found!.index, found!.index + found!.length)).toBe(phrase);
    },
  );

  it('GIVEN Friday in New York WHEN "every monday at 9am" THEN the first is 09:00 EST (14:00 UTC)', () => {
    expect(findRecurrence('every monday at 9am', NY_FRI)?.first.toISOString()).toBe(
      '2026-11-02T14:00:00.000Z',
    );
  });

  it.each([
    'daily standup',
    'submit weekly report',
    'monthly budget review',
    'write the annual report',
    'everything is fine',
    'every time I call',
    'buy milk tomorrow',
    'mondays are hard',
    'every year on feb 30',
    'read everyday carry blog',
  ])('GIVEN "%s" THEN no recurrence is found', (text) => {
    expect(findRecurrence(text, LA_TUE)).toBeNull();
  });
});
