import type { EnvSpec } from '@todo/shared/env';
import {
  envFromTarget,
  envKeyTarget,
  findObject,
  isKind,
  isWorkload,
  objectsOfKind,
  type Container,
  type K8sObject,
  type PodSpec,
  type StringMap,
  valueAt,
} from '../k8s/manifest';

export interface PodSource {
  readonly owner: K8sObject;
  readonly labels: StringMap;
  readonly spec: PodSpec;
  /** Long-running pods need probes; Jobs and test pods do not. */
  readonly longRunning: boolean;
}

/** Every pod spec in the rendered objects, with the labels its pods get. */
export function podSources(objects: readonly K8sObject[]): PodSource[] {
  return objects.flatMap((o): PodSource[] => {
    if (isKind(o, 'Pod'))
      return [{ owner: o, labels: o.metadata.labels ?? {}, spec: o.spec, longRunning: false }];
    if (isKind(o, 'CronJob')) {
      const template = o.spec.jobTemplate.spec.template;
      return [{ owner: o, labels: template.metadata?.labels ?? {}, spec: template.spec, longRunning: false }];
    }
    if (isWorkload(o)) {
      return [
        {
          owner: o,
          labels: o.spec.template.metadata?.labels ?? {},
          spec: o.spec.template.spec,
          longRunning: o.kind !== 'Job',
        },
      ];
    }
    return [];
  });
}

const at = (s: PodSource, container?: string): string =>
  `${s.owner.kind}/${s.owner.metadata.name}${container ? ` container ${container}` : ''}`;

/** Restricted Pod Security Standard, plus no service account token. */
export function checkRestrictedPss(sources: readonly PodSource[]): string[] {
  const errors: string[] = [];
  for (const s of sources) {
    const pod = s.spec.securityContext ?? {};
    if (s.spec.hostNetwork || s.spec.hostPID || s.spec.hostIPC) errors.push(`${at(s)}: uses host namespaces`);
    if ((s.spec.volumes ?? []).some((v) => v.hostPath)) errors.push(`${at(s)}: hostPath volume`);
    if (s.spec.automountServiceAccountToken !== false) errors.push(`${at(s)}: service account token mounted`);
    for (const c of [...(s.spec.initContainers ?? []), ...(s.spec.containers ?? [])]) {
      const sc = c.securityContext ?? {};
      const where = at(s, c.name);
      if (!(sc.runAsNonRoot ?? pod.runAsNonRoot)) errors.push(`${where}: runAsNonRoot not true`);
      const uid = sc.runAsUser ?? pod.runAsUser;
      if (uid === undefined || uid === 0) errors.push(`${where}: runAsUser must be a non-zero uid`);
      const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
        errors.push(`${where}: seccompProfile not RuntimeDefault`);
      if (sc.allowPrivilegeEscalation !== false) errors.push(`${where}: allowPrivilegeEscalation not false`);
      if (sc.privileged) errors.push(`${where}: privileged`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL'))
        errors.push(`${where}: capabilities do not drop ALL`);
      const added = (sc.capabilities?.add ?? []).filter((x) => x !== 'NET_BIND_SERVICE');
      if (added.length > 0) errors.push(`${where}: adds capabilities ${added.join(',')}`);
      if (sc.readOnlyRootFilesystem !== true) errors.push(`${where}: root filesystem writable`);
    }
  }
  return errors;
}

/** Probes on long-running containers; requests (cpu, memory) and a memory limit on every container. */
export function checkProbesAndResources(sources: readonly PodSource[]): string[] {
  const errors: string[] = [];
  for (const s of sources) {
    for (const c of s.spec.containers ?? []) {
      const where = at(s, c.name);
      if (s.longRunning) {
        for (const p of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
          if (!c[p]) errors.push(`${where}: no ${p}`);
        }
      }
      if (!c.resources?.requests?.cpu || !c.resources?.requests?.memory)
        errors.push(`${where}: no cpu/memory requests`);
      if (!c.resources?.limits?.memory) errors.push(`${where}: no memory limit`);
    }
  }
  return errors;
}

const SELECTOR_KEYS = new Set(['app.kubernetes.io/name', 'app.kubernetes.io/instance']);

/** Label selectors (workloads, Services, PDBs, spread, NetworkPolicies) only use the stable name/instance labels. */
export function checkSelectors(objects: readonly K8sObject[]): string[] {
  const errors: string[] = [];
  const check = (o: K8sObject, what: string, labels: StringMap | undefined): void => {
    for (const k of Object.keys(labels ?? {})) {
      if (!SELECTOR_KEYS.has(k)) errors.push(`${o.kind}/${o.metadata.name}: ${what} selects on ${k}`);
    }
  };
  for (const o of objects) {
    if (isKind(o, 'Service')) check(o, 'selector', o.spec.selector);
    if (isKind(o, 'Deployment') || isKind(o, 'StatefulSet') || isKind(o, 'PodDisruptionBudget')) {
      check(o, 'selector', o.spec.selector?.matchLabels);
    }
    if (isWorkload(o)) {
      for (const t of o.spec.template.spec.topologySpreadConstraints ?? []) {
        check(o, 'topology spread', t.labelSelector?.matchLabels);
      }
    }
    if (isKind(o, 'NetworkPolicy')) {
      check(o, 'podSelector', o.spec.podSelector?.matchLabels);
      for (const rule of [...(o.spec.ingress ?? []), ...(o.spec.egress ?? [])]) {
        for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])])
          check(o, 'peer', peer.podSelector?.matchLabels);
      }
    }
  }
  return errors;
}

const selects = (selector: StringMap, labels: StringMap): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Services, PDBs and HPAs point at pods / workloads the release renders. */
export function checkReferences(objects: readonly K8sObject[]): string[] {
  const errors: string[] = [];
  const pods = podSources(objects).filter((s) => s.longRunning);
  for (const o of objects) {
    const selector = isKind(o, 'Service')
      ? o.spec.selector
      : isKind(o, 'PodDisruptionBudget')
        ? o.spec.selector.matchLabels
        : undefined;
    if (selector && !pods.some((p) => selects(selector, p.labels))) {
      errors.push(`${o.kind}/${o.metadata.name}: selects no pods of the release`);
    }
    if (isKind(o, 'Service') && o.spec.clusterIP !== 'None') {
      for (const port of o.spec.ports ?? []) {
        const named = typeof port.targetPort === 'string';
        const target = pods.find((p) => selects(o.spec.selector ?? {}, p.labels));
        const ports = (target?.spec.containers ?? []).flatMap((c) => c.ports ?? []);
        if (target && named && !ports.some((cp) => cp.name === port.targetPort)) {
          errors.push(`Service/${o.metadata.name}: targetPort ${port.targetPort} is no container port`);
        }
      }
    }
    if (isKind(o, 'HorizontalPodAutoscaler')) {
      const ref = o.spec.scaleTargetRef;
      // The target's kind is whatever the HPA names: read its spec.replicas without assuming a view.
      const target = objects.find((t) => t.kind === ref.kind && t.metadata.name === ref.name);
      if (!target)
        errors.push(
          `HorizontalPodAutoscaler/${o.metadata.name}: target ${ref.kind}/${ref.name} not rendered`,
        );
      else if (valueAt(target, 'spec', 'replicas') !== undefined) {
        errors.push(
          `HorizontalPodAutoscaler/${o.metadata.name}: ${ref.kind}/${ref.name} still sets replicas`,
        );
      }
    }
  }
  return errors;
}

const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

/** Every env var resolves: referenced ConfigMaps/Secrets (and keys) are rendered, unless optional or external. */
export function checkEnvResolvable(
  objects: readonly K8sObject[],
  externalSecrets: readonly string[],
): string[] {
  const errors: string[] = [];
  const find = (kind: 'ConfigMap' | 'Secret', name: string) => findObject(objects, kind, name);
  for (const s of podSources(objects)) {
    for (const c of s.spec.containers ?? []) {
      const where = at(s, c.name);
      for (const from of c.envFrom ?? []) {
        const { kind, ref } = envFromTarget(from);
        if (
          !ref.optional &&
          !find(kind, ref.name) &&
          !(kind === 'Secret' && externalSecrets.includes(ref.name))
        ) {
          errors.push(`${where}: envFrom ${kind} ${ref.name} is not rendered`);
        }
      }
      for (const e of c.env ?? []) {
        const read = envKeyTarget(e);
        if (!read || read.ref.optional) continue;
        const { kind, ref } = read;
        if (kind === 'Secret' && externalSecrets.includes(ref.name)) continue;
        const target = find(kind, ref.name);
        if (!target) errors.push(`${where}: ${e.name} reads ${kind} ${ref.name}, which is not rendered`);
        else if (!(ref.key in (target.data ?? {})))
          errors.push(`${where}: ${e.name} reads missing key ${ref.key} of ${kind} ${ref.name}`);
      }
    }
  }
  return errors;
}

/** No secret value in plain text: secret variables never in ConfigMaps, Secret values never in ConfigMaps or env values. */
export function checkNoPlaintextSecrets(objects: readonly K8sObject[], specs: readonly EnvSpec[]): string[] {
  const errors: string[] = [];
  const secretNames = new Set(
    specs.flatMap((s) =>
      Object.entries(s)
        .filter(([, v]) => v.secret)
        .map(([k]) => k),
    ),
  );
  const secretValues = objectsOfKind(objects, 'Secret')
    .flatMap((o) => Object.values(o.data ?? {}).map(decode))
    .filter((v) => v.length >= 8);
  const credentialUrl = /:\/\/[^/\s:@]+:[^/\s@]+@/;
  for (const o of objectsOfKind(objects, 'ConfigMap')) {
    for (const [k, v] of Object.entries(o.data ?? {})) {
      if (secretNames.has(k)) errors.push(`ConfigMap/${o.metadata.name}: secret variable ${k} in plain text`);
      if (credentialUrl.test(v))
        errors.push(`ConfigMap/${o.metadata.name}: ${k} holds a URL with a password`);
      if (secretValues.some((s) => v.includes(s)))
        errors.push(`ConfigMap/${o.metadata.name}: ${k} holds a Secret value`);
    }
  }
  for (const s of podSources(objects)) {
    for (const c of s.spec.containers ?? []) {
      for (const e of c.env ?? []) {
        const value = e.value;
        if (typeof value !== 'string') continue;
        if (secretNames.has(e.name))
          errors.push(`${at(s, c.name)}: secret variable ${e.name} as a plain value`);
        if (credentialUrl.test(value) || secretValues.some((v) => value.includes(v))) {
          errors.push(`${at(s, c.name)}: ${e.name} holds a secret value`);
        }
      }
    }
  }
  return errors;
}

/** The variable names a container gets: its env entries plus the keys of the ConfigMaps/Secrets it loads whole. */
export function providedEnv(objects: readonly K8sObject[], container: Container): Set<string> {
  const names = new Set<string>((container.env ?? []).map((e) => e.name));
  for (const from of container.envFrom ?? []) {
    const { kind, ref } = envFromTarget(from);
    const target = findObject(objects, kind, ref.name);
    for (const k of Object.keys(target?.data ?? {})) names.add(`${from.prefix ?? ''}${k}`);
  }
  return names;
}

/**
 * The app containers get exactly the variables their env contract declares: none missing (every variable an
 * app reads is provided) and none extra (the chart sets nothing the app ignores).
 */
export function checkEnvCoverage(
  objects: readonly K8sObject[],
  contracts: Readonly<Record<string, EnvSpec>>,
): string[] {
  const errors: string[] = [];
  for (const s of podSources(objects)) {
    for (const c of s.spec.containers ?? []) {
      const spec = contracts[c.name];
      if (!spec) continue;
      const provided = providedEnv(objects, c);
      for (const name of Object.keys(spec))
        if (!provided.has(name)) errors.push(`${at(s, c.name)}: ${name} not provided`);
      for (const name of provided)
        if (!(name in spec)) errors.push(`${at(s, c.name)}: ${name} is set but the app does not read it`);
    }
  }
  return errors;
}
