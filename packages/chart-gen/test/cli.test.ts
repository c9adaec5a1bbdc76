import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli';
import { repoRoot } from '../src/paths';

describe('chart-gen CLI', () => {
  it('GIVEN the committed chart and k8s/ WHEN chart-gen --check runs THEN it exits 0 (no drift)', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--check'], {
      cwd: join(repoRoot, 'packages/chart-gen'),
      encoding: 'utf8',
    });
    expect(res.stderr).toBe('');
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

  it('GIVEN --helm naming a missing binary WHEN run THEN it exits 3 saying what to install', () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const code = main(['--check', '--helm', '/nonexistent/helm']);
    spy.mockRestore();
    expect(code).toBe(3);
    expect(errors.join('\n')).toMatch(/needs helm: \/nonexistent\/helm is not executable\. Install helm 3/);
  });

  it('GIVEN no helm on PATH and no HELM_BIN WHEN run THEN it exits 3 instead of installing one', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--check'], {
      cwd: join(repoRoot, 'packages/chart-gen'),
      encoding: 'utf8',
      env: { ...process.env, PATH: dirname(process.execPath), HELM_BIN: '' },
    });
    expect(res.status).toBe(3);
    expect(res.stderr).toContain('helm is not on PATH');
  });

  it('GIVEN an unknown flag WHEN run THEN it exits 2 with the usage', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main(['--force'])).toBe(2);
    spy.mockRestore();
  });
});
