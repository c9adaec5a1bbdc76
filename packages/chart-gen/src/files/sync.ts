import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { FileSet } from '../chart/generate';
import { materialize } from '../k8s/render';

function listFiles(root: string, dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(root, join(dir, e.name)) : [relative(root, join(dir, e.name))],
  );
}

export interface Drift {
  readonly missing: string[];
  readonly stale: string[];
  readonly changed: string[];
}

/** Compares the generated files with what is on disk under the output roots. */
export function findDrift(repo: string, roots: readonly string[], files: FileSet): Drift {
  const onDisk = roots.flatMap((r) => listFiles(repo, join(repo, r))).sort();
  const missing = [...files.keys()].filter((p) => !existsSync(join(repo, p)));
  const stale = onDisk.filter((p) => !files.has(p));
  const changed = [...files.entries()]
    .filter(([p, c]) => existsSync(join(repo, p)) && readFileSync(join(repo, p), 'utf8') !== c)
    .map(([p]) => p);
  return { missing, stale, changed };
}

export const hasDrift = (d: Drift): boolean => d.missing.length + d.stale.length + d.changed.length > 0;

/** A unified diff of every drifted file (committed → generated), via diff(1). */
export function describeDrift(repo: string, d: Drift, files: FileSet): string {
  const lines: string[] = [];
  for (const p of d.missing) lines.push(`missing: ${p}`);
  for (const p of d.stale) lines.push(`not generated (stale): ${p}`);
  if (d.changed.length > 0) {
    const generated = materialize(new Map(d.changed.map((p) => [p, files.get(p) ?? ''])), 'chart-gen-check-');
    try {
      for (const p of d.changed) {
        const res = spawnSync(
          'diff',
          ['-u', '--label', `a/${p}`, '--label', `b/${p}`, join(repo, p), join(generated, p)],
          {
            encoding: 'utf8',
          },
        );
        lines.push(res.stdout.trimEnd() || `changed: ${p}`);
      }
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  }
  return lines.join('\n');
}

/** Writes the generated files and removes stale ones under the output roots. */
export function writeFiles(repo: string, roots: readonly string[], files: FileSet): Drift {
  const drift = findDrift(repo, roots, files);
  for (const p of drift.stale) rmSync(join(repo, p));
  for (const p of [...drift.missing, ...drift.changed]) {
    mkdirSync(dirname(join(repo, p)), { recursive: true });
    writeFileSync(join(repo, p), files.get(p) ?? '');
  }
  return drift;
}
