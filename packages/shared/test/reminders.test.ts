import { describe, expect, it } from 'vitest';
import { durationSeconds, reminderRuleSchema, remindersSchema, snoozeReminderSchema } from '../src/reminders';

describe('durationSeconds', () => {
  it.each([
    ['PT0S', 0],
    ['PT15M', 900],
    ['PT1H', 3600],
    ['PT1H30M', 5400],
    ['P1D', 86_400],
    ['P1DT2H', 93_600],
    ['P1W', 604_800],
    ['P2W3D', 1_468_800],
  ])('GIVEN %s THEN %d seconds', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', 'P1DT', '15M', 'PT15', 'P1M', 'P1Y', 'pt15m', 'PT-5M', 'PT1.5H', ' PT1H'])(
    'GIVEN %j THEN not a lead time (null)',
    (text) => {
      expect(durationSeconds(text)).toBeNull();
    },
  );
});

describe('reminder rules', () => {
  it.each([
    [{ before: 'PT10M' }, true],
    [{ at: '2026-12-01T09:00:00Z' }, true],
    [{ at: '2026-12-01T09:00:00+05:00' }, true],
    [{ before: 'P30D' }, true],
    [{ before: 'P31D' }, false],
    [{ at: '2026-12-01 09:00' }, false],
    [{ at: '2026-12-01T09:00:00Z', before: 'PT1H' }, false],
    [{}, false],
  ])('GIVEN %j THEN valid = %s', (rule, valid) => {
    expect(reminderRuleSchema.safeParse(rule).success).toBe(valid);
  });

  it('GIVEN six rules THEN at most five are allowed', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ before: `PT${i + 1}M` }));
    expect(remindersSchema.safeParse(six).success).toBe(false);
    expect(remindersSchema.safeParse(six.slice(0, 5)).success).toBe(true);
  });

  it('GIVEN a snooze with minutes and until THEN refused; either alone is fine', () => {
    expect(snoozeReminderSchema.safeParse({ minutes: 5, until: '2030-01-01T00:00:00Z' }).success).toBe(false);
    expect(snoozeReminderSchema.safeParse({ minutes: 5 }).success).toBe(true);
    expect(snoozeReminderSchema.safeParse({ until: '2030-01-01T00:00:00Z' }).success).toBe(true);
    expect(snoozeReminderSchema.safeParse({}).success).toBe(true);
  });
});
