import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

let cached: string | undefined;

/**
 * Path of a working helm binary: HELM_BIN, `helm` on PATH or .tools/bin/helm; installs the pinned one
 * into .tools/ (scripts/install-helm.mjs) when there is none.
 */
export function helmBinary(): string {
  if (cached) return cached;
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/install-helm.mjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = run.stdout.trim().split('\n').pop();
  if (run.status !== 0 || !path) throw new Error('no helm binary: scripts/install-helm.mjs failed');
  cached = path;
  return path;
}

export interface HelmResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs helm with a fixed environment so output never depends on the caller's kube config or plugins. */
export function helm(args: readonly string[], cwd = repoRoot): HelmResult {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    // No cluster is contacted by lint/template; an empty kube config keeps it so.
    KUBECONFIG: '/dev/null',
    HELM_CACHE_HOME: join(repoRoot, '.tools/helm/cache'),
    HELM_CONFIG_HOME: join(repoRoot, '.tools/helm/config'),
    HELM_DATA_HOME: join(repoRoot, '.tools/helm/data'),
  };
  const res = spawnSync(helmBinary(), [...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: res.status ?? 1, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

/** `helm template` → the rendered multi-document YAML; throws with helm's message on failure. */
export function helmTemplate(chartDir: string, release: string, args: readonly string[] = []): string {
  const res = helm(['template', release, chartDir, '--namespace', 'default', ...args]);
  if (res.status !== 0) throw new Error(`helm template ${release} failed:\n${res.stderr}`);
  return res.stdout;
}
