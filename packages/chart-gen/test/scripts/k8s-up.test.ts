import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todoChatbot } from '../../src/config/todo-chatbot';
import { repoRoot } from '../../src/paths';
import { checkWaitSatisfiable } from '../../src/validate/helm-rules';
import { bash32Problems, FIELD, writeStubs } from '../helpers/shell';
import { chartOnDisk } from '../helpers/render';
import { helmTemplate } from '../../src/helm/helm';
import { objectsOfKind, parseObjects } from '../../src/k8s/manifest';

/*
 * scripts/k8s-up.sh and k8s-down.sh against stand-ins for minikube, kubectl, helm and docker that record their
 * arguments and answer the way the real tools do (status codes, `-o name` lines, `helm status -o json`). Nothing
 * here can run a cluster; the stand-ins are the only place one is faked.
 */

const SCRIPTS = ['scripts/k8s-up.sh', 'scripts/k8s-down.sh'];

const STUBS = {
  minikube: `
case "$*" in
  "version --short") echo v1.36.0 ;;
  *" status"*) [ -f "$STATE/running" ] || { echo "host: Stopped"; exit 7; }; echo "host: Running" ;;
  *" start "*) touch "$STATE/running"; echo "Done! kubectl is now configured" ;;
  *" docker-env"*) echo 'export DOCKER_HOST="tcp://192.168.49.2:2376"' ;;
  *" image build "*) echo "built" ;;
  *" service "*" --url"*)
    echo "http://192.168.49.2:31234"
    # The docker driver on macOS keeps the command running: the URL only works while it does.
    [ -f "$STATE/service-holds" ] && sleep 20
    ;;
  *) echo "minikube stub: unexpected $*" >&2; exit 64 ;;
esac`,
  kubectl: `
case "$*" in
  "config use-context"*) echo "Switched to context" ;;
  *"kube-system get pods"*) cat "$STATE/cni-pods" 2>/dev/null || true ;;
  *" get job "*" -o name") echo "job.batch/\${4}" ;;
  *" wait --for=condition=complete "*) echo "\${5} condition met" ;;
  *" get deployments,statefulsets "*) printf '%s\\n' deployment.apps/todo-backend deployment.apps/todo-frontend statefulset.apps/todo-postgresql ;;
  *" rollout status "*) echo "\${5} successfully rolled out" ;;
  *"jsonpath={.spec.type}") cat "$STATE/svc-type" 2>/dev/null || printf LoadBalancer ;;
  *"jsonpath={.spec.ports[0].port}") printf 80 ;;
  *"jsonpath={.status.loadBalancer"*) cat "$STATE/lb-address" 2>/dev/null || true ;;
  *" delete "*) echo "deleted" ;;
  *) echo "kubectl stub: unexpected $*" >&2; exit 64 ;;
esac`,
  helm: `
case "$1" in
  version) echo "v3.18.0+gcc58e3f" ;;
  status)
    [ -f "$STATE/release" ] || { echo "Error: release: not found" >&2; exit 1; }
    case "$*" in
      *"-o json"*) printf '{"name":"%s","info":{"status":"%s"},"version":2}\\n' "$2" "$(cat "$STATE/release")" ;;
      *) echo "STATUS: $(cat "$STATE/release")" ;;
    esac ;;
  upgrade) printf deployed >"$STATE/release"; echo "Release \\"$2\\" has been upgraded. Happy Helming!" ;;
  rollback) printf deployed >"$STATE/release"; echo "Rollback was a success! Happy Helming!" ;;
  uninstall) rm -f "$STATE/release"; echo "release \\"$2\\" uninstalled" ;;
  test) printf 'Phase: Succeeded\\nPOD LOGS: %s-tests\\nok   task 1 created and read back\\n' "$2" ;;
  *) echo "helm stub: unexpected $*" >&2; exit 64 ;;
esac`,
  docker: `
case "$1" in
  build) echo "Successfully built" ;;
  *) echo "docker stub: unexpected $*" >&2; exit 64 ;;
esac`,
};

interface Run {
  readonly status: number;
  readonly out: string;
  readonly calls: string[][];
}

/** A throwaway git repo holding the scripts (they derive the image tag from it) and a stub bin dir. */
class Sandbox {
  readonly dir = mkdtempSync(join(tmpdir(), 'k8s-up-'));
  readonly repo = join(this.dir, 'repo');
  readonly state = join(this.dir, 'state');
  readonly bin: string;

  constructor() {
    mkdirSync(this.state, { recursive: true });
    this.bin = writeStubs(this.state, STUBS);
    for (const f of [...SCRIPTS, 'apps/backend/package.json', 'apps/frontend/package.json']) {
      mkdirSync(dirname(join(this.repo, f)), { recursive: true });
      copyFileSync(join(repoRoot, f), join(this.repo, f));
    }
    this.git('init', '-q');
    this.git('add', '.');
    this.git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
  }

  git(...args: string[]): string {
    return spawnSync('git', ['-C', this.repo, ...args], { encoding: 'utf8' }).stdout.trim();
  }

  set(file: string, content: string | undefined): void {
    if (content === undefined) rmSync(join(this.state, file), { force: true });
    else writeFileSync(join(this.state, file), content);
  }

  run(script: string, args: string[] = [], env: Record<string, string> = {}, shell = ['bash']): Run {
    rmSync(join(this.state, 'calls'), { force: true });
    const res = spawnSync(shell[0]!, [...shell.slice(1), join(this.repo, script), ...args], {
      encoding: 'utf8',
      env: {
        PATH: `${this.bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
        HOME: this.dir,
        TMPDIR: this.dir,
        ...env,
      },
      timeout: 60_000,
    });
    const log = existsSync(join(this.state, 'calls')) ? readFileSync(join(this.state, 'calls'), 'utf8') : '';
    return {
      status: res.status ?? 1,
      out: `${res.stdout}${res.stderr}`,
      calls: log
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(FIELD)),
    };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const called = (run: Run, cmd: string, ...words: string[]): string[][] =>
  run.calls.filter((c) => c[0] === cmd && words.every((w) => c.includes(w)));
const helmUpgrade = (run: Run): string[] => called(run, 'helm', 'upgrade')[0] ?? [];
const setValue = (args: readonly string[], key: string): string | undefined =>
  args
    .filter((_, i) => args[i - 1] === '--set')
    .find((s) => s.startsWith(`${key}=`))
    ?.slice(key.length + 1);
/** Go duration (15m, 900s, 1h) in seconds. */
const seconds = (d: string): number =>
  [...d.matchAll(/(\d+)(h|m|s)/g)].reduce((t, [, n, u]) => t + Number(n) * { h: 3600, m: 60, s: 1 }[u!]!, 0);

let box: Sandbox;
beforeAll(() => {
  box = new Sandbox();
});
afterAll(() => box.dispose());

describe('k8s-up.sh and k8s-down.sh as shell scripts', () => {
  it.each(SCRIPTS)('GIVEN %s WHEN shellcheck runs THEN it reports nothing', (script) => {
    const res = spawnSync('shellcheck', ['-s', 'bash', '-x', join(repoRoot, script)], { encoding: 'utf8' });
    if (res.error)
      throw new Error(`shellcheck is not installed (apt-get install shellcheck): ${res.error.message}`);
    expect(res.stdout).toBe('');
    expect(res.status).toBe(0);
  });

  it.each(SCRIPTS)(
    'GIVEN %s WHEN read for bash 3.2 and BSD tools (macOS) THEN nothing needs bash 4 or GNU',
    (script) => {
      expect(bash32Problems(readFileSync(join(repoRoot, script), 'utf8'))).toEqual([]);
    },
  );

  it('GIVEN bash 4-only lines WHEN read for bash 3.2 THEN each is named', () => {
    const problems = bash32Problems(
      'a=()\ndocker build "${a[@]}" .\nURL=$(timeout 30 minikube service)\nok ${a[@]+"${a[@]}"}\n',
    );
    expect(problems).toEqual([
      'line 2: "${a[@]}" of a possibly empty array under set -u (bash < 4.4)',
      'line 3: GNU timeout (not on macOS): URL=$(timeout 30 minikube service)',
    ]);
  });
});

describe('pnpm k8s:up', () => {
  it('GIVEN a stopped Minikube and no release WHEN k8s:up runs THEN it starts Minikube with Calico and installs without --wait', () => {
    box.set('running', undefined);
    box.set('release', undefined);
    const run = box.run('scripts/k8s-up.sh');
    expect(run.status, run.out).toBe(0);
    expect(called(run, 'minikube', 'start')[0]).toContain('--cni=calico');
    const upgrade = helmUpgrade(run);
    expect(upgrade.slice(0, 3)).toEqual(['helm', 'upgrade', '--install']);
    expect(upgrade).not.toContain('--wait');
    expect(upgrade).not.toContain('--atomic');
  });

  it('GIVEN the helm arguments k8s:up uses WHEN the chart renders with them THEN helm could finish waiting on every Service', () => {
    const run = box.run('scripts/k8s-up.sh');
    const upgrade = helmUpgrade(run);
    const sets = upgrade.flatMap((a, i) => (upgrade[i - 1] === '--set' ? ['--set', a] : []));
    const chart = chartOnDisk();
    try {
      const objects = parseObjects(helmTemplate(chart.dir, 'todo', sets));
      const types = objectsOfKind(objects, 'Service').map((o) => o.spec.type);
      expect(types).toContain('LoadBalancer');
      expect(checkWaitSatisfiable(objects, upgrade)).toEqual([]);
      // The same rule rejects the previous script's `--wait` on this LoadBalancer frontend.
      expect(checkWaitSatisfiable(objects, [...upgrade, '--wait'])).toHaveLength(1);
    } finally {
      chart.dispose();
    }
  });

  it('GIVEN a first install WHEN k8s:up runs THEN helm waits longer than the migration Job may run, and the script waits for the Job and every rollout', () => {
    box.set('release', undefined);
    const run = box.run('scripts/k8s-up.sh');
    const upgrade = helmUpgrade(run);
    const timeout = upgrade[upgrade.indexOf('--timeout') + 1] ?? '0s';
    expect(seconds(timeout)).toBeGreaterThan(todoChatbot.migrations.activeDeadlineSeconds);
    expect(called(run, 'kubectl', 'wait', '--for=condition=complete', 'job/todo-migrations')).toHaveLength(1);
    const rollouts = called(run, 'kubectl', 'rollout', 'status').map((c) => c[c.indexOf('status') + 1]);
    expect(rollouts).toEqual([
      'deployment.apps/todo-backend',
      'deployment.apps/todo-frontend',
      'statefulset.apps/todo-postgresql',
    ]);
    const lastRollout = run.calls.findLastIndex((c) => c.includes('rollout'));
    expect(run.calls.findIndex((c) => c[0] === 'helm' && c[1] === 'test')).toBeGreaterThan(lastRollout);
    expect(called(run, 'helm', 'test')[0]).toContain('--logs');
  });

  it('GIVEN a committed tree WHEN k8s:up builds THEN both images and the release use the git revision as tag', () => {
    const run = box.run('scripts/k8s-up.sh');
    const rev = box.git('rev-parse', '--short=12', 'HEAD');
    const tags = called(run, 'docker', 'build').flatMap((c) => c.filter((a, i) => c[i - 1] === '-t'));
    expect(tags).toEqual([
      `todo-backend:${rev}`,
      'todo-backend:0.1.0',
      `todo-frontend:${rev}`,
      'todo-frontend:0.1.0',
    ]);
    expect(setValue(helmUpgrade(run), 'backend.image.tag')).toBe(rev);
    expect(setValue(helmUpgrade(run), 'frontend.image.tag')).toBe(rev);
  });

  it('GIVEN a second k8s:up after a source change WHEN it runs THEN it upgrades in place with a new tag, so the pods roll', () => {
    box.set('running', '');
    const first = box.run('scripts/k8s-up.sh');
    writeFileSync(join(box.repo, 'apps/backend/changed.ts'), 'export const x = 1;\n');
    const second = box.run('scripts/k8s-up.sh');
    const third = box.run('scripts/k8s-up.sh');
    rmSync(join(box.repo, 'apps/backend/changed.ts'));
    expect(second.status, second.out).toBe(0);
    expect(called(second, 'minikube', 'start')).toHaveLength(0);
    expect(second.out).toContain('upgrading in place');
    const tag = (r: Run) => setValue(helmUpgrade(r), 'backend.image.tag');
    expect(tag(second)).toMatch(new RegExp(`^${tag(first)}-dirty-[0-9a-f]{8}$`));
    expect(tag(third)).toBe(tag(second)); // same sources, same tag: no needless roll
  });

  it('GIVEN a release stuck in pending-upgrade WHEN k8s:up runs THEN it rolls back first and says why', () => {
    box.set('release', 'pending-upgrade');
    const run = box.run('scripts/k8s-up.sh');
    expect(run.status, run.out).toBe(0);
    const order = run.calls.filter((c) => c[0] === 'helm').map((c) => c[1]);
    expect(order.indexOf('rollback')).toBeGreaterThan(-1);
    expect(order.indexOf('rollback')).toBeLessThan(order.indexOf('upgrade'));
    expect(run.out).toContain('stuck in pending-upgrade');
  });

  it('GIVEN a release stuck in pending-install WHEN k8s:up runs THEN it uninstalls it (data and password kept) and installs', () => {
    box.set('release', 'pending-install');
    const run = box.run('scripts/k8s-up.sh');
    expect(run.status, run.out).toBe(0);
    const order = run.calls.filter((c) => c[0] === 'helm').map((c) => c[1]);
    expect(order.indexOf('uninstall')).toBeLessThan(order.indexOf('upgrade'));
    expect(run.out).toContain('Secret and the Postgres volume are kept');
  });

  it('GIVEN minikube tunnel gave the LoadBalancer an address WHEN k8s:up ends THEN it prints that address', () => {
    box.set('lb-address', '10.96.12.7');
    const run = box.run('scripts/k8s-up.sh');
    box.set('lb-address', undefined);
    expect(run.out).toContain('open http://10.96.12.7/');
    expect(called(run, 'minikube', 'service')).toHaveLength(0);
  });

  it('GIVEN no tunnel WHEN k8s:up ends THEN it prints the URL minikube service --url gives', () => {
    const run = box.run('scripts/k8s-up.sh');
    expect(run.out).toContain('open http://192.168.49.2:31234');
    expect(run.out).toContain('minikube tunnel');
  });

  it('GIVEN a driver whose service --url keeps running (macOS docker) WHEN k8s:up ends THEN it says to run it in another terminal', () => {
    box.set('service-holds', '');
    const started = Date.now();
    const run = box.run('scripts/k8s-up.sh');
    box.set('service-holds', undefined);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toContain('Run, in another terminal');
    expect(run.out).not.toContain('open http://192.168.49.2:31234');
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('GIVEN a running cluster without Calico or Cilium WHEN k8s:up runs THEN it warns that NetworkPolicies are not enforced', () => {
    box.set('cni-pods', '');
    expect(box.run('scripts/k8s-up.sh').out).toContain('NOT enforced');
    box.set('cni-pods', 'pod/calico-node-x7k2p\n');
    expect(box.run('scripts/k8s-up.sh').out).not.toContain('NOT enforced');
  });

  it('GIVEN bash in POSIX mode and no NODE_IMAGE (empty build-arg arrays) WHEN k8s:up runs THEN it completes', () => {
    const run = box.run('scripts/k8s-up.sh', [], {}, ['bash', '--posix']);
    expect(run.status, run.out).toBe(0);
    expect(run.out).not.toMatch(/unbound variable|syntax error/);
  });

  it('GIVEN extra arguments WHEN k8s:up runs THEN they reach helm upgrade after the script’s own', () => {
    const run = box.run('scripts/k8s-up.sh', ['--set', 'backend.replicaCount=1']);
    expect(helmUpgrade(run).slice(-2)).toEqual(['--set', 'backend.replicaCount=1']);
  });
});

describe('pnpm k8s:down', () => {
  it('GIVEN an installed release WHEN k8s:down runs THEN it uninstalls, removes hook leftovers and keeps the Secret and volume', () => {
    box.set('running', '');
    box.set('release', 'deployed');
    const run = box.run('scripts/k8s-down.sh');
    expect(run.status, run.out).toBe(0);
    expect(called(run, 'helm', 'uninstall', 'todo')).toHaveLength(1);
    const deleted = called(run, 'kubectl', 'delete').map((c) => c[c.indexOf('delete') + 1]);
    expect(deleted).toEqual(['jobs,pods,serviceaccounts']);
    expect(run.out).toContain('password (Secret todo) are kept');
  });

  it('GIVEN --purge WHEN k8s:down runs THEN the namespace (volume and Secret with it) is deleted', () => {
    box.set('release', 'deployed');
    const run = box.run('scripts/k8s-down.sh', ['--purge']);
    expect(called(run, 'kubectl', 'delete', 'namespace', 'todo')).toHaveLength(1);
  });
});
