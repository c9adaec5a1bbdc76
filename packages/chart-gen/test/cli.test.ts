import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { repoRoot } from '../src/helm/helm';

describe('chart-gen CLI', () => {
  it('GIVEN the committed chart and k8s/ WHEN chart-gen --check runs THEN it exits 0 (no drift)', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--check'], {
      cwd: join(repoRoot, 'packages/chart-gen'),
      encoding: 'utf8',
    });
    expect(res.stderr.replace(/.*install-helm.*\n/g, '').replace(/npm warn.*\n/g, '')).toBe('');
    expect(res.stdout).toMatch(/files up to date/);
    expect(res.status).toBe(0);
  });

  it('GIVEN a hand-edited chart file WHEN --check runs THEN it exits 1 and shows the diff', () => {
    const copy = mkdtempSync(join(tmpdir(), 'cli-'));
    try {
      for (const d of ['charts', 'k8s']) cpSync(join(repoRoot, d), join(copy, d), { recursive: true });
      appendFileSync(join(copy, 'charts/todo-chatbot/values.yaml'), 'extra: true\n');
      const errors: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
      const code = main(['--check'], copy);
      spy.mockRestore();
      expect(code).toBe(1);
      expect(errors.join('\n')).toContain('-extra: true');
      expect(main([], copy)).toBe(0);
      expect(main(['--check'], copy)).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('GIVEN an unknown flag WHEN run THEN it exits 2 with the usage', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main(['--force'])).toBe(2);
    spy.mockRestore();
  });
});
