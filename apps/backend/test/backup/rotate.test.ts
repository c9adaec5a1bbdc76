import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneBackups, timestampedName } from '../../src/backup/rotate';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('backup rotation', () => {
  it('GIVEN an instant WHEN named THEN the name is UTC, second-precise and sorts in time order', () => {
    expect(timestampedName(new Date('2026-01-27T03:00:05.123Z'))).toBe('todo-20260127T030005Z.jsonl');
    expect(
      timestampedName(new Date('2026-01-27T03:00:05Z')) < timestampedName(new Date('2026-12-01T00:00:00Z')),
    ).toBe(true);
  });

  it('GIVEN five backups and other files WHEN keeping 3 THEN the two oldest backups go and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'todo-rotate-'));
    dirs.push(dir);
    const names = [1, 2, 3, 4, 5].map((d) => timestampedName(new Date(Date.UTC(2026, 0, d))));
    for (const n of [...names, 'notes.txt', `${names[0]}.partial`]) writeFileSync(join(dir, n), '');

    const pruned = await pruneBackups(dir, 3);

    expect(pruned).toEqual(names.slice(0, 2));
    expect(readdirSync(dir).sort()).toEqual([...names.slice(2), `${names[0]}.partial`, 'notes.txt'].sort());
  });
});
