import {
  envFromTarget,
  envKeyTarget,
  findObject,
  isKind,
  isRecord,
  objectsOfKind,
  valueAt,
  type K8sObject,
  type PodSpec,
  type StringMap,
} from '../k8s/manifest';
import { podSources } from './policy';

/*
 * How Helm and the Kubernetes API server will treat the rendered objects, checked without a cluster. Each rule
 * names the behaviour it encodes; every one of them once broke (or would have broken) a real install.
 */

const annotations = (o: K8sObject): StringMap => o.metadata.annotations ?? {};
const id = (o: K8sObject): string => `${o.kind}/${o.metadata.name}`;

/** The hook events an object runs in (empty for ordinary release resources). */
export const hookEvents = (o: K8sObject): string[] =>
  (annotations(o)['helm.sh/hook'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);

/**
 * Helm's install order of kinds (pkg/releaseutil/kind_sorter.go, InstallOrder). Hooks of one phase run in
 * ascending helm.sh/hook-weight, then in this kind order, then by name (Helm docs, "Chart Hooks": "Helm sorts
 * hooks by weight ... by resource kind and finally by name"), each created and — for Jobs and Pods — waited
 * for before the next (pkg/action/hooks.go, execHook).
 */
export const INSTALL_ORDER = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
] as const;

const kindRank = (kind: string): number => {
  const i = (INSTALL_ORDER as readonly string[]).indexOf(kind);
  return i === -1 ? INSTALL_ORDER.length : i;
};
const weight = (o: K8sObject): number => Number(annotations(o)['helm.sh/hook-weight'] ?? '0');

/** True when hook `a` is created before hook `b` of the same phase. */
const runsBefore = (a: K8sObject, b: K8sObject): boolean =>
  weight(a) !== weight(b) ? weight(a) < weight(b) : kindRank(a.kind) < kindRank(b.kind);

/** The ServiceAccount, ConfigMaps and Secrets a pod spec needs to exist before its pod can be created. */
function podReferences(spec: PodSpec): { kind: string; name: string; optional: boolean }[] {
  const refs: { kind: string; name: string; optional: boolean }[] = [];
  refs.push({ kind: 'ServiceAccount', name: spec.serviceAccountName ?? 'default', optional: false });
  for (const s of spec.imagePullSecrets ?? []) refs.push({ kind: 'Secret', name: s.name, optional: false });
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const from of c.envFrom ?? []) {
      const { kind, ref } = envFromTarget(from);
      refs.push({ kind, name: ref.name, optional: !!ref.optional });
    }
    for (const e of c.env ?? []) {
      const read = envKeyTarget(e);
      if (read) refs.push({ kind: read.kind, name: read.ref.name, optional: !!read.ref.optional });
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.configMap)
      refs.push({ kind: 'ConfigMap', name: v.configMap.name, optional: !!v.configMap.optional });
    if (v.secret) refs.push({ kind: 'Secret', name: v.secret.secretName, optional: !!v.secret.optional });
  }
  return refs;
}

/** Objects the user creates before installing (existingSecret, pull secrets, a named ServiceAccount). */
export interface UserCreated {
  readonly secrets: readonly string[];
  readonly serviceAccounts: readonly string[];
}

/**
 * Rule: a Job or Pod in a `pre-install` hook references no ServiceAccount, ConfigMap or Secret unless that object
 * is created earlier in the same phase by a hook, or by the user before installing. Helm creates the release's
 * ordinary resources only after the pre-install hooks succeeded (Helm docs, "Chart Hooks": pre-install "executes
 * after templates are rendered, but before any resources are created"); the API server refuses a pod whose
 * ServiceAccount does not exist, and the kubelet never starts one whose Secret/ConfigMap is missing, so the hook
 * times out. The `default` ServiceAccount exists in every namespace (ServiceAccount admission controller).
 */
export function checkPreInstallReferences(objects: readonly K8sObject[], user: UserCreated): string[] {
  const errors: string[] = [];
  const phase = 'pre-install';
  const hooks = objects.filter((o) => hookEvents(o).includes(phase));
  for (const s of podSources(hooks)) {
    for (const ref of podReferences(s.spec)) {
      if (ref.optional) continue;
      if (
        ref.kind === 'ServiceAccount' &&
        (ref.name === 'default' || user.serviceAccounts.includes(ref.name))
      )
        continue;
      if (ref.kind === 'Secret' && user.secrets.includes(ref.name)) continue;
      const creator = hooks.find((h) => h.kind === ref.kind && h.metadata.name === ref.name);
      if (!creator)
        errors.push(
          `${id(s.owner)} (${phase} hook) needs ${ref.kind}/${ref.name}, which no earlier ${phase} hook creates`,
        );
      else if (!runsBefore(creator, s.owner))
        errors.push(
          `${id(s.owner)} (${phase} hook) runs before ${ref.kind}/${ref.name} is created (weight/kind)`,
        );
    }
  }
  return errors;
}

/** A numeric field the API server rejects when it is not above a minimum. */
interface PositiveField {
  readonly kind: string;
  /** Path below the object; `[]` walks every item of a list. */
  readonly path: string;
  readonly min: number;
  /** Where the API server enforces it. */
  readonly source: string;
}

/**
 * Fields the API server requires to be ≥ min (a 0 there fails the whole install). Sources: kubernetes
 * pkg/apis/autoscaling/validation/validation.go (minReplicas, maxReplicas, averageUtilization "must be greater
 * than 0"), pkg/apis/core/validation/validation.go (ports 1-65535), pkg/apis/batch/validation/validation.go
 * (activeDeadlineSeconds).
 */
export const POSITIVE_FIELDS: readonly PositiveField[] = [
  { kind: 'HorizontalPodAutoscaler', path: 'spec.minReplicas', min: 1, source: 'autoscaling validation' },
  { kind: 'HorizontalPodAutoscaler', path: 'spec.maxReplicas', min: 1, source: 'autoscaling validation' },
  {
    kind: 'HorizontalPodAutoscaler',
    path: 'spec.metrics[].resource.target.averageUtilization',
    min: 1,
    source: 'autoscaling validation',
  },
  { kind: 'Service', path: 'spec.ports[].port', min: 1, source: 'core validation' },
  { kind: 'Job', path: 'spec.activeDeadlineSeconds', min: 1, source: 'batch validation' },
  { kind: '*pod', path: 'containers[].ports[].containerPort', min: 1, source: 'core validation' },
];

function valuesAt(node: unknown, path: string[]): unknown[] {
  if (node === undefined || node === null) return [];
  if (path.length === 0) return [node];
  const [head, ...rest] = path as [string, ...string[]];
  if (head.endsWith('[]')) {
    const list = valueAt(node, head.slice(0, -2));
    return Array.isArray(list) ? list.flatMap((item: unknown) => valuesAt(item, rest)) : [];
  }
  return valuesAt(valueAt(node, head), rest);
}

/** Rule: no numeric field the API server requires to be positive renders as 0 (or below its minimum). */
export function checkPositiveFields(objects: readonly K8sObject[]): string[] {
  const errors: string[] = [];
  for (const f of POSITIVE_FIELDS) {
    const targets =
      f.kind === '*pod'
        ? podSources(objects).map((s) => ({ name: id(s.owner), node: s.spec }))
        : objects
            .filter((o) => o.kind === f.kind)
            .map((o): { name: string; node: unknown } => ({ name: id(o), node: o }));
    for (const t of targets) {
      for (const v of valuesAt(t.node, f.path.split('.'))) {
        if (typeof v !== 'number' || v < f.min)
          errors.push(
            `${t.name}: ${f.path} is ${JSON.stringify(v)}, the API server needs >= ${f.min} (${f.source})`,
          );
      }
    }
  }
  return errors;
}

const checksums = (objects: readonly K8sObject[]): Map<string, string> => {
  const out = new Map<string, string>();
  for (const o of objects) {
    // Any kind with a pod template (spec.template), read without assuming a view.
    const ann = valueAt(o, 'spec', 'template', 'metadata', 'annotations');
    for (const [k, v] of Object.entries(isRecord(ann) ? ann : {}))
      if (k.startsWith('checksum/')) out.set(`${id(o)} ${k}`, String(v));
  }
  return out;
};

/**
 * Rule: checksum annotations are identical across two renders of the same values. A pod template annotation that
 * differs between renders makes every `helm upgrade` roll the pods (a Deployment rolls on any pod-template change,
 * Kubernetes "Deployments"); a hash of random generated secrets does exactly that on the first upgrade.
 */
export function checkStableChecksums(first: readonly K8sObject[], second: readonly K8sObject[]): string[] {
  const a = checksums(first);
  const b = checksums(second);
  return [...a].filter(([k, v]) => b.get(k) !== v).map(([k]) => `${k} differs between two renders`);
}

/** Template functions whose result changes between renders, or between `helm template`/install and upgrade. */
const UNSTABLE = /\b(lookup|randAlphaNum|randAlpha|randNumeric|randAscii|randBytes|uuidv4|now)\b/;

/**
 * Rule: a checksum annotation's input contains nothing random and nothing looked up from the cluster. `lookup`
 * returns an empty map under `helm template` and at first install but the stored object at upgrade (Helm docs,
 * "Template Functions: lookup"), so a hash over it differs between install and upgrade even with equal values.
 * `templates` maps chart paths (templates/x.yaml) to their source; defines are found in every template.
 */
export function checkChecksumInputs(templates: ReadonlyMap<string, string>): string[] {
  const errors: string[] = [];
  const defines = new Map<string, string>();
  for (const text of templates.values()) {
    for (const m of text.matchAll(/define "([^"]+)" -?\}\}([\s\S]*?)\{\{-? end \}\}/g))
      defines.set(m[1]!, m[2]!);
  }
  const expand = (text: string, seen: Set<string>): string => {
    let out = text;
    for (const m of text.matchAll(/print \$\.Template\.BasePath "\/([^"]+)"/g)) {
      const file = `templates/${m[1]}`;
      if (!seen.has(file)) out += expand(templates.get(file) ?? '', new Set([...seen, file]));
    }
    for (const m of text.matchAll(/include "([^"]+)"/g)) {
      if (!seen.has(m[1]!)) out += expand(defines.get(m[1]!) ?? '', new Set([...seen, m[1]!]));
    }
    return out;
  };
  for (const [path, text] of templates) {
    for (const line of text.split('\n')) {
      const m = /^\s*(checksum\/[\w.-]+):\s*(.*)$/.exec(line);
      if (!m) continue;
      const found = UNSTABLE.exec(expand(m[2]!, new Set([path])));
      if (found) errors.push(`${path}: ${m[1]} hashes input that uses ${found[1]}`);
    }
  }
  return errors;
}

/**
 * Rule: every Secret value the chart generates (it differs between two renders) survives `helm uninstall`:
 * the Secret carries `helm.sh/resource-policy: keep` (Helm docs, "Chart Development Tips: Tell Helm Not To
 * Uninstall a Resource"). Otherwise a reinstall generates a new database password while the kept Postgres volume
 * still holds the old one ("password authentication failed"). The template must also reuse the kept values
 * through `lookup` (checked on the template source by the caller).
 */
export function checkGeneratedSecretsKept(
  first: readonly K8sObject[],
  second: readonly K8sObject[],
): string[] {
  const errors: string[] = [];
  for (const s of objectsOfKind(first, 'Secret')) {
    const again = findObject(second, 'Secret', s.metadata.name);
    const data = s.data ?? {};
    const generated = Object.keys(data).filter((k) => again?.data?.[k] !== data[k]);
    if (generated.length > 0 && annotations(s)['helm.sh/resource-policy'] !== 'keep')
      errors.push(
        `${id(s)}: generates ${generated.join(', ')} but is deleted by helm uninstall (no resource-policy: keep)`,
      );
  }
  return errors;
}

/** Whether helm arguments make it wait for resources to become ready (`--atomic` implies `--wait`). */
export const helmWaits = (args: readonly string[]): boolean =>
  args.some(
    (a) => a === '--wait' || a === '--wait=true' || a === '--atomic' || a === '--rollback-on-failure',
  );

/**
 * Rule: `helm --wait` can finish for every rendered object. Helm's readiness check (pkg/kube/ready.go,
 * serviceReady) holds a LoadBalancer Service until status.loadBalancer.ingress has an address; on Minikube that
 * exists only while `minikube tunnel` runs, so `--wait` hangs until --timeout and the release ends failed.
 */
export function checkWaitSatisfiable(objects: readonly K8sObject[], helmArgs: readonly string[]): string[] {
  if (!helmWaits(helmArgs)) return [];
  return objects
    .filter((o) => isKind(o, 'Service') && o.spec.type === 'LoadBalancer')
    .map(
      (o) =>
        `${id(o)}: helm --wait waits for a load-balancer address, which Minikube only has under minikube tunnel`,
    );
}

/**
 * Rule: `helm test --logs` can read every test pod. Helm deletes a `hook-succeeded` test pod before fetching its
 * logs and then fails with "unable to get pod logs ... not found" (helm issue 9098), and it cannot read a pod with
 * several containers ("a container name must be specified", helm issue 9892, fixed after 3.18).
 */
export function checkTestLogsReadable(objects: readonly K8sObject[]): string[] {
  const errors: string[] = [];
  for (const o of objects.filter((x) => hookEvents(x).includes('test'))) {
    if ((annotations(o)['helm.sh/hook-delete-policy'] ?? '').includes('hook-succeeded'))
      errors.push(`${id(o)}: hook-succeeded deletes the pod before helm test --logs reads it`);
    if (isKind(o, 'Pod') && (o.spec.containers ?? []).length !== 1)
      errors.push(`${id(o)}: helm 3.18 test --logs reads single-container pods only`);
  }
  return errors;
}

/**
 * Rule: a Deployment's terminationGracePeriodSeconds covers its preStop sleep plus the app's shutdown timeout plus
 * `marginSeconds`. The grace period starts with preStop and ends in SIGKILL (Kubernetes "Pod Lifecycle:
 * Termination of Pods"), so without room in-flight requests are cut. `shutdownVar` names the env variable (ms)
 * read from the Deployment's ConfigMap.
 */
export function checkGracePeriods(
  objects: readonly K8sObject[],
  shutdownVar: string,
  marginSeconds: number,
): string[] {
  const errors: string[] = [];
  for (const d of objectsOfKind(objects, 'Deployment')) {
    const spec = d.spec.template.spec;
    for (const c of spec.containers) {
      const preStop = c.lifecycle?.preStop?.exec?.command?.join(' ') ?? '';
      const preStopMs = Number(/setTimeout\([^,]+,\s*(\d+)\)/.exec(preStop)?.[1] ?? 0);
      const cm = (c.envFrom ?? [])
        .map((f) => f.configMapRef && findObject(objects, 'ConfigMap', f.configMapRef.name))
        .find((o) => o?.data?.[shutdownVar] !== undefined);
      const shutdownMs = Number(cm?.data?.[shutdownVar] ?? 0);
      const needed = Math.ceil((preStopMs + shutdownMs) / 1000) + marginSeconds;
      const grace = spec.terminationGracePeriodSeconds ?? 30;
      if (grace < needed)
        errors.push(
          `${id(d)}: terminationGracePeriodSeconds ${grace} < ${needed} (preStop ${preStopMs} ms + ${shutdownVar} ${shutdownMs} ms + ${marginSeconds} s)`,
        );
    }
  }
  return errors;
}
