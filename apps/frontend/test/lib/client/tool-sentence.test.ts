import {
  bulkResultSchema,
  recentActivityResultSchema,
  taskChangeSchema,
  taskListResultSchema,
  toolErrorResultSchema,
  type TaskChange,
} from '@todo/shared';
import { describe, expect, it, vi } from 'vitest';
import { describeToolCall } from '../../../lib/client/tool-labels';
import {
  foldLookups,
  groupSteps,
  lookupSentence,
  sentenceText,
  toolSentence,
  type SentenceContext,
} from '../../../lib/client/tool-sentence';
import { catalogTranslator } from '../../helpers/i18n';

// The page's catalog is English here (the components pass their own translator; the chat's contract uses the page's).
vi.mock('../../../i18n/client', async (original) => ({
  ...(await original<object>()),
  pageTranslator: (namespace: string) => catalogTranslator('en', namespace),
}));

// Fixtures go through the shared schemas the backend builds results with: only shapes the backend really sends.
const NOW = new Date('2026-11-27T15:00:00Z'); // Friday, Nov 27
const LA: SentenceContext = { zone: 'America/Los_Angeles', now: NOW };
const change = (status: TaskChange['status'], title = 'Buy milk', extra: Partial<TaskChange> = {}) =>
  taskChangeSchema.parse({ task_id: 3, status, title, ...extra });
const tasks = (...titles: string[]) =>
  taskListResultSchema.parse({
    tasks: titles.map((title, i) => ({
      id: i + 1,
      title,
      description: '',
      completed: false,
      priority: 'medium',
      due_at: null,
      tags: [],
    })),
    count: titles.length,
    truncated: false,
  });
const bulk = (...items: Array<[number, string, string | null]>) =>
  bulkResultSchema.parse({
    group_id: '00000000-0000-4000-8000-000000000001',
    results: items.map(([task_id, status, title]) => ({ task_id, status, title })),
  });
const call = (name: string, args: Record<string, unknown>, result: unknown, done = true) =>
  describeToolCall(`k-${name}`, name, args, result, done);
const sentence = (name: string, args: Record<string, unknown>, result: unknown, ctx = LA) =>
  sentenceText(toolSentence(call(name, args, result), ctx));

describe('tool activity as a sentence', () => {
  it.each([
    // GIVEN the call, its arguments and result → THEN the sentence (times in Los Angeles)
    [
      'add_task',
      { title: 'Buy milk', due_at: '2026-11-28T17:00:00Z' },
      change('created'),
      'Added ‘Buy milk’ · due tomorrow 9 am',
    ],
    ['add_task', { title: 'Buy milk' }, change('created'), 'Added ‘Buy milk’'],
    [
      'add_task',
      { title: 'Buy milk', due: 'next friday 5pm' },
      change('created'),
      'Added ‘Buy milk’ · due next friday 5pm',
    ],
    ['complete_task', { task_id: 3 }, change('completed', 'Call mom'), 'Completed ‘Call mom’'],
    ['reopen_task', { task_id: 3 }, change('reopened', 'Call mom'), 'Reopened ‘Call mom’'],
    ['delete_task', { task_id: 3 }, change('deleted', 'Call mom'), 'Deleted ‘Call mom’'],
    [
      'update_task',
      { task_id: 3, due_at: '2026-12-04T02:00:00Z' },
      change('updated', 'Gym'),
      'Moved ‘Gym’ to Thu, Dec 3, 6 pm',
    ],
    ['update_task', { task_id: 3, due_at: null }, change('updated', 'Gym'), 'Removed the due date of ‘Gym’'],
    [
      'update_task',
      { task_id: 3, priority: 'high' },
      change('updated', 'Gym'),
      'Updated ‘Gym’ · priority high',
    ],
    ['update_task', { task_id: 3, title: 'Gym' }, change('updated', 'Gym'), 'Updated ‘Gym’'],
    [
      'snooze_reminder',
      { task_id: 3 },
      change('updated', 'Gym', { reminders_at: ['2026-11-27T15:10:00Z'] }),
      'Snoozed ‘Gym’ until today 7:10 am',
    ],
    [
      'apply_changes',
      {},
      bulk([1, 'completed', 'a'], [2, 'completed', 'b'], [4, 'completed', 'c']),
      'Completed 3 tasks',
    ],
    [
      'apply_changes',
      {},
      bulk([1, 'deleted', 'a'], [9, 'not_found', null]),
      'Deleted 1 task · 1 task not found',
    ],
    ['apply_changes', {}, bulk([1, 'deleted', 'a'], [2, 'completed', 'b']), 'Changed 2 tasks'],
    [
      'complete_task',
      { task_id: 9 },
      toolErrorResultSchema.parse({ error: 'Task 9 not found' }),
      "Couldn't complete task 9 · Task 9 not found",
    ],
  ])('GIVEN %s %j WHEN it succeeded or failed THEN it reads as a sentence', (name, args, result, text) => {
    expect(sentence(name, args, result)).toBe(text);
  });

  it.each([
    ['UTC', 'Added ‘Buy milk’ · due tomorrow 5 pm'],
    ['Asia/Karachi', 'Added ‘Buy milk’ · due tomorrow 10 pm'],
    ['Pacific/Auckland', 'Added ‘Buy milk’ · due tomorrow 6 am'],
  ])('GIVEN a due instant WHEN the user is in %s THEN the sentence says it in their zone', (zone, text) => {
    expect(
      sentence('add_task', { title: 'Buy milk', due_at: '2026-11-28T17:00:00Z' }, change('created'), {
        zone,
        now: NOW,
      }),
    ).toBe(text);
  });

  it('GIVEN the task changed since WHEN the live stream knows it THEN the sentence follows its title and due time', () => {
    const a = call('add_task', { title: 'Buy milk', due_at: '2026-11-28T17:00:00Z' }, change('created'));
    const live = { title: 'Buy oat milk', due_at: '2026-11-29T17:00:00Z' };
    expect(sentenceText(toolSentence(a, { ...LA, live }))).toBe(
      'Added ‘Buy oat milk’ · due Sun, Nov 29, 9 am',
    );
  });

  it('GIVEN a change WHEN its details open THEN they are a table of words, never JSON', () => {
    const a = call(
      'update_task',
      {
        task_id: 3,
        due_at: '2026-11-28T17:00:00Z',
        priority: 'high',
        add_tags: ['home'],
        repeat: 'every monday',
      },
      change('updated'),
    );
    const { rows } = toolSentence(a, LA);
    expect(rows).toEqual([
      ['Task', '#3'],
      ['Title', 'Buy milk'],
      ['Due', 'tomorrow 9 am'],
      ['Priority', 'high'],
      ['Tags added', 'home'],
      ['Repeats', 'every monday'],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/[{}]/);
  });

  it('GIVEN the local agent set a repeat rule WHEN worded THEN the sentence says it repeats and the row holds the rule to word, never FREQ=…', () => {
    const a = call(
      'update_task',
      { task_id: 3, recurrence: 'FREQ=WEEKLY;BYDAY=MO,TH', due_at: '2026-11-30T17:00:00Z' },
      change('updated'),
    );
    const s = toolSentence(a, LA);
    expect(sentenceText(s)).not.toMatch(/FREQ|BYDAY/);
    expect(sentenceText(s)).toMatch(/repeats$/);
    expect(s.rows).toContainEqual([
      'Repeats',
      { rule: 'FREQ=WEEKLY;BYDAY=MO,TH', due: '2026-11-30T17:00:00Z' },
    ]);
  });

  it('GIVEN a step still running WHEN worded THEN it says what it is doing', () => {
    expect(sentenceText(toolSentence(call('complete_task', { task_id: 3 }, undefined, false), LA))).toBe(
      'Completing task 3…',
    );
  });
});

describe('lookups folded away', () => {
  const lookup = call('list_tasks', { q: 'mom' }, tasks('Call mom', 'Visit mom', 'Mom birthday'));
  const recent = call(
    'recent_activity',
    {},
    recentActivityResultSchema.parse({
      items: [{ task_id: 1, action: 'created', title: 'a', at: '2026-11-27T01:00:00Z', surface: 'chat' }],
    }),
  );
  const completed = call('complete_task', { task_id: 1 }, change('completed', 'Call mom'));
  const failed = call('complete_task', { task_id: 1 }, toolErrorResultSchema.parse({ error: 'nope' }));

  it.each([
    // GIVEN the reply's steps → THEN the steps shown, and the lookups in the quiet line
    ['a lookup then a change', [lookup, completed], ['complete_task'], []],
    ['only a lookup', [lookup], [], ['list_tasks']],
    ['a lookup then a failed change', [lookup, failed], ['complete_task'], ['list_tasks']],
    ['two lookups', [lookup, recent], [], ['list_tasks', 'recent_activity']],
  ])(
    'GIVEN %s WHEN folded THEN the lookups hide behind the change or make one line',
    (_, steps, shown, quiet) => {
      const folded = foldLookups(steps);
      expect(folded.shown.map((a) => a.name)).toEqual(shown);
      expect(folded.lookups.map((a) => a.name)).toEqual(quiet);
    },
  );

  it.each([
    ['three tasks', [lookup], 'Looked up 3 tasks'],
    ['tasks and recent changes', [lookup, recent], 'Looked up 3 tasks and 1 recent change'],
    ['nothing found', [call('list_tasks', {}, tasks())], 'Found nothing matching'],
  ])('GIVEN lookups of %s WHEN they make one line THEN it counts them', (_, steps, text) => {
    expect(sentenceText(lookupSentence(steps))).toBe(text);
  });

  it('GIVEN a lookup line WHEN its details open THEN each task found is a row', () => {
    expect(lookupSentence([lookup]).rows).toEqual([
      ['#1', 'Call mom'],
      ['#2', 'Visit mom'],
      ['#3', 'Mom birthday'],
    ]);
  });
});

describe('the same change to several tasks, as one line', () => {
  const moved = (id: number, title: string, due_at = '2026-12-04T17:00:00Z') =>
    describeToolCall(
      `m${id}`,
      'update_task',
      { task_id: id, due_at },
      taskChangeSchema.parse({ task_id: id, status: 'updated', title }),
      true,
    );
  const deleted = (id: number, title: string) =>
    describeToolCall(
      `d${id}`,
      'delete_task',
      { task_id: id },
      taskChangeSchema.parse({ task_id: id, status: 'deleted', title }),
      true,
    );
  const lines = (steps: ReturnType<typeof moved>[]) =>
    groupSteps(steps, LA).map((s) =>
      s.kind === 'group' ? sentenceText(s.sentence) : sentenceText(toolSentence(s.activity, LA)),
    );

  it.each([
    // GIVEN the reply's steps → THEN the lines shown
    [
      'three moves to one time',
      [moved(1, 'A'), moved(2, 'B'), moved(3, 'C')],
      ['Moved 3 tasks to Fri, Dec 4, 9 am'],
    ],
    ['two deletes', [deleted(1, 'A'), deleted(2, 'B')], ['Deleted 2 tasks']],
    ['one move', [moved(1, 'A')], ['Moved ‘A’ to Fri, Dec 4, 9 am']],
    [
      'moves to different times',
      [moved(1, 'A'), moved(2, 'B', '2026-12-05T17:00:00Z')],
      ['Moved ‘A’ to Fri, Dec 4, 9 am', 'Moved ‘B’ to Sat, Dec 5, 9 am'],
    ],
    [
      'a move between deletes',
      [deleted(1, 'A'), moved(2, 'B'), deleted(3, 'C')],
      ['Deleted ‘A’', 'Moved ‘B’ to Fri, Dec 4, 9 am', 'Deleted ‘C’'],
    ],
  ])('GIVEN %s WHEN shown THEN they read as %j', (_, steps, shown) => {
    expect(lines(steps)).toEqual(shown);
  });

  it('GIVEN a group WHEN its details open THEN each task is a row', () => {
    const [group] = groupSteps([moved(1, 'A'), moved(2, 'B')], LA);
    expect(group).toMatchObject({
      kind: 'group',
      sentence: {
        rows: [
          ['#1', 'A'],
          ['#2', 'B'],
        ],
      },
    });
  });
});

describe('tool activity as a sentence in Urdu', () => {
  const t = catalogTranslator('ur', 'steps');
  const UR: SentenceContext = { ...LA, t, lang: 'ur' };
  const urCall = (name: string, args: Record<string, unknown>, result: unknown, done = true) =>
    describeToolCall(`k-${name}`, name, args, result, done, t);

  it.each([
    // GIVEN the call, its arguments and result → THEN the Urdu sentence (title first, dates by Intl in Urdu)
    [
      'add_task',
      { title: 'دودھ لانا', due_at: '2026-11-28T17:00:00Z' },
      change('created', 'دودھ لانا'),
      '‘دودھ لانا’ شامل کیا · آخری تاریخ آئندہ کل 9 AM',
    ],
    ['add_task', { title: 'Buy milk' }, change('created'), '‘Buy milk’ شامل کیا'],
    ['complete_task', { task_id: 3 }, change('completed', 'Call mom'), '‘Call mom’ مکمل کیا'],
    ['reopen_task', { task_id: 3 }, change('reopened', 'Call mom'), '‘Call mom’ دوبارہ کھولا'],
    ['delete_task', { task_id: 3 }, change('deleted', 'Call mom'), '‘Call mom’ حذف کیا'],
    [
      'update_task',
      { task_id: 3, due_at: '2026-12-04T02:00:00Z' },
      change('updated', 'Gym'),
      '‘Gym’ کو جمعرات، 3 دسمبر، 6 PM پر منتقل کیا',
    ],
    ['update_task', { task_id: 3, due_at: null }, change('updated', 'Gym'), '‘Gym’ کی آخری تاریخ ہٹا دی'],
    [
      'update_task',
      { task_id: 3, priority: 'high' },
      change('updated', 'Gym'),
      '‘Gym’ میں تبدیلی کی · ترجیح زیادہ',
    ],
    [
      'snooze_reminder',
      { task_id: 3 },
      change('updated', 'Gym', { reminders_at: ['2026-11-27T16:10:00Z'] }),
      '‘Gym’ کی یاد دہانی آج 8:10 AM تک مؤخر کی',
    ],
    ['apply_changes', {}, bulk([1, 'deleted', 'A'], [2, 'deleted', 'B']), '2 کام حذف کیے'],
    [
      'apply_changes',
      {},
      bulk([1, 'completed', 'A'], [2, 'not_found', null]),
      '1 کام مکمل کیا · 1 کام نہیں ملا',
    ],
    [
      'complete_task',
      { task_id: 9 },
      { error: 'Task 9 not found' },
      'کام 9 مکمل نہیں ہو سکا · Task 9 not found',
    ],
  ])('GIVEN %s %j THEN it reads in Urdu', (name, args, result, text) => {
    expect(sentenceText(toolSentence(urCall(name, args, result), UR))).toBe(text);
  });

  it.each([
    [[urCall('list_tasks', {}, tasks('A', 'B', 'C'))], '3 کام دیکھے'],
    [[urCall('list_tasks', {}, tasks())], 'کچھ نہیں ملا'],
  ])('GIVEN lookups %# THEN one Urdu line counts them', (steps, text) => {
    expect(sentenceText(lookupSentence(steps, t, 'ur'))).toBe(text);
  });

  it('GIVEN a running step and three moves to one time THEN they read in Urdu', () => {
    expect(urCall('complete_task', { task_id: 3 }, undefined, false).label).toBe('کام 3 مکمل ہو رہا ہے…');
    const moved = (id: number, title: string) =>
      describeToolCall(
        `m${id}`,
        'update_task',
        { task_id: id, due_at: '2026-12-04T17:00:00Z' },
        change('updated', title, { task_id: id }),
        true,
        t,
      );
    const [group] = groupSteps([moved(1, 'A'), moved(2, 'B'), moved(3, 'C')], UR);
    expect(group?.kind === 'group' && sentenceText(group.sentence)).toBe(
      '3 کام کو جمعہ، 4 دسمبر، 9 AM پر منتقل کیا',
    );
  });

  it('GIVEN a change of priority, a bulk change and an undo THEN the details’ values read in Urdu too', () => {
    const priority = toolSentence(
      urCall('update_task', { task_id: 3, priority: 'high' }, change('updated', 'Gym')),
      UR,
    );
    expect(priority.rows).toContainEqual(['ترجیح', 'زیادہ']);
    const done = toolSentence(
      urCall('apply_changes', {}, bulk([1, 'completed', 'A'], [2, 'deleted', 'B'])),
      UR,
    );
    expect(done.rows).toEqual([
      ['#1', 'A (مکمل کیا)'],
      ['#2', 'B (حذف کیا)'],
    ]);
    const undo = {
      group_id: null,
      undone_groups: 1,
      reverted: [{ task_id: 4, title: 'A', outcome: 'restored' }],
      conflicts: [],
    };
    expect(urCall('undo', {}, undo).detail).toBe('کام 4 بحال کیا');
  });
});
