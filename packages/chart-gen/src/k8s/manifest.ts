import yaml from 'js-yaml';

/*
 * Typed views of rendered Kubernetes objects: the fields the chart's checks and tests read, readonly, in the
 * shape of the Kubernetes API (cdk8s-style). Manifests arrive as YAML; `parseObjects` checks the envelope every
 * object has, and `isKind`/`objectsOfKind`/`findObject` narrow by `kind` to the view of that kind. The views are
 * not re-validated field by field here: the same rendered objects pass the Kubernetes schemas in validateObject
 * (src/validate/schema.ts). Fields the API allows to be absent are optional; the few marked required are ones the
 * chart always renders and the checks read unguarded.
 */

export type StringMap = Readonly<Record<string, string>>;

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: StringMap;
  readonly annotations?: StringMap;
}

/** Any rendered object: the envelope is typed, the rest stays `unknown` until narrowed by kind. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

export interface LabelSelector {
  readonly matchLabels?: StringMap;
}

export interface NameRef {
  readonly name: string;
  readonly optional?: boolean;
}

export interface KeyRef extends NameRef {
  readonly key: string;
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly configMapKeyRef?: KeyRef; readonly secretKeyRef?: KeyRef };
}

/** Exactly one of configMapRef and secretRef (the API server rejects both or neither). */
export type EnvFromSource = { readonly prefix?: string } & (
  | { readonly configMapRef: NameRef; readonly secretRef?: undefined }
  | { readonly secretRef: NameRef; readonly configMapRef?: undefined }
);

/** The ConfigMap or Secret an envFrom entry loads whole. */
export const envFromTarget = (
  from: EnvFromSource,
): { readonly kind: 'ConfigMap' | 'Secret'; readonly ref: NameRef } =>
  from.configMapRef ? { kind: 'ConfigMap', ref: from.configMapRef } : { kind: 'Secret', ref: from.secretRef };

/** The ConfigMap or Secret key an env entry reads, if it reads one. */
export function envKeyTarget(
  e: EnvVar,
): { readonly kind: 'ConfigMap' | 'Secret'; readonly ref: KeyRef } | undefined {
  const from = e.valueFrom;
  if (from?.configMapKeyRef) return { kind: 'ConfigMap', ref: from.configMapKeyRef };
  if (from?.secretKeyRef) return { kind: 'Secret', ref: from.secretKeyRef };
  return undefined;
}

export type Quantity = string | number;

export interface ResourceRequirements {
  readonly requests?: Readonly<Record<string, Quantity>>;
  readonly limits?: Readonly<Record<string, Quantity>>;
}

export interface SeccompProfile {
  readonly type: string;
}

export interface PodSecurityContext {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly seccompProfile?: SeccompProfile;
}

export interface SecurityContext extends PodSecurityContext {
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly capabilities?: { readonly drop?: readonly string[]; readonly add?: readonly string[] };
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol?: string;
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly imagePullPolicy?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly ContainerPort[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly EnvFromSource[];
  readonly resources?: ResourceRequirements;
  readonly securityContext?: SecurityContext;
  readonly startupProbe?: unknown;
  readonly livenessProbe?: unknown;
  readonly readinessProbe?: unknown;
  readonly lifecycle?: {
    readonly preStop?: { readonly exec?: { readonly command?: readonly string[] } };
  };
}

export interface Volume {
  readonly name: string;
  readonly hostPath?: unknown;
  readonly configMap?: NameRef;
  readonly secret?: { readonly secretName: string; readonly optional?: boolean };
  readonly persistentVolumeClaim?: { readonly claimName: string };
}

export interface PodSpec {
  readonly containers: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly volumes?: readonly Volume[];
  readonly securityContext?: PodSecurityContext;
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
  readonly automountServiceAccountToken?: boolean;
  readonly serviceAccountName?: string;
  readonly imagePullSecrets?: readonly { readonly name: string }[];
  readonly terminationGracePeriodSeconds?: number;
  readonly topologySpreadConstraints?: readonly { readonly labelSelector?: LabelSelector }[];
}

export interface PodTemplateSpec {
  readonly metadata?: { readonly labels?: StringMap; readonly annotations?: StringMap };
  readonly spec: PodSpec;
}

export interface PersistentVolumeClaimSpec {
  readonly accessModes?: readonly string[];
  readonly storageClassName?: string;
  readonly resources?: ResourceRequirements;
}

/** Deployment, StatefulSet, DaemonSet and Job: a pod template behind a selector. */
export interface WorkloadSpec {
  readonly template: PodTemplateSpec;
  readonly selector?: LabelSelector;
  readonly replicas?: number;
  readonly strategy?: { readonly type?: string; readonly rollingUpdate?: Readonly<Record<string, Quantity>> };
  readonly volumeClaimTemplates?: readonly { readonly spec: PersistentVolumeClaimSpec }[];
  readonly activeDeadlineSeconds?: number;
}

export interface Pod extends K8sObject {
  readonly kind: 'Pod';
  readonly spec: PodSpec;
}
export interface Deployment extends K8sObject {
  readonly kind: 'Deployment';
  readonly spec: WorkloadSpec;
}
export interface StatefulSet extends K8sObject {
  readonly kind: 'StatefulSet';
  readonly spec: WorkloadSpec;
}
export interface DaemonSet extends K8sObject {
  readonly kind: 'DaemonSet';
  readonly spec: WorkloadSpec;
}
export interface Job extends K8sObject {
  readonly kind: 'Job';
  readonly spec: WorkloadSpec;
}
export interface CronJob extends K8sObject {
  readonly kind: 'CronJob';
  readonly spec: {
    readonly schedule: string;
    readonly concurrencyPolicy?: string;
    readonly jobTemplate: { readonly spec: WorkloadSpec };
  };
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol?: string;
}
export interface Service extends K8sObject {
  readonly kind: 'Service';
  readonly spec: {
    readonly type?: string;
    readonly clusterIP?: string;
    readonly selector?: StringMap;
    readonly ports?: readonly ServicePort[];
    readonly externalTrafficPolicy?: string;
  };
}

export interface ConfigMap extends K8sObject {
  readonly kind: 'ConfigMap';
  readonly data?: StringMap;
}
/** `data` values are base64. */
export interface Secret extends K8sObject {
  readonly kind: 'Secret';
  readonly type?: string;
  readonly data?: StringMap;
}
export interface ServiceAccount extends K8sObject {
  readonly kind: 'ServiceAccount';
  readonly automountServiceAccountToken?: boolean;
}
export interface PersistentVolumeClaim extends K8sObject {
  readonly kind: 'PersistentVolumeClaim';
  readonly spec: PersistentVolumeClaimSpec;
}

export interface PodDisruptionBudget extends K8sObject {
  readonly kind: 'PodDisruptionBudget';
  readonly spec: {
    readonly selector: LabelSelector;
    readonly minAvailable?: Quantity;
    readonly maxUnavailable?: Quantity;
  };
}

export interface HorizontalPodAutoscaler extends K8sObject {
  readonly kind: 'HorizontalPodAutoscaler';
  readonly spec: {
    readonly scaleTargetRef: { readonly apiVersion?: string; readonly kind: string; readonly name: string };
    readonly minReplicas?: number;
    readonly maxReplicas: number;
    readonly metrics?: readonly {
      readonly type: string;
      readonly resource?: {
        readonly name: string;
        readonly target: { readonly type: string; readonly averageUtilization?: number };
      };
    }[];
  };
}

export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] };
}
export interface NetworkPolicyPort {
  readonly port?: number | string;
  readonly protocol?: string;
}
export interface NetworkPolicyRule {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}
export interface NetworkPolicy extends K8sObject {
  readonly kind: 'NetworkPolicy';
  readonly spec: {
    readonly podSelector?: LabelSelector;
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly NetworkPolicyRule[];
    readonly egress?: readonly NetworkPolicyRule[];
  };
}

export interface Ingress extends K8sObject {
  readonly kind: 'Ingress';
  readonly spec: {
    readonly ingressClassName?: string;
    readonly rules?: readonly {
      readonly host?: string;
      readonly http?: {
        readonly paths: readonly {
          readonly path?: string;
          readonly pathType?: string;
          readonly backend: { readonly service?: { readonly name: string; readonly port?: unknown } };
        }[];
      };
    }[];
    readonly tls?: readonly { readonly hosts?: readonly string[]; readonly secretName?: string }[];
  };
}

/** kagent.dev/v1alpha2 (src/validate/schema.ts holds its full field tables). */
export interface KagentValueRef {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly type: string; readonly name: string; readonly key: string };
}
export interface RemoteMCPServer extends K8sObject {
  readonly kind: 'RemoteMCPServer';
  readonly spec: {
    readonly description: string;
    readonly url: string;
    readonly protocol?: string;
    readonly headersFrom?: readonly KagentValueRef[];
  };
}
export interface Agent extends K8sObject {
  readonly kind: 'Agent';
  readonly spec: {
    readonly type: string;
    readonly description?: string;
    readonly declarative?: {
      readonly systemMessage?: string;
      readonly modelConfig?: string;
      readonly tools?: readonly {
        readonly type: string;
        readonly mcpServer?: {
          readonly name: string;
          readonly kind?: string;
          readonly toolNames?: readonly string[];
        };
      }[];
    };
  };
}

/** The view of each kind the chart renders. */
export interface Kinds {
  readonly Pod: Pod;
  readonly Deployment: Deployment;
  readonly StatefulSet: StatefulSet;
  readonly DaemonSet: DaemonSet;
  readonly Job: Job;
  readonly CronJob: CronJob;
  readonly Service: Service;
  readonly ConfigMap: ConfigMap;
  readonly Secret: Secret;
  readonly ServiceAccount: ServiceAccount;
  readonly PersistentVolumeClaim: PersistentVolumeClaim;
  readonly PodDisruptionBudget: PodDisruptionBudget;
  readonly HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  readonly NetworkPolicy: NetworkPolicy;
  readonly Ingress: Ingress;
  readonly RemoteMCPServer: RemoteMCPServer;
  readonly Agent: Agent;
}
export type Kind = keyof Kinds;

export const isKind = <K extends Kind>(o: K8sObject, kind: K): o is Kinds[K] => o.kind === kind;

export type Workload = Deployment | StatefulSet | DaemonSet | Job;
const WORKLOAD_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];
/** The kinds whose `spec.template` is a pod template. */
export const isWorkload = (o: K8sObject): o is Workload => WORKLOAD_KINDS.includes(o.kind);

export const objectsOfKind = <K extends Kind>(objects: readonly K8sObject[], kind: K): Kinds[K][] =>
  objects.filter((o): o is Kinds[K] => isKind(o, kind));

export const findObject = <K extends Kind>(
  objects: readonly K8sObject[],
  kind: K,
  name: string,
): Kinds[K] | undefined => objectsOfKind(objects, kind).find((o) => o.metadata.name === name);

/** Like `findObject`, for tests and checks that need the object: throws naming what is missing. */
export function getObject<K extends Kind>(objects: readonly K8sObject[], kind: K, name: string): Kinds[K] {
  const found = findObject(objects, kind, name);
  if (!found) throw new Error(`${kind}/${name} is not rendered`);
  return found;
}

export const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `path` below `node`, or undefined where a step is not an object: for data with no view. */
export function valueAt(node: unknown, ...path: readonly string[]): unknown {
  let at = node;
  for (const key of path) {
    if (!isRecord(at)) return undefined;
    at = at[key];
  }
  return at;
}

export const isK8sObject = (v: unknown): v is K8sObject =>
  isRecord(v) &&
  typeof v.apiVersion === 'string' &&
  typeof v.kind === 'string' &&
  typeof valueAt(v, 'metadata', 'name') === 'string';

/** Parses YAML documents (`helm template` output) into objects; empty documents are dropped. */
export function parseObjects(text: string): K8sObject[] {
  return yaml.loadAll(text).flatMap((doc, i): K8sObject[] => {
    if (doc === null || doc === undefined) return [];
    if (!isK8sObject(doc))
      throw new Error(`document ${i} is not a Kubernetes object (apiVersion, kind, metadata.name)`);
    return [doc];
  });
}
