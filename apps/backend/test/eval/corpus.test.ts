import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus, parseCorpusFile } from '../../eval/corpus';
import type { CaseResult } from '../../eval/harness';
import { describeToolCall, meetsBar, summarize } from '../../eval/report';

const corpusDir = join(import.meta.dirname, '../../eval/corpus');

const file = (cases: string, defaults = 'defaults: { zone: Asia/Tokyo, now: 2026-11-28 08:30 }') =>
  `${defaults}\ncases:\n${cases}`;

describe('the corpus', () => {
  it('loads: at least 250 cases with unique ids across every category', () => {
    const cases = loadCorpus(corpusDir);
    expect(cases.length).toBeGreaterThanOrEqual(250);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    // Every kind of request the issue names has a category (hold-out files add their own on top).
    expect([...new Set(cases.map((c) => c.category))]).toEqual(
      expect.arrayContaining([
        'add',
        'bulk',
        'complete',
        'context',
        'dates',
        'delete',
        'list',
        'priority',
        'recurrence',
        'safety',
        'smalltalk',
        'tags-notes',
        'titles',
        'undo',
        'update',
        'urdu',
      ]),
    );
  });
});

describe('parseCorpusFile', () => {
  it('applies file defaults and lets a case override them', () => {
    const cases = parseCorpusFile(
      file(
        '  - { id: a, say: hi, expect: { unchanged: true } }\n' +
          '  - { id: b, zone: Europe/Berlin, now: 2026-03-28 12:00, say: hi, expect: { unchanged: true } }\n',
      ),
      'corpus/talk.yaml',
    );
    expect(cases.map((c) => [c.id, c.category, c.zone, c.now.toISO()])).toEqual([
      ['a', 'talk', 'Asia/Tokyo', '2026-11-28T08:30:00.000+09:00'],
      ['b', 'talk', 'Europe/Berlin', '2026-03-28T12:00:00.000+01:00'],
    ]);
  });

  it('reads a quoted number as the message, not a number', () => {
    const [c] = parseCorpusFile(file('  - { id: a, say: 1, expect: { unchanged: true } }\n'), 'x.yaml');
    expect(c!.say).toBe('1');
  });

  it.each<[string, string, RegExp]>([
    [
      'a typo in a key',
      '  - { id: bad-key, say: hi, expect: { unchanged: true, ask: true } }\n',
      /case "bad-key".*ask/,
    ],
    [
      'neither tasks nor unchanged',
      '  - { id: no-expect, say: hi, expect: {} }\n',
      /case "no-expect".*exactly one of/,
    ],
    [
      'both tasks and unchanged',
      '  - { id: both, say: hi, expect: { unchanged: true, tasks: [] } }\n',
      /case "both".*exactly one of/,
    ],
    [
      'a due that is not a local date',
      '  - { id: iso, say: hi, expect: { tasks: [{ number: 1, title: X, due: "2026-11-28T17:00:00Z" }] } }\n',
      /case "iso".*due/,
    ],
    [
      'a setup time that does not exist',
      '  - { id: gap, zone: Europe/Berlin, setup: [{ title: X, due: 2026-03-29 02:30 }], say: hi, expect: { unchanged: true } }\n',
      /case "gap".*not a valid local time/,
    ],
    [
      'a repeat that is no RRULE',
      '  - { id: rep, say: hi, expect: { tasks: [{ number: 1, title: X, repeat: every monday }] } }\n',
      /case "rep".*repeat/,
    ],
    [
      'an unknown zone',
      '  - { id: zone, zone: Mars/Olympus, say: hi, expect: { unchanged: true } }\n',
      /case "zone".*time zone/,
    ],
    ['an empty message', '  - { id: empty, say: "", expect: { unchanged: true } }\n', /case "empty".*say/],
    ['a case without an id', '  - { say: hi, expect: { unchanged: true } }\n', /case #1 \(no id\).*id/],
    [
      'duplicate expected numbers',
      '  - { id: dup, say: hi, expect: { tasks: [{ number: 1, title: A }, { number: 1, title: B }] } }\n',
      /case "dup".*unique/,
    ],
    [
      'a bad priority',
      '  - { id: prio, say: hi, expect: { tasks: [{ number: 1, title: A, priority: urgent }] } }\n',
      /case "prio".*priority/,
    ],
    [
      'a reminder lead time that is no ISO 8601 duration',
      '  - { id: rem, say: hi, expect: { tasks: [{ number: 1, title: A, reminders: [{ before: 10 min }] }] } }\n',
      /case "rem".*reminders/,
    ],
    [
      'an openai step with nothing in it',
      '  - { id: step, say: hi, openai: [{}], expect: { unchanged: true } }\n',
      /case "step".*content or tool_calls/,
    ],
  ])('names the case on %s', (_name, cases, message) => {
    expect(() => parseCorpusFile(file(cases), 'corpus/bad.yaml')).toThrow(CorpusError);
    expect(() => parseCorpusFile(file(cases), 'corpus/bad.yaml')).toThrow(message);
  });

  it('names the file on broken YAML and on a missing now', () => {
    expect(() => parseCorpusFile('cases: [ {', 'corpus/broken.yaml')).toThrow(
      /corpus\/broken.yaml: not valid YAML/,
    );
    expect(() =>
      parseCorpusFile(file('  - { id: a, say: hi, expect: { unchanged: true } }\n', ''), 'corpus/n.yaml'),
    ).toThrow(/corpus\/n.yaml: case "a": no `now`/);
  });
});

describe('loadCorpus', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an id used in two files, naming both', () => {
    dir = mkdtempSync(join(tmpdir(), 'eval-corpus-'));
    const one = file('  - { id: same, say: hi, expect: { unchanged: true } }\n');
    writeFileSync(join(dir, 'a.yaml'), one);
    writeFileSync(join(dir, 'b.yaml'), one);
    expect(() => loadCorpus(dir!)).toThrow(/b\.yaml: case "same": duplicate id \(first in .*a\.yaml\)/);
  });
});

describe('summarize and the bar', () => {
  const result = (category: string, outcome: CaseResult['outcome']): CaseResult => ({
    id: `${category}-${outcome}`,
    category,
    say: '',
    outcome,
    differences: [],
    changes: [],
    reply: '',
    tools: [],
    ms: 1,
  });

  it('rates per category and overall; any wrong change fails the bar', () => {
    const nine = Array.from({ length: 9 }, () => result('add', 'pass'));
    const s = summarize([...nine, result('list', 'fail')]);
    expect(s.categories.map((c) => [c.category, c.passed, c.total])).toEqual([
      ['add', 9, 9],
      ['list', 0, 1],
    ]);
    expect(s.rate).toBe(0.9);
    expect(meetsBar(s, 0.9)).toBe(true);
    expect(meetsBar(s, 0.91)).toBe(false);
    const wrong = summarize([...nine, ...nine, result('x', 'wrong-change')]);
    expect(wrong.rate).toBeGreaterThan(0.9);
    expect(wrong.wrongChanges).toBe(1);
    expect(meetsBar(wrong, 0.9)).toBe(false);
    expect(meetsBar(summarize([]), 0)).toBe(false);
  });
});

describe('describeToolCall', () => {
  it('names the tool, and its error when the call failed', () => {
    expect(describeToolCall({ name: 'add_task', result: { task_id: 1, status: 'created' } })).toBe(
      'add_task',
    );
    expect(describeToolCall({ name: 'add_task', result: { error: 'due: unknown key' } })).toBe(
      'add_task: due: unknown key',
    );
    expect(describeToolCall({ name: 'undo' })).toBe('undo');
  });
});
