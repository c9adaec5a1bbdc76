import { describe, expect, it } from 'vitest';
import { DEFAULT_MINUTES, PART_OF_DAY, clockText, parseTimeOfDay } from '../../src/language/time-of-day';

const hm = (h: number, m = 0) => h * 60 + m;

describe('parseTimeOfDay', () => {
  it.each([
    ['3pm', hm(15)],
    ['3 PM', hm(15)],
    ['at 14:30', hm(14, 30)],
    ['at 5:30 pm', hm(17, 30)],
    ['5.30pm', hm(17, 30)],
    ['9 a.m.', hm(9)],
    ['12pm', hm(12)],
    ['12 am', hm(0)],
    ['noon', hm(12)],
    ['midnight', hm(0)],
    ['by noon', hm(12)],
    ['the morning', hm(9)],
    ['afternoon', hm(14)],
    ['this evening', hm(19)],
    ['tonight', hm(20)],
    ['end of day', hm(17)],
    ['EOD', hm(17)],
    ['17:00', hm(17)],
    ['05:30', hm(5, 30)],
    // An hour without am/pm reads in the daytime window 07:00–18:59: "to 3" is 3 pm, "at 8" is 8 am.
    ['3', hm(15)],
    ['at 8', hm(8)],
    ['at 6', hm(18)],
    ['at 7', hm(7)],
    ['11', hm(11)],
    ["5 o'clock", hm(17)],
    ['  at 4:15  ', hm(16, 15)],
  ])('GIVEN "%s" THEN %i minutes after midnight', (phrase, minutes) =>
    expect(parseTimeOfDay(phrase)).toBe(minutes),
  );

  it.each(['', 'tomorrow', '25:00', '13pm', '0', 'at 5:75', 'buy milk', '3 days', 'friday'])(
    'GIVEN "%s" THEN it is not a time of day',
    (phrase) => expect(parseTimeOfDay(phrase)).toBeNull(),
  );
});

describe('default hours', () => {
  it.each([
    ['a date without a time', DEFAULT_MINUTES, hm(9)],
    ['tonight', PART_OF_DAY.tonight, hm(20)],
    ['morning', PART_OF_DAY.morning, hm(9)],
    ['afternoon', PART_OF_DAY.afternoon, hm(14)],
    ['evening', PART_OF_DAY.evening, hm(19)],
    ['noon', PART_OF_DAY.noon, hm(12)],
    ['end of day', PART_OF_DAY['end of day'], hm(17)],
    ['eod', PART_OF_DAY.eod, hm(17)],
  ])('GIVEN %s THEN it means %i minutes after midnight', (_what, actual, expected) =>
    expect(actual).toBe(expected),
  );
});

describe('clockText', () => {
  it.each([
    [hm(17), '5 pm'],
    [hm(17, 30), '5:30 pm'],
    [hm(9, 5), '9:05 am'],
    [hm(12), '12 pm'],
    [hm(0), '12 am'],
    [hm(23, 59), '11:59 pm'],
  ])('GIVEN %i minutes THEN "%s"', (minutes, text) => expect(clockText(minutes)).toBe(text));
});
