import { describe, expect, it } from 'vitest';
import { describeRrule, ordinal } from '../../src/language/summary';

describe('describeRrule', () => {
  it.each([
    ['FREQ=DAILY', undefined, 'every day'],
    ['FREQ=DAILY;INTERVAL=2', undefined, 'every other day'],
    ['FREQ=DAILY;INTERVAL=3', undefined, 'every 3 days'],
    ['FREQ=DAILY', 8 * 60, 'every day at 8 am'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 8 * 60, 'every weekday at 8 am'],
    ['FREQ=WEEKLY;BYDAY=MO', undefined, 'every Monday'],
    ['FREQ=WEEKLY;BYDAY=MO,TH', 18 * 60 + 30, 'every Monday and Thursday at 6:30 pm'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR', undefined, 'every Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', undefined, 'every other Monday'],
    ['FREQ=WEEKLY;INTERVAL=3;BYDAY=TU', undefined, 'every 3 weeks on Tuesday'],
    ['FREQ=WEEKLY', undefined, 'every week'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', undefined, 'monthly on the 1st'],
    ['FREQ=MONTHLY;BYMONTHDAY=22', undefined, 'monthly on the 22nd'],
    ['FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', undefined, 'monthly on the 31st'],
    ['FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1', undefined, 'monthly on the 30th'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', undefined, 'monthly on the last day'],
    ['FREQ=MONTHLY;BYDAY=1MO', undefined, 'monthly on the first Monday'],
    ['FREQ=MONTHLY;BYDAY=-1FR', undefined, 'monthly on the last Friday'],
    ['FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=13', undefined, 'every other month on the 13th'],
    ['FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25', undefined, 'every year on Dec 25'],
    ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1', undefined, 'every year on Feb 29'],
    ['FREQ=HOURLY', undefined, 'every hour'],
    ['FREQ=HOURLY;INTERVAL=2', 9 * 60, 'every 2 hours'],
    // Shapes the language layer does not write read as the rrule library words them.
    ['FREQ=DAILY;COUNT=5', undefined, 'every day for 5 times'],
    ['not a rule', undefined, 'repeating'],
  ])('GIVEN %s at %s minutes THEN "%s"', (rrule, minutes, text) =>
    expect(describeRrule(rrule, minutes)).toBe(text),
  );
});

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [31, '31st'],
  ])('GIVEN %i THEN "%s"', (n, text) => expect(ordinal(n)).toBe(text));
});
