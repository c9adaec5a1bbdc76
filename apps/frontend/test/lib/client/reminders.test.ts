import { describe, expect, it } from 'vitest';
import {
  choiceOf,
  durationMs,
  instantOfLocalInput,
  localInputOf,
  nextReminder,
  reminderProblem,
  rulesOf,
} from '../../../lib/client/reminders';
import { catalogTranslator } from '../../helpers/i18n';

const now = new Date('2026-11-27T12:00:00Z');
const en = catalogTranslator('en', 'reminders');
const ur = catalogTranslator('ur', 'reminders');

describe('reminder choices', () => {
  it('GIVEN each editor choice WHEN turned into rules and back THEN the same choice comes back', () => {
    for (const c of ['PT0S', 'PT10M', 'PT1H', 'P1D'] as const) {
      expect(rulesOf(c, '', [])).toEqual([{ before: c }]);
      expect(choiceOf(rulesOf(c, '', [])).choice).toBe(c);
    }
    expect(rulesOf('none', '', [])).toEqual([]);
    expect(choiceOf([])).toEqual({ choice: 'none', at: '' });
    expect(rulesOf('at', '2026-12-01T09:00:00.000Z', [])).toEqual([{ at: '2026-12-01T09:00:00.000Z' }]);
    expect(choiceOf([{ at: '2026-12-01T09:00:00.000Z' }])).toEqual({
      choice: 'at',
      at: '2026-12-01T09:00:00.000Z',
    });
  });

  it('GIVEN rules the editor has no single choice for WHEN shown THEN they are kept as they are', () => {
    const rules = [{ before: 'PT15M' }, { before: 'P1D' }];
    expect(choiceOf(rules).choice).toBe('kept');
    expect(choiceOf([{ before: 'PT15M' }]).choice).toBe('kept');
    expect(rulesOf('kept', '', rules)).toEqual(rules);
  });

  it('GIVEN bad input WHEN checked THEN the message says what to fix', () => {
    expect(reminderProblem('PT10M', '', null, en, now)).toBe(
      'A reminder before the due time needs a due date.',
    );
    expect(reminderProblem('PT10M', '', '2026-12-01T12:00:00Z', en, now)).toBeNull();
    expect(reminderProblem('at', '', null, en, now)).toBe('Choose the date and time to be reminded at.');
    expect(reminderProblem('at', '2026-11-27T11:00:00Z', null, en, now)).toBe(
      'Choose a reminder time in the future.',
    );
    expect(reminderProblem('at', '2026-11-28T11:00:00Z', null, en, now)).toBeNull();
  });

  it.each([
    ['PT10M', '', null, 'آخری وقت سے پہلے کی یاد دہانی کے لیے آخری تاریخ ضروری ہے۔'],
    ['at', '', null, 'یاد دہانی کی تاریخ اور وقت چنیں۔'],
    ['at', '2026-11-27T11:00:00Z', null, 'یاد دہانی کے لیے آنے والا وقت چنیں۔'],
  ] as const)(
    'GIVEN the Urdu UI and %s %s WHEN checked THEN the message is in Urdu',
    (choice, at, due, text) => {
      expect(reminderProblem(choice, at, due, ur, now)).toBe(text);
    },
  );
});

describe('nextReminder', () => {
  it('GIVEN lead times and fixed times WHEN the next is asked THEN it is the earliest still ahead', () => {
    const due = '2026-11-27T18:00:00Z';
    expect(nextReminder([{ before: 'PT1H' }, { before: 'P1D' }], due, now)).toEqual(
      new Date('2026-11-27T17:00:00Z'),
    );
    expect(nextReminder([{ before: 'PT0S' }, { at: '2026-11-27T13:00:00Z' }], due, now)).toEqual(
      new Date('2026-11-27T13:00:00Z'),
    );
    expect(nextReminder([{ before: 'PT10M' }], null, now)).toBeNull();
    expect(nextReminder([{ at: '2026-11-27T11:00:00Z' }], due, now)).toBeNull();
  });

  it('GIVEN ISO durations WHEN read THEN weeks to seconds count, other text does not', () => {
    expect(durationMs('PT0S')).toBe(0);
    expect(durationMs('P1W2DT3H4M5S')).toBe((((9 * 24 + 3) * 60 + 4) * 60 + 5) * 1000);
    expect(durationMs('P')).toBeNull();
    expect(durationMs('PT')).toBeNull();
    expect(durationMs('10 minutes')).toBeNull();
  });
});

describe('datetime-local in the user zone', () => {
  it("GIVEN a wall-clock time WHEN converted THEN it is that time in the user's zone, across DST too", () => {
    expect(instantOfLocalInput('2026-11-27T17:30', 'America/New_York')).toBe('2026-11-27T22:30:00.000Z');
    expect(instantOfLocalInput('2026-07-01T17:30', 'America/New_York')).toBe('2026-07-01T21:30:00.000Z');
    expect(localInputOf('2026-07-01T21:30:00.000Z', 'America/New_York')).toBe('2026-07-01T17:30');
    expect(instantOfLocalInput('nope', 'UTC')).toBe('');
  });
});
