import type { ComponentConfig } from '../../config/types';
import { deriveSettings } from '../../env/settings';
import { group, leaf, type Group, type ValueNode } from '../tree';
import { bool, digest, int, probe, resources, scheduling, str, stringMap } from '../schemas';

/** `<component key>` (backend, frontend): one app workload, its settings from the app's env contract. */
export function component(c: ComponentConfig): Group {
  const settings = deriveSettings(c.env);
  const config = settings.filter((s) => s.placement === 'config');
  const secrets = settings.filter((s) => s.placement === 'secret');
  const children: Record<string, ValueNode> = {
    image: group(`Image of the ${c.key}.`, {
      repository: leaf('Image repository (prefixed by image.registry when set).', c.image, {
        type: 'string',
        minLength: 1,
      }),
      tag: leaf("Image tag; empty uses the chart's appVersion.", '', str),
      digest: leaf('Image digest (sha256:…); overrides the tag when set.', '', digest),
    }),
    replicaCount: leaf('Number of pods when autoscaling is off.', c.replicaCount, int(0)),
    config: group(
      `Non-secret settings of the ${c.key}, rendered into its ConfigMap (from the app's env contract; empty = the app's default).`,
      Object.fromEntries(config.map((s) => [s.name, leaf(s.spec.description, s.valuesDefault, s.schema)])),
    ),
  };
  if (secrets.length > 0) {
    children.secrets = group(
      `Secret settings of the ${c.key}, rendered into the release Secret; prefer existingSecret (created with kubectl). Empty = unset${
        secrets.some((s) => s.generated) ? ' (or generated and kept across upgrades where noted)' : ''
      }.`,
      Object.fromEntries(
        secrets.map((s) => [
          s.name,
          leaf(
            s.generated
              ? `${s.spec.description} Generated (${s.generated.length} chars) when empty.`
              : s.spec.description,
            '',
            s.schema,
          ),
        ]),
      ),
    );
  }
  Object.assign(children, {
    resources: resources('CPU/memory requests and limits of the container.', c.resources),
    startupProbe: probe('Startup probe', c.startupProbe),
    livenessProbe: probe('Liveness probe', c.livenessProbe),
    readinessProbe: probe('Readiness probe', c.readinessProbe),
    service: group(`Service of the ${c.key}.`, {
      type: leaf('Service type: ClusterIP, NodePort or LoadBalancer.', c.service.type, {
        type: 'string',
        enum: ['ClusterIP', 'NodePort', 'LoadBalancer'],
      }),
      port: leaf('Service port.', c.service.port, int(1, 65535)),
      nodePort: leaf('Fixed node port for NodePort/LoadBalancer; empty lets Kubernetes choose.', '', {
        anyOf: [
          { type: 'integer', minimum: 30000, maximum: 32767 },
          { type: 'string', maxLength: 0 },
        ],
      }),
      externalTrafficPolicy: leaf(
        'For NodePort/LoadBalancer: Local keeps the client address (per-address limits stay per client) but only routes to nodes running a pod; empty is the Kubernetes default (Cluster).',
        '',
        { type: 'string', enum: ['', 'Cluster', 'Local'] },
      ),
      annotations: leaf('Annotations of the Service.', {}, stringMap),
    }),
    autoscaling: group('HorizontalPodAutoscaler (autoscaling/v2); the Deployment then omits replicas.', {
      enabled: leaf('Create the HPA.', c.autoscaling.enabled, bool),
      minReplicas: leaf('Lowest replica count.', c.autoscaling.minReplicas, int(1)),
      maxReplicas: leaf('Highest replica count.', c.autoscaling.maxReplicas, int(1)),
      targetCPUUtilizationPercentage: leaf(
        'Average CPU use to aim for, in percent of requests.',
        c.autoscaling.targetCPUUtilizationPercentage,
        int(1, 1000),
      ),
      targetMemoryUtilizationPercentage: leaf(
        'Average memory use to aim for, in percent of requests; 0 leaves memory out.',
        c.autoscaling.targetMemoryUtilizationPercentage,
        int(0, 1000),
      ),
    }),
    pdb: group('PodDisruptionBudget (policy/v1).', {
      enabled: leaf('Create the PodDisruptionBudget.', true, bool),
      maxUnavailable: leaf(
        'Pods that may be down at once during voluntary disruptions (number or percentage).',
        c.pdbMaxUnavailable,
        {
          anyOf: [
            { type: 'integer', minimum: 0 },
            { type: 'string', pattern: '^[0-9]+%$' },
          ],
        },
      ),
    }),
    preStopSleepSeconds: leaf(
      'Seconds the preStop hook waits so the pod leaves the Service endpoints before SIGTERM.',
      c.preStopSleepSeconds,
      int(0, 120),
    ),
    terminationGracePeriodSeconds: leaf(
      'Seconds Kubernetes waits after SIGTERM before killing the pod.',
      c.terminationGracePeriodSeconds,
      int(1, 3600),
    ),
    topologySpread: group('Spread pods over nodes (topologySpreadConstraints on the selector labels).', {
      enabled: leaf('Add the topology spread constraint.', true, bool),
      maxSkew: leaf('Largest allowed difference of pod counts between nodes.', 1, int(1)),
      topologyKey: leaf('Node label that defines a topology domain.', 'kubernetes.io/hostname', str),
      whenUnsatisfiable: leaf('ScheduleAnyway (soft) or DoNotSchedule (hard).', 'ScheduleAnyway', {
        type: 'string',
        enum: ['ScheduleAnyway', 'DoNotSchedule'],
      }),
    }),
    podAnnotations: leaf('Extra pod annotations.', {}, stringMap),
    podLabels: leaf('Extra pod labels (never used in selectors).', {}, stringMap),
    ...scheduling('the pods'),
  });
  return group(c.description, children);
}
