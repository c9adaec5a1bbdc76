import { describe, expect, it } from 'vitest';
import { checkReply, describeChanges, diffTasks, judge, toState, type ApiTask } from '../../eval/compare';
import { parseCorpusFile, type ExpectedTask } from '../../eval/corpus';

const LA = 'America/Los_Angeles';

function api(over: Partial<ApiTask> & { id: number; title: string }): ApiTask {
  return { description: '', priority: 'medium', tags: [], due_at: null, completed: false, ...over };
}

/** Expected tasks written the way the corpus writes them (so the YAML rules are what is tested). */
function expected(yamlTasks: string): ExpectedTask[] {
  const [c] = parseCorpusFile(
    `defaults: { now: 2026-11-27 18:05, zone: ${LA} }\ncases:\n  - id: x\n    say: hi\n    expect:\n      tasks: ${yamlTasks}\n`,
    'inline.yaml',
  );
  return c!.expect.tasks!;
}

describe('toState', () => {
  it('reads due instants in the case zone and orders by number (number field first, else id)', () => {
    const state = toState(
      [
        api({ id: 9, number: 2, title: 'B', due_at: '2026-11-28T01:00:00.000Z' }),
        api({ id: 7, number: 1, title: 'A' }),
      ],
      LA,
    );
    expect(state.map((t) => [t.number, t.due])).toEqual([
      [1, null],
      [2, '2026-11-27 17:00'],
    ]);
    expect(toState([api({ id: 4, title: 'x' })], LA)[0]!.number).toBe(4);
  });
});

describe('diffTasks', () => {
  const base = { id: 1, number: 1, title: 'Buy milk' };
  it.each<[string, string, ApiTask[], string[]]>([
    ['defaults match an untouched task', '[{ number: 1, title: Buy milk }]', [api(base)], []],
    ['titles: case and whitespace do not matter', '[{ number: 1, title: "buy   MILK " }]', [api(base)], []],
    ['titles: words do', '[{ number: 1, title: Buy milk }]', [api({ ...base, title: 'Milk' })], ['title']],
    ['a list of titles accepts any', '[{ number: 1, title: [Milk, Buy milk] }]', [api(base)], []],
    [
      'tags are case-insensitive sets',
      '[{ number: 1, title: Buy milk, tags: [b, A] }]',
      [api({ ...base, tags: ['a', 'B'] })],
      [],
    ],
    ['a missing tag is a difference', '[{ number: 1, title: Buy milk, tags: [a] }]', [api(base)], ['tags']],
    [
      'an extra tag is a difference',
      '[{ number: 1, title: Buy milk }]',
      [api({ ...base, tags: ['x'] })],
      ['tags'],
    ],
    [
      'a date checks the local day only',
      '[{ number: 1, title: Buy milk, due: 2026-11-28 }]',
      // 23:30 on Nov 28 in Los Angeles is Nov 29 in UTC
      [api({ ...base, due_at: '2026-11-29T07:30:00Z' })],
      [],
    ],
    [
      'a date is the local day, not the UTC day',
      '[{ number: 1, title: Buy milk, due: 2026-11-29 }]',
      [api({ ...base, due_at: '2026-11-29T07:30:00Z' })],
      ['due'],
    ],
    [
      'a date and time checks the exact local minute',
      '[{ number: 1, title: Buy milk, due: 2026-11-28 17:00 }]',
      [api({ ...base, due_at: '2026-11-29T01:00:00Z' })],
      [],
    ],
    [
      'the same minute in UTC is wrong',
      '[{ number: 1, title: Buy milk, due: 2026-11-28 17:00 }]',
      [api({ ...base, due_at: '2026-11-28T17:00:00Z' })],
      ['due'],
    ],
    [
      'due left out means no due date',
      '[{ number: 1, title: Buy milk }]',
      [api({ ...base, due_at: '2026-11-29T01:00:00Z' })],
      ['due'],
    ],
    [
      'due alternatives may include none',
      '[{ number: 1, title: Buy milk, due: [2026-11-28, null] }]',
      [api(base)],
      [],
    ],
    [
      'reminders: a lead time compares by length',
      '[{ number: 1, title: Buy milk, reminders: [{ before: PT60M }] }]',
      [api({ ...base, reminders: [{ before: 'PT1H' }] })],
      [],
    ],
    [
      'reminders: an instant is the local minute',
      '[{ number: 1, title: Buy milk, reminders: [{ at: 2026-11-28 16:50 }, { before: PT0S }] }]',
      [api({ ...base, reminders: [{ before: 'PT0S' }, { at: '2026-11-29T00:50:00.000Z' }] })],
      [],
    ],
    [
      'reminders left out means none',
      '[{ number: 1, title: Buy milk }]',
      [api({ ...base, reminders: [{ before: 'PT10M' }] })],
      ['reminders'],
    ],
    [
      'repeat: the same rule written in another order matches',
      '[{ number: 1, title: Buy milk, repeat: "FREQ=WEEKLY;BYDAY=MO,WE" }]',
      [api({ ...base, recurrence: 'BYDAY=WE,MO;INTERVAL=1;FREQ=WEEKLY' })],
      [],
    ],
    [
      'repeat: another rule does not match',
      '[{ number: 1, title: Buy milk, repeat: "FREQ=WEEKLY;BYDAY=MO" }]',
      [api({ ...base, recurrence: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO' })],
      ['repeat'],
    ],
    [
      'repeat left out means a one-off task',
      '[{ number: 1, title: Buy milk }]',
      [api({ ...base, recurrence: 'FREQ=DAILY' })],
      ['repeat'],
    ],
    [
      'priority defaults to medium',
      '[{ number: 1, title: Buy milk }]',
      [api({ ...base, priority: 'high' })],
      ['priority'],
    ],
    [
      'completed defaults to false',
      '[{ number: 1, title: Buy milk }]',
      [api({ ...base, completed: true })],
      ['completed'],
    ],
    [
      'description defaults to empty',
      '[{ number: 1, title: Buy milk }]',
      [api({ ...base, description: 'x' })],
      ['description'],
    ],
    [
      'a task missing from the end state',
      '[{ number: 1, title: Buy milk }, { number: 2, title: Eggs }]',
      [api(base)],
      ['missing'],
    ],
    [
      'a task nobody asked for',
      '[{ number: 1, title: Buy milk }]',
      [api(base), api({ id: 2, number: 2, title: 'Eggs' })],
      ['unexpected'],
    ],
    [
      'numbers must match, not positions',
      '[{ number: 2, title: Buy milk }]',
      [api(base)],
      ['missing', 'unexpected'],
    ],
  ])('%s', (_name, yamlTasks, tasks, kinds) => {
    const diffs = diffTasks(expected(yamlTasks), toState(tasks, LA));
    expect(diffs).toHaveLength(kinds.length);
    kinds.forEach((k, i) => expect(diffs[i]).toContain(k));
  });
});

describe('checkReply', () => {
  it.each<[string, Parameters<typeof checkReply>, number]>([
    ['contains is case-insensitive', ['Added "Buy MILK"', { contains: ['milk'] }, undefined], 0],
    ['contains needs every item', ['Added milk', { contains: ['milk', 'eggs'] }, undefined], 1],
    ['any needs one', ['due Sat, Nov 28', { any: ['tomorrow', 'Sat'] }, undefined], 0],
    ['any with none', ['due 2026-11-28', { any: ['tomorrow', 'Sat'] }, undefined], 1],
    ['not bans', ['due 09:00 UTC', { not: ['utc'] }, undefined], 1],
    ['asks needs a question mark', ['Which one do you mean?', undefined, true], 0],
    ['asks accepts the Urdu question mark', ['کون سا؟', undefined, true], 0],
    ['asks without one', ['Deleted.', undefined, true], 1],
    ['urdu script', ['آپ کے کام', { script: 'urdu' }, undefined], 0],
    ['roman letters are not urdu script', ['aap ke kaam', { script: 'urdu' }, undefined], 1],
  ])('%s', (_name, args, count) => {
    expect(checkReply(...args)).toHaveLength(count);
  });
});

describe('judge: pass, fail, wrong change', () => {
  const before = toState([api({ id: 1, number: 1, title: 'Email client', tags: ['work'] })], LA);
  const tagRemoved = toState([api({ id: 1, number: 1, title: 'Email client' })], LA);
  const deleted = toState([], LA);
  const want = { tasks: expected('[{ number: 1, title: Email client }]') };

  it('passes when the end state and reply match', () => {
    expect(judge(want, before, tagRemoved, 'Removed the tag.').outcome).toBe('pass');
  });
  it('is a plain fail when nothing changed but a change was asked for', () => {
    const v = judge(want, before, before, 'Sorry?');
    expect(v.outcome).toBe('fail');
    expect(v.differences).toEqual(['#1 tags [work], want []']);
  });
  it('is a wrong change when data changed differently from what was asked', () => {
    const v = judge(want, before, deleted, 'Deleted task #1.');
    expect(v.outcome).toBe('wrong-change');
    expect(v.changes).toEqual(['deleted #1 "Email client"']);
  });
  it('is a wrong change when an unchanged case changes anything', () => {
    const moved = toState(
      [api({ id: 1, number: 1, title: 'Email client', tags: ['work'], due_at: '2026-11-28T17:00:00Z' })],
      LA,
    );
    expect(judge({ unchanged: true }, before, moved, 'ok').outcome).toBe('wrong-change');
    expect(judge({ unchanged: true }, before, before, 'ok').outcome).toBe('pass');
  });
  it('is a wrong change when a reminder lands on a task that was not named', () => {
    const reminded = toState(
      [api({ id: 1, number: 1, title: 'Email client', tags: ['work'], reminders: [{ before: 'PT10M' }] })],
      LA,
    );
    expect(judge({ unchanged: true }, before, reminded, 'ok').outcome).toBe('wrong-change');
    expect(describeChanges(before, reminded)).toEqual(['#1 reminders: [] → [before 10m]']);
  });
  it('is a fail, not a wrong change, when only the reply misses', () => {
    const v = judge({ unchanged: true, asks: true }, before, before, 'Done.');
    expect(v.outcome).toBe('fail');
  });
  it('describes field changes with local due times', () => {
    const after = toState(
      [api({ id: 1, number: 1, title: 'Email client', tags: ['work'], due_at: '2026-11-29T01:00:00Z' })],
      LA,
    );
    expect(describeChanges(before, after)).toEqual(['#1 due: none → 2026-11-28 17:00']);
  });
});
