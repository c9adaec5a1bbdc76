import { describe, expect, it } from 'vitest';
import { updateSettingsSchema } from '../src/settings';

describe('updateSettingsSchema', () => {
  it.each([
    [{ time_zone: 'europe/london' }, { time_zone: 'Europe/London' }],
    [{ time_zone: null }, { time_zone: null }],
    [{ language: 'ur' }, { language: 'ur' }],
    [
      { language: null, time_zone: 'UTC' },
      { language: null, time_zone: 'UTC' },
    ],
  ])('GIVEN %j THEN it parses to %j', (input, output) => {
    expect(updateSettingsSchema.parse(input)).toEqual(output);
  });

  it.each([
    [{}, []],
    [{ time_zone: 'Nowhere/Land' }, ['time_zone']],
    [{ language: 'de' }, ['language']],
    [{ time_zone: 'UTC', extra: 1 }, []],
  ])('GIVEN %j THEN it is rejected (issue path %j)', (input, path) => {
    const result = updateSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (path.length) expect(result.error?.issues[0]?.path).toEqual(path);
  });
});
