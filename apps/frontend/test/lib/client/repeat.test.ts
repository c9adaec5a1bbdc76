import { describe, expect, it } from 'vitest';
import { describeRepeat, repeatFromRule, ruleFromRepeat, type Repeat } from '../../../lib/client/repeat';

const anchor = { weekday: 2, day: 15 };
const choice = (over: Partial<Repeat>): Repeat => ({
  kind: 'none',
  days: [2],
  monthDay: 15,
  custom: '',
  ...over,
});

describe('repeat picker rules', () => {
  it('GIVEN each picker choice WHEN written THEN rrule spells it and reading it back gives the same choice', () => {
    const cases: Array<[Partial<Repeat>, string | null]> = [
      [{ kind: 'none' }, null],
      [{ kind: 'daily' }, 'FREQ=DAILY'],
      [{ kind: 'weekdays' }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
      [{ kind: 'weekly', days: [3, 0] }, 'FREQ=WEEKLY;BYDAY=MO,TH'],
      [{ kind: 'monthly', monthDay: 1 }, 'FREQ=MONTHLY;BYMONTHDAY=1'],
      [{ kind: 'monthly', monthDay: -1 }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
      [{ kind: 'monthly', monthDay: 31 }, 'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1'],
      [{ kind: 'custom', custom: ' rrule:freq=yearly;bymonth=3 ' }, 'FREQ=YEARLY;BYMONTH=3'],
    ];
    for (const [over, rule] of cases) {
      expect(ruleFromRepeat(choice(over))).toBe(rule);
      if (rule && over.kind !== 'custom') {
        const back = repeatFromRule(rule, anchor);
        expect(back.kind).toBe(over.kind);
        if (over.days) expect(back.days).toEqual([...over.days].sort());
        if (over.monthDay) expect(back.monthDay).toBe(over.monthDay);
      }
    }
  });

  it('GIVEN rules the picker has no choice for WHEN read THEN they are custom, kept as written', () => {
    for (const rule of [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      'FREQ=MONTHLY;BYDAY=1MO',
      'FREQ=DAILY;COUNT=3',
      'FREQ=YEARLY',
    ]) {
      expect(repeatFromRule(rule, anchor)).toMatchObject({ kind: 'custom', custom: rule });
    }
    // A weekly rule without days repeats on its first day: shown as that weekday.
    expect(repeatFromRule('FREQ=WEEKLY', anchor)).toMatchObject({ kind: 'weekly', days: [2] });
    expect(repeatFromRule(null, anchor)).toMatchObject({ kind: 'none', days: [2], monthDay: 15 });
  });
});

describe('describeRepeat', () => {
  const now = new Date('2026-11-27T12:00:00Z'); // a Friday

  it('GIVEN a weekly task due Monday WHEN summarised THEN it names the day and the occurrence after this one', () => {
    expect(describeRepeat('FREQ=WEEKLY;BYDAY=MO', '2026-11-30T09:00:00Z', 'UTC', now)).toBe(
      'Every Mon · next Dec 7',
    );
    expect(describeRepeat('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-11-27T09:00:00Z', 'UTC', now)).toBe(
      'Weekdays · next Nov 30',
    );
  });

  it("GIVEN the user's zone WHEN the due instant is another day in UTC THEN the days are the user's", () => {
    // 07:00 UTC Monday is 11 pm Sunday in Los Angeles: every Sunday there, next one a week on.
    expect(describeRepeat('FREQ=WEEKLY;BYDAY=SU', '2026-11-30T07:00:00Z', 'America/Los_Angeles', now)).toBe(
      'Every Sun · next Dec 6',
    );
  });

  it('GIVEN an overdue or undated task, a month end and an ended rule WHEN summarised THEN next comes after now', () => {
    expect(describeRepeat('FREQ=DAILY', '2026-11-01T09:00:00Z', 'UTC', now)).toBe('Daily · next Nov 28');
    expect(describeRepeat('FREQ=MONTHLY;BYMONTHDAY=1', null, 'UTC', now)).toBe(
      'Monthly on the 1st · next Dec 1',
    );
    expect(
      describeRepeat('FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1', '2027-01-31T09:00:00Z', 'UTC', now),
    ).toBe('Monthly on the 31st · next Feb 28, 2027');
    expect(describeRepeat('FREQ=DAILY;UNTIL=20261130T235959Z', '2026-11-30T09:00:00Z', 'UTC', now)).toMatch(
      /^Every day until .* · last time$/,
    );
    expect(describeRepeat('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-11-30T09:00:00Z', 'UTC', now)).toBe(
      'Every 2 weeks on Monday · next Dec 14',
    );
    expect(describeRepeat('FREQ=NOPE', null, 'UTC', now)).toBeNull();
  });
});
