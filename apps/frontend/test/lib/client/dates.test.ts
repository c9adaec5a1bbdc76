import { describe, expect, it } from 'vitest';
import { dateInputFromDue, dueFromDateInput } from '../../../lib/client/dates';
import { describeDue } from '../../../lib/client/due-text';

// One "now" seen from two zones: Thu Nov 26 2026, 18:00 in Los Angeles = Fri Nov 27, 07:00 in Karachi.
const NOW = new Date('2026-11-27T02:00:00Z');
const LA = 'America/Los_Angeles';
const KHI = 'Asia/Karachi';

const pending = (due_at: string | null) => ({ due_at, completed: false });

describe('describeDue in the user’s zone', () => {
  it.each([
    // [due instant, zone, text, overdue]
    ['2026-11-28T01:00:00Z', LA, 'Tomorrow 5 pm', false], // Fri 17:00 in LA
    ['2026-11-28T01:00:00Z', KHI, 'Tomorrow 6 am', false], // Sat 06:00 in Karachi
    ['2026-11-27T03:30:00Z', LA, 'Today 7:30 pm', false],
    ['2026-11-27T03:30:00Z', KHI, 'Today 8:30 am', false],
    ['2026-11-27T01:00:00Z', LA, 'Today 5 pm', true], // an hour ago
    ['2026-11-26T17:00:00Z', LA, 'Today 9 am', true],
    ['2026-11-26T17:00:00Z', KHI, 'Yesterday 10 pm', true],
    ['2026-12-04T23:00:00Z', LA, 'Fri, Dec 4, 3 pm', false],
    ['2026-12-04T10:00:00Z', KHI, 'Fri, Dec 4, 3 pm', false],
    ['2026-12-05T01:00:00Z', KHI, 'Sat, Dec 5, 6 am', false],
    ['2027-01-05T17:00:00Z', LA, 'Jan 5, 2027, 9 am', false],
  ])('GIVEN due %s WHEN shown in %s THEN it reads "%s"', (due, zone, text, overdue) => {
    expect(describeDue(pending(due), zone, NOW)).toEqual({ text, overdue });
  });

  it('GIVEN a date picked without a time WHEN shown in the zone it was picked in THEN it reads as a day only, overdue only after that day', () => {
    const tomorrowLa = dueFromDateInput('2026-11-27', LA)!;
    expect(describeDue(pending(tomorrowLa), LA, NOW)).toEqual({ text: 'Tomorrow', overdue: false });
    const todayKhi = dueFromDateInput('2026-11-27', KHI)!;
    expect(describeDue(pending(todayKhi), KHI, new Date('2026-11-27T18:00:00Z'))).toEqual({
      text: 'Today',
      overdue: false,
    });
    expect(describeDue(pending(todayKhi), KHI, new Date('2026-11-27T19:30:00Z'))).toEqual({
      text: 'Yesterday',
      overdue: true,
    });
  });

  it('GIVEN a completed, an undated or a malformed due WHEN described THEN it is not overdue or not shown', () => {
    expect(describeDue({ due_at: '2026-11-01T10:00:00Z', completed: true }, LA, NOW)?.overdue).toBe(false);
    expect(describeDue(pending(null), LA, NOW)).toBeNull();
    expect(describeDue(pending('not a date'), LA, NOW)).toBeNull();
  });

  it('GIVEN the day DST ends in Los Angeles WHEN a due falls after the change THEN the day and hour are still right', () => {
    // Nov 1 2026: clocks go back at 02:00 PDT. 17:00 PST that day is 01:00Z on Nov 2.
    const now = new Date('2026-11-01T15:00:00Z'); // 07:00 PST, after the change
    expect(describeDue(pending('2026-11-02T01:00:00Z'), LA, now)?.text).toBe('Today 5 pm');
  });
});

describe('date input round trip', () => {
  it.each([LA, KHI, 'UTC', 'Pacific/Kiritimati'])(
    'GIVEN a picked day in %s WHEN stored and read back THEN the same calendar day comes back at local noon',
    (zone) => {
      const iso = dueFromDateInput('2026-03-08', zone);
      expect(iso).not.toBeNull();
      expect(dateInputFromDue(iso, zone)).toBe('2026-03-08');
      expect(describeDue(pending(iso), zone, new Date('2026-03-07T12:00:00Z'))?.text).not.toMatch(/am|pm/);
    },
  );

  it('GIVEN an empty or malformed value WHEN converted THEN there is no due date', () => {
    expect(dueFromDateInput('', LA)).toBeNull();
    expect(dueFromDateInput('12/04/2026', LA)).toBeNull();
    expect(dateInputFromDue(null, LA)).toBe('');
  });
});

describe('describeDue in Urdu', () => {
  // Intl's Urdu words: آج (today), آئندہ کل (tomorrow); weekday and month names from CLDR.
  it.each([
    ['2026-11-27T12:00:00Z', 'آج 5 PM'],
    ['2026-11-28T04:30:00Z', 'آئندہ کل 9:30 AM'],
    ['2026-12-04T07:00:00Z', 'جمعہ، 4 دسمبر'],
    ['2026-12-04T10:00:00Z', 'جمعہ، 4 دسمبر، 3 PM'],
    ['2027-12-04T07:00:00Z', '4 دسمبر، 2027'],
  ])('GIVEN a due of %s in Karachi THEN it reads “%s”', (due, text) => {
    expect(describeDue(pending(due), KHI, NOW, 'ur')?.text).toBe(text);
  });

  it('GIVEN an Urdu due date in the past THEN it is still overdue', () => {
    expect(describeDue(pending('2026-11-26T04:00:00Z'), KHI, NOW, 'ur')?.overdue).toBe(true);
  });
});
