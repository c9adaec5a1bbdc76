import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { resolveHelm } from '../src/helm/helm';
import { repoRoot } from '../src/paths';

/**
 * The tests need a real helm. Uses HELM_BIN or helm on PATH; otherwise fetches the pinned one into .tools/
 * (scripts/install-helm.mjs, linux/amd64) and hands it to the test workers through HELM_BIN.
 */
export default function setup(): void {
  try {
    resolveHelm();
    return;
  } catch {
    // fall through: install the pinned helm
  }
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/install-helm.mjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = run.stdout.trim().split('\n').pop();
  if (run.status !== 0 || !path) throw new Error('no helm for the tests: scripts/install-helm.mjs failed');
  process.env.HELM_BIN = path;
  resolveHelm();
}
