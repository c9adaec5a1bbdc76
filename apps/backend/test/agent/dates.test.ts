import { describe, expect, it } from 'vitest';
import { formatDue, parseDue } from '../../src/agent/dates';

// Tuesday.
const NOW = new Date('2026-03-10T15:30:00Z');

describe('parseDue', () => {
  it.each([
    ['call mom tomorrow', '2026-03-11T09:00:00.000Z', 'call mom'],
    ['call mom tomorrow at 5pm', '2026-03-11T17:00:00.000Z', 'call mom'],
    ['call mom tomorrow evening', '2026-03-11T19:00:00.000Z', 'call mom'],
    ['pay rent today', '2026-03-10T09:00:00.000Z', 'pay rent'],
    ['watch film tonight', '2026-03-10T20:00:00.000Z', 'watch film'],
    ['dentist the day after tomorrow at 8:30 am', '2026-03-12T08:30:00.000Z', 'dentist'],
    ['report by friday', '2026-03-13T09:00:00.000Z', 'report'],
    ['team lunch next tuesday at 12pm', '2026-03-17T12:00:00.000Z', 'team lunch'],
    ['renew passport in 3 days', '2026-03-13T09:00:00.000Z', 'renew passport'],
    ['plan trip in two weeks', '2026-03-24T09:00:00.000Z', 'plan trip'],
    ['review next week', '2026-03-17T09:00:00.000Z', 'review'],
    ['taxes due 2026-04-15', '2026-04-15T09:00:00.000Z', 'taxes'],
    ['party on march 20th', '2026-03-20T09:00:00.000Z', 'party'],
    ['gift by 2 jan', '2027-01-02T09:00:00.000Z', 'gift'],
    ['call bob at 5pm tomorrow', '2026-03-11T17:00:00.000Z', 'call bob'],
    ['call bob at 5pm', '2026-03-10T17:00:00.000Z', 'call bob'],
    ['call bob at 9am', '2026-03-11T09:00:00.000Z', 'call bob'],
    ['standup at 14:30', '2026-03-11T14:30:00.000Z', 'standup'],
  ])('GIVEN "%s" THEN due %s and the title "%s"', (text, due, rest) => {
    const found = parseDue(text, NOW);
    expect(found?.due.toISOString()).toBe(due);
    expect(found?.rest).toBe(rest);
  });

  it.each([
    'buy sun cream',
    'fix the satellite dish',
    'read chapter 3',
    'email may about 2026-02-30',
    'meet at 5',
  ])('GIVEN "%s" THEN no date is found', (text) => expect(parseDue(text, NOW)).toBeNull());

  it('GIVEN an ISO timestamp THEN it is shown as a UTC date and time', () => {
    expect(formatDue('2026-03-11T09:00:00.000Z')).toBe('2026-03-11 09:00 UTC');
  });
});
