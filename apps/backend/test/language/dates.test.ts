import { describe, expect, it } from 'vitest';
import { findDate, parseDatePhrase } from '../../src/language/dates';
import { NEW_YORK, UTC, at, wall, LA_TUE, LA_EVENING, KHI_TUE, NY_FRI, APR_10 } from './wall-clock';

// Tuesday afternoon in UTC.
const UTC_TUE = at('2026-03-10 15:30', UTC);
// Saturday before New York's DST start (Sunday, Mar 8).
const NY_SAT = at('2026-03-07 10:00', NEW_YORK);
// The day before a leap day, and a Friday.
const LEAP_EVE = at('2028-02-28 12:00', UTC);
const UTC_FRI = at('2026-03-13 17:00', UTC);

describe('findDate', () => {
  it.each([
    // Relative days, with typos people send.
    [LA_TUE, 'buy milk tomorrow', '2026-03-11 09:00', 'tomorrow', false],
    [LA_TUE, 'buy milk tmrw', '2026-03-11 09:00', 'tmrw', false],
    [LA_TUE, 'buy milk tmr', '2026-03-11 09:00', 'tmr', false],
    [LA_TUE, 'pay rent tomorow', '2026-03-11 09:00', 'tomorow', false],
    [LA_TUE, 'call mom tommorow at 5pm', '2026-03-11 17:00', 'tommorow at 5pm', true],
    [LA_TUE, 'dentist day after tomorrow', '2026-03-12 09:00', 'day after tomorrow', false],
    [
      LA_TUE,
      'dentist the day after tomorrow at 8:30 am',
      '2026-03-12 08:30',
      'the day after tomorrow at 8:30 am',
      true,
    ],
    // "tomorrow" said at 6 pm in Los Angeles is the next LA day, not the next UTC day.
    [LA_EVENING, 'call mom tomorrow', '2026-11-27 09:00', 'tomorrow', false],
    [LA_EVENING, 'call mom tomorrow at 5pm', '2026-11-27 17:00', 'tomorrow at 5pm', true],
    // Today without a time: 09:00, or 23:59 once 09:00 has passed ("today" must not be overdue at birth).
    [KHI_TUE, 'submit report today', '2026-03-10 09:00', 'today', false],
    [LA_TUE, 'submit report today', '2026-03-10 23:59', 'today', false],
    [LA_EVENING, 'pay bills today', '2026-11-26 23:59', 'today', false],
    // Parts of the day.
    [LA_TUE, 'watch film tonight', '2026-03-10 20:00', 'tonight', true],
    [LA_TUE, 'tonight at 8 call dad', '2026-03-10 20:00', 'tonight at 8', true],
    [LA_TUE, 'run tomorrow morning', '2026-03-11 09:00', 'tomorrow morning', true],
    [LA_TUE, 'nap tomorrow afternoon', '2026-03-11 14:00', 'tomorrow afternoon', true],
    [LA_TUE, 'read tomorrow evening', '2026-03-11 19:00', 'tomorrow evening', true],
    [LA_TUE, 'stars tomorrow night', '2026-03-11 20:00', 'tomorrow night', true],
    [LA_TUE, 'call bob in the morning', '2026-03-11 09:00', 'in the morning', true],
    [KHI_TUE, 'send invoice by noon', '2026-03-10 12:00', 'by noon', true],
    [LA_TUE, 'send invoice by noon', '2026-03-11 12:00', 'by noon', true],
    [KHI_TUE, 'report eod', '2026-03-10 17:00', 'eod', true],
    [KHI_TUE, 'report by end of day', '2026-03-10 17:00', 'by end of day', true],
    // Weeks, weekends, months.
    [LA_TUE, 'clean this weekend', '2026-03-14 09:00', 'this weekend', false],
    [LA_TUE, 'review next week', '2026-03-16 09:00', 'next week', false],
    [LA_TUE, 'taxes next month', '2026-04-01 09:00', 'next month', false],
    // "end of …" is close of business on the last day: Friday for the week.
    [LA_TUE, 'finish slides by end of week', '2026-03-13 17:00', 'by end of week', false],
    [LA_TUE, 'invoice end of month', '2026-03-31 17:00', 'end of month', false],
    [at('2028-02-10 10:00', UTC), 'invoice end of month', '2028-02-29 17:00', 'end of month', false],
    // Amounts of time.
    [LA_TUE, 'renew passport in 3 days', '2026-03-13 09:00', 'in 3 days', false],
    [LA_TUE, 'plan trip in 2 weeks', '2026-03-24 09:00', 'in 2 weeks', false],
    [LA_TUE, 'check oven in 2 hours', '2026-03-10 18:30', 'in 2 hours', true],
    [UTC_TUE, 'check oven in 30 minutes', '2026-03-10 16:00', 'in 30 minutes', true],
    // Weekdays: the coming one; on that very day, next week's. Abbreviations after by/on/due.
    [LA_TUE, 'report by friday', '2026-03-13 09:00', 'by friday', false],
    [LA_TUE, 'report due friday', '2026-03-13 09:00', 'due friday', false],
    [LA_TUE, 'report by fri', '2026-03-13 09:00', 'by fri', false],
    [LA_TUE, 'report due on thurs', '2026-03-12 09:00', 'due on thurs', false],
    [LA_TUE, 'brunch on sat', '2026-03-14 09:00', 'on sat', false],
    [UTC_FRI, 'report friday', '2026-03-20 09:00', 'friday', false],
    [UTC_FRI, 'report by fri', '2026-03-20 09:00', 'by fri', false],
    [UTC_FRI, 'drinks this friday', '2026-03-13 23:59', 'this friday', false],
    [LA_TUE, 'team lunch this friday', '2026-03-13 09:00', 'this friday', false],
    // "next <weekday>" is that day of next week (the week starting Monday).
    [LA_TUE, 'team lunch next friday', '2026-03-20 09:00', 'next friday', false],
    [LA_TUE, 'team lunch next tuesday at 12pm', '2026-03-17 12:00', 'next tuesday at 12pm', true],
    [LA_TUE, 'friday at 5:30 drinks', '2026-03-13 17:30', 'friday at 5:30', true],
    // Days of the month and calendar dates.
    [LA_TUE, 'party on the 15th', '2026-03-15 09:00', 'on the 15th', false],
    [LA_TUE, 'party on the 3rd', '2026-04-03 09:00', 'on the 3rd', false],
    [APR_10, 'rent by the 31st', '2026-05-31 09:00', 'by the 31st', false],
    [LA_TUE, 'gift Dec 4', '2026-12-04 09:00', 'Dec 4', false],
    [LA_TUE, 'gift by 4 December', '2026-12-04 09:00', 'by 4 December', false],
    [LA_TUE, 'gift 12/25', '2026-12-25 09:00', '12/25', false],
    [at('2026-12-10 10:00', UTC), 'gift Dec 4', '2027-12-04 09:00', 'Dec 4', false],
    [LEAP_EVE, 'leap party feb 29', '2028-02-29 09:00', 'feb 29', false],
    [LEAP_EVE, 'leap party tomorrow', '2028-02-29 09:00', 'tomorrow', false],
    [LA_TUE, 'file taxes by april', '2026-04-01 09:00', 'by april', false],
    [LA_TUE, 'taxes due 2026-04-15', '2026-04-15 09:00', 'due 2026-04-15', false],
    [LA_TUE, 'sync at 2026-12-01T09:00:00Z', '2026-12-01 01:00', 'at 2026-12-01T09:00:00Z', true],
    // Times alone: today, or tomorrow once passed.
    [LA_TUE, 'call bob at 5pm', '2026-03-10 17:00', 'at 5pm', true],
    [LA_TUE, 'call bob at 9am', '2026-03-11 09:00', 'at 9am', true],
    [LA_TUE, 'standup at 17:00', '2026-03-10 17:00', 'at 17:00', true],
    [LA_TUE, 'call bob at 5pm tomorrow', '2026-03-11 17:00', 'at 5pm tomorrow', true],
    [LA_TUE, 'call bob 5pm tomorrow', '2026-03-11 17:00', '5pm tomorrow', true],
    // An hour without am/pm next to a day reads in the daytime window: "at 5" is 5 pm.
    [LA_TUE, 'call bob tomorrow at 5', '2026-03-11 17:00', 'tomorrow at 5', true],
    // Across DST: a wall-clock time keeps its hour after the change.
    [NY_FRI, 'standup next monday 9am', '2026-11-02 09:00', 'next monday 9am', true],
    [NY_FRI, 'standup in 3 days', '2026-11-02 09:00', 'in 3 days', false],
    [NY_SAT, 'check clocks tomorrow at 2:30am', '2026-03-08 03:30', 'tomorrow at 2:30am', true],
    // More of what people type.
    [LA_TUE, 'party tonite', '2026-03-10 20:00', 'tonite', true],
    [LA_TUE, 'bbq tonite at 8', '2026-03-10 20:00', 'tonite at 8', true],
    [LA_TUE, 'read this evening at 7', '2026-03-10 19:00', 'this evening at 7', true],
    [LA_TUE, 'run tmrw morning', '2026-03-11 09:00', 'tmrw morning', true],
    [LA_TUE, 'finish the deck this week', '2026-03-13 17:00', 'this week', false],
    [LA_TUE, 'hike next weekend', '2026-03-21 09:00', 'next weekend', false],
    [LA_TUE, 'stretch in an hour', '2026-03-10 17:30', 'in an hour', true],
    [LA_TUE, 'review in a week', '2026-03-17 09:00', 'in a week', false],
    [LA_TUE, 'meeting next tue 10am', '2026-03-17 10:00', 'next tue 10am', true],
    [LA_TUE, 'doctor appt 3/15 at 2pm', '2026-03-15 14:00', '3/15 at 2pm', true],
    [LA_TUE, 'pay bills by the 1st', '2026-04-01 09:00', 'by the 1st', false],
    [LA_TUE, 'report due 12/1', '2026-12-01 09:00', 'due 12/1', false],
    [LA_TUE, 'standup at 7:30', '2026-03-11 07:30', 'at 7:30', true],
    [LA_TUE, 'call jan tomorrow', '2026-03-11 09:00', 'tomorrow', false],
    [LA_TUE, 'buy milk tomorrow at 5pm #shopping', '2026-03-11 17:00', 'tomorrow at 5pm', true],
    [
      LA_TUE,
      'Update task 2 to submit project report tomorrow at 6 PM',
      '2026-03-11 18:00',
      'tomorrow at 6 PM',
      true,
    ],
    [LA_TUE, 'fix bug #12 by friday', '2026-03-13 09:00', 'by friday', false],
    // Karachi and UTC read the same phrase on their own calendars.
    [KHI_TUE, 'buy milk tomorrow at 5pm', '2026-03-11 17:00', 'tomorrow at 5pm', true],
    [UTC_TUE, 'buy milk tomorrow at 5pm', '2026-03-11 17:00', 'tomorrow at 5pm', true],
  ])(
    'GIVEN now %o WHEN "%s" THEN due %s local, phrase "%s", time named: %s',
    (ctx, text, due, phrase, hasTime) => {
      const found = findDate(text, ctx);
      expect(wall(found?.at, ctx.zone)).toBe(due);
      expect(found?.text).toBe(phrase);
      expect(text.slice(found!.index, found!.index + found!.length)).toBe(phrase);
      expect(found?.hasTime).toBe(hasTime);
    },
  );

  it('GIVEN Friday in New York WHEN "next monday 9am" THEN the instant is 09:00 EST (14:00 UTC), after DST ended', () => {
    expect(findDate('next monday 9am', NY_FRI)?.at.toISOString()).toBe('2026-11-02T14:00:00.000Z');
  });

  it('GIVEN 6 pm in Los Angeles WHEN "tomorrow" THEN 09:00 LA on the next LA day (17:00 UTC)', () => {
    expect(findDate('tomorrow', LA_EVENING)?.at.toISOString()).toBe('2026-11-27T17:00:00.000Z');
  });

  it.each([
    'mark 10 essays',
    'decorate 2 rooms',
    'call Marco 3 times',
    'buy sun cream',
    'read 1984',
    'may the force be with you',
    'march band practice',
    'watch second season',
    'fix 3 bugs',
    'pay 50 dollars',
    'order 2 pizzas',
    'sat exam prep',
    'buy 2 dozen eggs',
    'book a table for 4',
    'task 3',
    '10 essays',
    'read chapter 3',
    'fix the satellite dish',
    'morning run',
    'midnight snack',
    'evening walk',
    'weekend trip',
    'call may 5 times',
    'grade jan 3 essays',
    'buy 1/2 gallon milk',
    'meet at 5',
    'call the guy I met yesterday',
    'sort photos from last friday',
    'watch the 2nd season',
    'now that is music',
    'email wed about tickets',
    'email june about the contract',
    'room 101 cleanup',
    'buy 3 apples',
  ])('GIVEN the title "%s" THEN no date is taken out of it', (text) => {
    expect(findDate(text, LA_TUE)).toBeNull();
  });
});

describe('parseDatePhrase', () => {
  it.each([
    [LA_TUE, 'next friday 5pm', '2026-03-20 17:00', true],
    [LA_TUE, 'tomorrow', '2026-03-11 09:00', false],
    [LA_TUE, 'Tomorrow.', '2026-03-11 09:00', false],
    [LA_TUE, 'in 2 hours', '2026-03-10 18:30', true],
    [LA_TUE, '2026-12-01T09:00:00Z', '2026-12-01 01:00', true],
    [KHI_TUE, '2026-12-01T09:00:00+05:00', '2026-12-01 09:00', true],
    // An ISO time without an offset is the user's wall clock.
    [LA_TUE, '2026-12-01T09:00', '2026-12-01 09:00', true],
    [LA_TUE, '2026-12-01', '2026-12-01 09:00', false],
    [LA_TUE, 'Dec 4', '2026-12-04 09:00', false],
    [LA_TUE, 'by friday', '2026-03-13 09:00', false],
    [LA_TUE, 'the 15th', '2026-03-15 09:00', false],
    [LA_TUE, '15th', '2026-03-15 09:00', false],
    [LA_TUE, 'sat', '2026-03-14 09:00', false],
    [LA_TUE, '5pm', '2026-03-10 17:00', true],
    [LA_TUE, 'at 5', '2026-03-10 17:00', true],
    [LA_TUE, 'today', '2026-03-10 23:59', false],
    [LA_TUE, 'end of month', '2026-03-31 17:00', false],
    [NY_FRI, 'next monday 9am', '2026-11-02 09:00', true],
    [LEAP_EVE, 'feb 29', '2028-02-29 09:00', false],
    [UTC_TUE, 'next week', '2026-03-16 09:00', false],
  ])('GIVEN now %o WHEN the phrase "%s" THEN %s local, time named: %s', (ctx, phrase, due, hasTime) => {
    const found = parseDatePhrase(phrase, ctx);
    expect(wall(found?.at, ctx.zone)).toBe(due);
    expect(found?.hasTime).toBe(hasTime);
  });

  it.each(['', '   ', 'buy milk', 'tomorrow buy milk', 'sometime', 'soon', '3', 'task 3', 'not a date'])(
    'GIVEN "%s" THEN it is not a date phrase',
    (phrase) => expect(parseDatePhrase(phrase, LA_TUE)).toBeNull(),
  );
});
