import { describe, expect, it } from 'vitest';
import {
  customProblem,
  describeRepeat,
  repeatFromRule,
  ruleFromRepeat,
  type Repeat,
} from '../../../lib/client/repeat';
import { catalogTranslator } from '../../helpers/i18n';

const en = catalogTranslator('en', 'repeat');
const ur = catalogTranslator('ur', 'repeat');

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
    expect(describeRepeat('FREQ=WEEKLY;BYDAY=MO', '2026-11-30T09:00:00Z', 'UTC', en, 'en', now)).toBe(
      'Every Mon · next Dec 7',
    );
    expect(
      describeRepeat('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-11-27T09:00:00Z', 'UTC', en, 'en', now),
    ).toBe('Weekdays · next Nov 30');
  });

  it("GIVEN the user's zone WHEN the due instant is another day in UTC THEN the days are the user's", () => {
    // 07:00 UTC Monday is 11 pm Sunday in Los Angeles: every Sunday there, next one a week on.
    expect(
      describeRepeat('FREQ=WEEKLY;BYDAY=SU', '2026-11-30T07:00:00Z', 'America/Los_Angeles', en, 'en', now),
    ).toBe('Every Sun · next Dec 6');
  });

  it('GIVEN an overdue or undated task, a month end and an ended rule WHEN summarised THEN next comes after now', () => {
    expect(describeRepeat('FREQ=DAILY', '2026-11-01T09:00:00Z', 'UTC', en, 'en', now)).toBe(
      'Daily · next Nov 28',
    );
    expect(describeRepeat('FREQ=MONTHLY;BYMONTHDAY=1', null, 'UTC', en, 'en', now)).toBe(
      'Monthly on the 1st · next Dec 1',
    );
    expect(
      describeRepeat(
        'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
        '2027-01-31T09:00:00Z',
        'UTC',
        en,
        'en',
        now,
      ),
    ).toBe('Monthly on the 31st · next Feb 28, 2027');
    expect(
      describeRepeat('FREQ=DAILY;UNTIL=20261130T235959Z', '2026-11-30T09:00:00Z', 'UTC', en, 'en', now),
    ).toMatch(/^Every day until .* · last time$/);
    expect(
      describeRepeat('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-11-30T09:00:00Z', 'UTC', en, 'en', now),
    ).toBe('Every 2 weeks on Monday · next Dec 14');
    expect(describeRepeat('FREQ=NOPE', null, 'UTC', en, 'en', now)).toBeNull();
  });
});

describe('describeRepeat in Urdu', () => {
  const now = new Date('2026-11-27T12:00:00Z'); // a Friday

  it.each([
    ['FREQ=DAILY', '2026-11-01T09:00:00Z', 'UTC', 'روزانہ · اگلی بار 28 نومبر'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-11-27T09:00:00Z', 'UTC', 'پیر تا جمعہ · اگلی بار 30 نومبر'],
    ['FREQ=WEEKLY;BYDAY=MO', '2026-11-30T09:00:00Z', 'UTC', 'ہر پیر · اگلی بار 7 دسمبر'],
    ['FREQ=WEEKLY;BYDAY=SU', '2026-11-30T07:00:00Z', 'America/Los_Angeles', 'ہر اتوار · اگلی بار 6 دسمبر'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', null, 'UTC', 'ہر مہینے کی 1 تاریخ · اگلی بار 1 دسمبر'],
    [
      'FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1',
      '2027-01-31T09:00:00Z',
      'UTC',
      'ہر مہینے کی 31 تاریخ · اگلی بار 28 فروری، 2027',
    ],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', null, 'UTC', 'ہر مہینے کے آخری دن · اگلی بار 30 نومبر'],
    ['FREQ=DAILY;INTERVAL=3', '2026-11-27T09:00:00Z', 'UTC', 'ہر 3 دن · اگلی بار 30 نومبر'],
    [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      '2026-11-30T09:00:00Z',
      'UTC',
      'ہر 2 ہفتے پیر کو · اگلی بار 14 دسمبر',
    ],
    ['FREQ=MONTHLY;INTERVAL=2', '2026-11-27T09:00:00Z', 'UTC', 'ہر 2 مہینے · اگلی بار 27 جنوری، 2027'],
    ['FREQ=YEARLY', '2026-11-27T09:00:00Z', 'UTC', 'ہر سال · اگلی بار 27 نومبر، 2027'],
    // A rule the templates cannot word: a generic phrase, never rrule's English.
    ['FREQ=MONTHLY;BYDAY=1MO', '2026-12-07T09:00:00Z', 'UTC', 'اپنی مرضی کا تکرار · اگلی بار 4 جنوری، 2027'],
    ['FREQ=DAILY;UNTIL=20261130T235959Z', '2026-11-30T09:00:00Z', 'UTC', 'اپنی مرضی کا تکرار · آخری بار'],
  ])('GIVEN %s due %s in %s THEN it reads “%s”', (rule, due, zone, text) => {
    expect(describeRepeat(rule, due, zone, ur, 'ur', now)).toBe(text);
  });

  it('GIVEN the English UI THEN every N and a rule the templates cannot word read in English', () => {
    expect(describeRepeat('FREQ=DAILY;INTERVAL=3', '2026-11-27T09:00:00Z', 'UTC', en, 'en', now)).toBe(
      'Every 3 days · next Nov 30',
    );
    expect(describeRepeat('FREQ=MONTHLY;BYDAY=1MO', '2026-12-07T09:00:00Z', 'UTC', en, 'en', now)).toBe(
      'Every month on the 1st Monday · next Jan 4, 2027',
    );
  });
});

describe('customProblem', () => {
  const en = catalogTranslator('en', 'repeat');
  const ur = catalogTranslator('ur', 'repeat');

  it.each([
    ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY=XX is out of range.', 'BYDAY=XX کی قدر حد سے باہر ہے۔'],
    [
      'FREQ=DAILY;FOO=1',
      '“FOO=1” is not an RRULE part such as FREQ=WEEKLY or BYDAY=MO.',
      '“FOO=1” کوئی RRULE حصہ نہیں، جیسے FREQ=WEEKLY یا BYDAY=MO۔',
    ],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ is given twice.', 'FREQ دو بار دیا گیا ہے۔'],
    [
      'BYDAY=MO',
      'FREQ (HOURLY, DAILY, WEEKLY, MONTHLY or YEARLY) is required.',
      'FREQ (HOURLY، DAILY، WEEKLY، MONTHLY یا YEARLY) لازمی ہے۔',
    ],
    [
      'FREQ=DAILY;COUNT=2;UNTIL=20300101',
      'COUNT and UNTIL cannot both be given.',
      'COUNT اور UNTIL دونوں ایک ساتھ نہیں دیے جا سکتے۔',
    ],
  ])(
    'GIVEN the custom rule %s WHEN checked THEN the problem is named in English and in Urdu',
    async (rule, english, urdu) => {
      expect(await customProblem(rule, en)).toBe(english);
      expect(await customProblem(rule, ur)).toBe(urdu);
    },
  );

  it('GIVEN a rule that is too long, empty or right WHEN checked THEN it says so, or nothing', async () => {
    expect(await customProblem(`FREQ=DAILY;${'BYHOUR=1;'.repeat(60)}`, ur)).toBe(
      'قاعدہ زیادہ سے زیادہ 500 حروف کا ہو سکتا ہے۔',
    );
    expect(await customProblem('  ', en)).toBe(en('typeRule'));
    expect(await customProblem('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', ur)).toBeNull();
  });
});
