import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeDrift, findDrift, hasDrift, writeFiles } from '../../src/files/sync';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const files = () =>
  new Map([
    ['out/a.txt', 'A\n'],
    ['out/sub/b.txt', 'B\n'],
  ]);

describe('file sync', () => {
  it('GIVEN an empty repo WHEN written THEN the files exist and no drift remains', () => {
    dir = mkdtempSync(join(tmpdir(), 'sync-'));
    writeFiles(dir, ['out'], files());
    expect(readFileSync(join(dir, 'out/sub/b.txt'), 'utf8')).toBe('B\n');
    expect(hasDrift(findDrift(dir, ['out'], files()))).toBe(false);
  });

  it('GIVEN an edited, a missing and a stray file WHEN checked THEN each is reported with a diff', () => {
    dir = mkdtempSync(join(tmpdir(), 'sync-'));
    writeFiles(dir, ['out'], files());
    writeFileSync(join(dir, 'out/a.txt'), 'edited\n');
    rmSync(join(dir, 'out/sub/b.txt'));
    mkdirSync(join(dir, 'out/old'), { recursive: true });
    writeFileSync(join(dir, 'out/old/c.txt'), 'C\n');
    const drift = findDrift(dir, ['out'], files());
    expect(drift).toEqual({ missing: ['out/sub/b.txt'], stale: ['out/old/c.txt'], changed: ['out/a.txt'] });
    const text = describeDrift(dir, drift, files());
    expect(text).toContain('-edited');
    expect(text).toContain('+A');
    writeFiles(dir, ['out'], files());
    expect(hasDrift(findDrift(dir, ['out'], files()))).toBe(false);
  });
});
