import { describe, expect, it } from 'vitest';
import { formatWhen } from '../../src/language/format';
import { KARACHI, LA, UTC, at, instant as local, LA_TUE, LA_EVENING, NY_FRI } from './wall-clock';

const NEW_YEARS_EVE = at('2026-12-31 22:00', KARACHI);

describe('formatWhen', () => {
  it.each([
    // GIVEN now + zone, WHEN the due instant (local wall clock), THEN how it reads.
    [LA_TUE, '2026-03-10 17:00', 'today at 5 pm'],
    [LA_TUE, '2026-03-10 17:30', 'today at 5:30 pm'],
    [LA_TUE, '2026-03-10 23:59', 'today at 11:59 pm'],
    [LA_TUE, '2026-03-11 09:00', 'tomorrow at 9 am'],
    [LA_TUE, '2026-03-09 17:00', 'yesterday at 5 pm'],
    [LA_TUE, '2026-03-13 15:00', 'Fri, Mar 13 at 3 pm'],
    [LA_TUE, '2026-03-12 12:00', 'Thu, Mar 12 at 12 pm'],
    [LA_TUE, '2026-01-02 00:15', 'Fri, Jan 2 at 12:15 am'],
    [LA_TUE, '2027-12-04 15:00', 'Dec 4, 2027 at 3 pm'],
    [NY_FRI, '2026-11-02 09:00', 'Mon, Nov 2 at 9 am'],
    [NEW_YEARS_EVE, '2027-01-01 09:00', 'tomorrow at 9 am'],
    [NEW_YEARS_EVE, '2027-01-05 09:00', 'Jan 5, 2027 at 9 am'],
  ])('GIVEN now %o WHEN due %s local THEN "%s"', (ctx, due, text) => {
    expect(formatWhen(local(due, ctx.zone), ctx)).toBe(text);
  });

  it.each([
    // The same instant reads on each user's own calendar: ISO strings are accepted as stored.
    [LA_EVENING, '2026-11-27T17:00:00.000Z', 'tomorrow at 9 am'],
    [LA_EVENING, '2026-11-27T03:00:00.000Z', 'today at 7 pm'],
    [at('2026-11-26 18:00', UTC), '2026-11-27T03:00:00.000Z', 'tomorrow at 3 am'],
    [at('2026-03-10 08:00', KARACHI), '2026-03-10T04:00:00.000Z', 'today at 9 am'],
  ])('GIVEN now %o WHEN due %s THEN "%s"', (ctx, iso, text) => expect(formatWhen(iso, ctx)).toBe(text));

  it.each([
    [LA_TUE, '2026-03-10 17:00', 'آج شام 5 بجے'],
    [LA_TUE, '2026-03-10 17:30', 'آج شام 5:30 بجے'],
    [LA_TUE, '2026-03-10 20:00', 'آج رات 8 بجے'],
    [LA_TUE, '2026-03-11 09:00', 'کل صبح 9 بجے'],
    [LA_TUE, '2026-03-09 17:00', 'گزشتہ کل شام 5 بجے'],
    [LA_TUE, '2026-03-13 15:00', 'جمعہ، 13 مارچ، دوپہر 3 بجے'],
    [LA_TUE, '2027-12-04 15:00', '4 دسمبر 2027، دوپہر 3 بجے'],
  ])('GIVEN now %o and Urdu WHEN due %s local THEN "%s"', (ctx, due, text) => {
    expect(formatWhen(local(due, ctx.zone), { ...ctx, locale: 'ur' })).toBe(text);
  });

  it('GIVEN every hour of a week in three zones THEN no reply shows ISO text or "UTC"', () => {
    for (const zone of [LA, KARACHI, UTC]) {
      const ctx = at('2026-03-10 12:00', zone);
      for (let hour = 0; hour < 24 * 7; hour++) {
        const text = formatWhen(new Date(ctx.now.getTime() + hour * 3_600_000), ctx);
        expect(text).not.toMatch(/UTC|GMT|\d{4}-\d\d-\d\d|T\d\d:/);
      }
    }
  });

  it('GIVEN text that is not an instant THEN an empty string, never "Invalid DateTime"', () => {
    expect(formatWhen('not a date', LA_TUE)).toBe('');
  });
});
