import { describe, expect, it } from 'vitest';
import { createTeller, speechText, taskChangeText } from '../../../lib/client/announce-text';
import { catalogTranslator } from '../../helpers/i18n';

const en = catalogTranslator('en', 'announce');
const ur = catalogTranslator('ur', 'announce');

describe('what is said', () => {
  it.each([
    ['created', 'Added task 3: Buy milk'],
    ['completed', 'Completed task 3: Buy milk'],
    ['reopened', 'Reopened task 3: Buy milk'],
    ['updated', 'Updated task 3: Buy milk'],
    ['deleted', 'Deleted task 3: Buy milk'],
    ['restored', 'Restored task 3: Buy milk'],
  ] as const)('GIVEN a %s task THEN it is told as "%s"', (action, text) => {
    expect(taskChangeText(action, { id: 3, title: 'Buy milk' }, en)).toBe(text);
  });

  it('GIVEN a change this page told WHEN its live event arrives THEN it is not told twice, but a later change is', () => {
    const tell = createTeller(en);
    const task = { id: 7, title: 'Call mom', updated_at: '2030-01-01T10:00:00.000Z' };
    const done = { ...task, updated_at: '2030-01-01T10:05:00.000Z' };
    const said = [
      tell({ kind: 'task', action: 'created', task }, 1000),
      tell({ kind: 'task', action: 'created', task }, 2000),
      tell({ kind: 'task', action: 'completed', task: done }, 3000),
      // Long after, the same row may be told again (e.g. a stream replayed after an hour offline).
      tell({ kind: 'task', action: 'completed', task: done }, 3000 + 31_000),
    ];
    expect(said).toEqual([
      'Added task 7: Call mom',
      null,
      'Completed task 7: Call mom',
      'Completed task 7: Call mom',
    ]);
  });

  it('GIVEN a delete told by the undo toast WHEN its event arrives THEN it stays quiet', () => {
    const tell = createTeller(en);
    const task = { id: 8, title: 'Old', updated_at: '2030-01-01T10:00:00.000Z' };
    expect(tell({ kind: 'told', action: 'deleted', task }, 1000)).toBeNull();
    expect(
      tell({ kind: 'task', action: 'deleted', task: { ...task, updated_at: 'later' } }, 1500),
    ).toBeNull();
  });

  it('GIVEN a finished reply THEN it is read as the assistant’s plain words', () => {
    expect(createTeller(en)({ kind: 'reply', markdown: 'Added **task 3**.' })).toBe(
      'Assistant: Added task 3.',
    );
  });

  it('GIVEN an Urdu page THEN task changes and replies are told in Urdu', () => {
    expect(taskChangeText('completed', { id: 3, title: 'دودھ' }, ur)).toBe('کام 3 مکمل ہوا: دودھ');
    expect(createTeller(ur)({ kind: 'reply', markdown: '**ٹھیک ہے**' })).toBe('اسسٹنٹ: ٹھیک ہے');
  });
});

describe('speech text of a reply', () => {
  it('GIVEN Markdown THEN the words are kept and the marks dropped', () => {
    const md = [
      '## Your tasks',
      '',
      '- **#1** File taxes (due *Friday*)',
      '2. Call `mom`',
      '',
      '| # | Title |',
      '| --- | :---: |',
      '| 3 | Buy milk |',
      '',
      'See [the docs](https://example.com/docs).',
      '```js',
      'x = 1',
      '```',
    ].join('\n');
    expect(speechText(md)).toBe(
      [
        'Your tasks',
        '#1 File taxes (due Friday)',
        'Call mom',
        '# Title',
        '3 Buy milk',
        'See the docs.',
        'x = 1',
      ].join('\n'),
    );
  });

  it('GIVEN words with underscores and a lone asterisk THEN they are left alone', () => {
    expect(speechText('rename my_task_name to 2 * 3')).toBe('rename my_task_name to 2 * 3');
  });
});
