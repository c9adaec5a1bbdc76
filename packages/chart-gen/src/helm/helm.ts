import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** How chart-gen runs helm. */
export interface HelmOptions {
  /** The helm binary: a path, or a command name looked up on PATH.
   * @default process.env.HELM_BIN, else 'helm' */
  readonly bin?: string;
  /** Working directory of the helm process.
   * @default process.cwd() */
  readonly cwd?: string;
}

const INSTALL_HINT =
  'Install helm 3 (https://helm.sh/docs/intro/install/, e.g. `brew install helm`), or on linux/amd64 run ' +
  '`node scripts/install-helm.mjs` and pass the path it prints with --helm (or HELM_BIN).';

/** Thrown when the helm binary cannot be found or does not run. */
export class HelmMissingError extends Error {
  constructor(bin: string, why: string) {
    super(`chart-gen needs helm: ${bin} ${why}. ${INSTALL_HINT}`);
    this.name = 'HelmMissingError';
  }
}

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const checked = new Map<string, string>();

/** The absolute path of the helm binary `bin` names; throws HelmMissingError with what to install. */
export function resolveHelm(bin: string = process.env.HELM_BIN || 'helm'): string {
  const known = checked.get(bin);
  if (known) return known;
  const candidates =
    isAbsolute(bin) || bin.includes('/')
      ? [resolve(bin)]
      : (process.env.PATH ?? '').split(delimiter).flatMap((dir) => (dir ? [join(dir, bin)] : []));
  const path = candidates.find(isExecutable);
  if (!path) throw new HelmMissingError(bin, bin.includes('/') ? 'is not executable' : 'is not on PATH');
  const version = spawnSync(path, ['version', '--short'], { encoding: 'utf8' });
  if (version.status !== 0)
    throw new HelmMissingError(path, `does not run (${(version.stderr || String(version.error)).trim()})`);
  checked.set(bin, path);
  return path;
}

export interface HelmResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs helm with a fixed environment so output never depends on the caller's kube config or plugins. */
export function helm(args: readonly string[], options: HelmOptions = {}): HelmResult {
  const home = join(tmpdir(), 'chart-gen-helm');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    // No cluster is contacted by lint/template; an empty kube config keeps it so.
    KUBECONFIG: '/dev/null',
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
  };
  const res = spawnSync(resolveHelm(options.bin), [...args], {
    cwd: options.cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: res.status ?? 1, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

/** `helm template` → the rendered multi-document YAML; throws with helm's message on failure. */
export function helmTemplate(
  chartDir: string,
  release: string,
  args: readonly string[] = [],
  options: HelmOptions = {},
): string {
  const res = helm(['template', release, chartDir, '--namespace', 'default', ...args], options);
  if (res.status !== 0) throw new Error(`helm template ${release} failed:\n${res.stderr}`);
  return res.stdout;
}
