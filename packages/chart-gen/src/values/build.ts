import type { ComponentConfig, HttpProbe, ReleaseConfig, ResourcesConfig } from '../config/types';
import { deriveSettings } from '../env/settings';
import { group, leaf, type Group, type Schema, type ValueNode } from './tree';

const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const int = (minimum = 0, maximum?: number): Schema => ({
  type: 'integer',
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});
const stringMap: Schema = { type: 'object', additionalProperties: { type: 'string' } };
const object: Schema = { type: 'object' };
const array: Schema = { type: 'array' };
const quantity: Schema = { type: ['string', 'number'] };
const resourceList: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { cpu: quantity, memory: quantity, 'ephemeral-storage': quantity },
};
const resourcesSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { requests: resourceList, limits: resourceList },
};
const pullPolicy: Schema = { type: 'string', enum: ['IfNotPresent', 'Always', 'Never'] };

function resources(description: string, r: ResourcesConfig): ValueNode {
  return leaf(description, { requests: { ...r.requests }, limits: { ...r.limits } }, resourcesSchema);
}

function probe(name: string, p: HttpProbe): ValueNode {
  return group(`${name} on ${p.path}.`, {
    periodSeconds: leaf('Seconds between probes.', p.periodSeconds, int(1)),
    timeoutSeconds: leaf('Seconds before one probe times out.', p.timeoutSeconds, int(1)),
    failureThreshold: leaf('Consecutive failures before the probe fails.', p.failureThreshold, int(1)),
  });
}

function componentValues(c: ComponentConfig): Group {
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
      digest: leaf('Image digest (sha256:…); overrides the tag when set.', '', {
        type: 'string',
        pattern: '^(|sha256:[a-f0-9]{64})$',
      }),
    }),
    replicaCount: leaf('Number of pods when autoscaling is off.', c.replicaCount, int(0)),
    config: group(
      `Non-secret settings of the ${c.key}, rendered into its ConfigMap (from the app's env contract; empty = the app's default).`,
      Object.fromEntries(config.map((s) => [s.name, leaf(s.spec.description, s.valuesDefault, s.schema)])),
    ),
  };
  if (secrets.length > 0) {
    children.secrets = group(
      `Secret settings of the ${c.key}, rendered into the release Secret; prefer existingSecret (AD-5). Empty = unset${
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
    nodeSelector: leaf('Node selector of the pods.', {}, stringMap),
    tolerations: leaf('Tolerations of the pods.', [], array),
    affinity: leaf('Affinity of the pods.', {}, object),
  });
  return group(c.description, children);
}

/** The full values tree: defaults from the release config, app settings from the env contracts. */
export function buildValues(config: ReleaseConfig): Group {
  const pg = config.database.postgres;
  const kagent = config.aiops.kagent;
  const children: Record<string, ValueNode> = {
    nameOverride: leaf('Replaces the chart name in the app.kubernetes.io/name labels.', '', str),
    fullnameOverride: leaf('Prefix of every resource name; empty uses the release name.', '', {
      type: 'string',
      maxLength: 50,
    }),
    commonLabels: leaf('Labels added to every resource.', {}, stringMap),
    image: group('Settings shared by the app images.', {
      registry: leaf(
        'Registry prefixed to the app images (e.g. ghcr.io/acme); empty uses the names as they are.',
        config.images.registry,
        str,
      ),
      pullPolicy: leaf(
        'Pull policy of the app images; Never for images built into Minikube (AD-4).',
        config.images.pullPolicy,
        pullPolicy,
      ),
    }),
    imagePullSecrets: leaf('Secrets for pulling from private registries, e.g. [{name: regcred}].', [], {
      type: 'array',
      items: { type: 'object', required: ['name'], properties: { name: str }, additionalProperties: false },
    }),
    serviceAccount: group('ServiceAccount of the pods (no API token is mounted).', {
      create: leaf('Create a ServiceAccount for the release.', true, bool),
      name: leaf(
        'Name of the ServiceAccount; empty uses the release name (or "default" when create is false).',
        '',
        str,
      ),
      annotations: leaf('Annotations of the ServiceAccount.', {}, stringMap),
    }),
    existingSecret: leaf(
      `Existing Secret (created with kubectl, AD-5) holding the secret settings (${[
        'BETTER_AUTH_SECRET',
        'DATABASE_URL',
        'POSTGRES_PASSWORD (bundled database)',
        'OPENAI_API_KEY',
        'OPENAI_BASE_URL',
      ].join(', ')}); the chart then creates no Secret.`,
      '',
      str,
    ),
  };
  for (const c of config.components) children[c.key] = componentValues(c);
  Object.assign(children, {
    database: group('Where the data lives (AD-1).', {
      mode: leaf(
        'bundled runs Postgres in the release; external uses database.url or existingSecret (Neon).',
        config.database.mode,
        {
          type: 'string',
          enum: ['bundled', 'external'],
        },
      ),
      url: leaf(
        'External connection string (mode external); prefer existingSecret with a DATABASE_URL key.',
        '',
        {
          type: 'string',
          pattern: '^(|postgres(ql)?://.+)$',
        },
      ),
    }),
    postgresql: group('Bundled Postgres (database.mode bundled).', {
      image: group('Postgres image.', {
        repository: leaf('Image repository (prefixed by image.registry when set).', pg.image, {
          type: 'string',
          minLength: 1,
        }),
        tag: leaf('Image tag.', pg.tag, { type: 'string', minLength: 1 }),
        pullPolicy: leaf('Pull policy of the Postgres image.', 'IfNotPresent', pullPolicy),
      }),
      auth: group(
        'Database and role created on first start; the password is generated and kept in the Secret.',
        {
          username: leaf('Role the backend connects as.', pg.username, {
            type: 'string',
            pattern: '^[a-z_][a-z0-9_]*$',
          }),
          database: leaf('Database the backend uses.', pg.database, {
            type: 'string',
            pattern: '^[a-z_][a-z0-9_]*$',
          }),
        },
      ),
      persistence: group('Data volume.', {
        enabled: leaf(
          'Keep data in a PersistentVolumeClaim; false uses an emptyDir (data lost with the pod).',
          true,
          bool,
        ),
        size: leaf('Size of the volume.', pg.storage, {
          type: 'string',
          pattern: '^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti)$',
        }),
        storageClass: leaf('StorageClass; empty uses the cluster default.', '', str),
        accessModes: leaf('Access modes of the claim.', ['ReadWriteOnce'], {
          type: 'array',
          items: str,
          minItems: 1,
        }),
      }),
      resources: resources('CPU/memory requests and limits of Postgres.', pg.resources),
      nodeSelector: leaf('Node selector of the Postgres pod.', {}, stringMap),
      tolerations: leaf('Tolerations of the Postgres pod.', [], array),
      affinity: leaf('Affinity of the Postgres pod.', {}, object),
    }),
    migrations: group(
      'Database migrations as a Helm hook Job running the backend image (apps run with MIGRATE_ON_START=false).',
      {
        enabled: leaf('Run the migration Job on install and upgrade.', config.migrations.enabled, bool),
        backoffLimit: leaf(
          'Retries before the Job fails (it retries while the database starts).',
          config.migrations.backoffLimit,
          int(0, 100),
        ),
        activeDeadlineSeconds: leaf(
          'Seconds before the Job is stopped.',
          config.migrations.activeDeadlineSeconds,
          int(30),
        ),
        resources: resources('CPU/memory requests and limits of the Job.', config.migrations.resources),
      },
    ),
    ingress: group('Optional Ingress to the frontend.', {
      enabled: leaf('Create the Ingress.', config.ingress.enabled, bool),
      className: leaf(
        'IngressClass (e.g. nginx for the Minikube addon); empty uses the cluster default.',
        config.ingress.className,
        str,
      ),
      annotations: leaf('Annotations of the Ingress.', {}, stringMap),
      hosts: leaf(
        'Hosts and paths routed to the frontend.',
        [{ host: config.ingress.host, paths: [{ path: '/', pathType: 'Prefix' }] }],
        {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['host'],
            properties: {
              host: str,
              paths: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['path'],
                  properties: {
                    path: str,
                    pathType: { type: 'string', enum: ['Prefix', 'Exact', 'ImplementationSpecific'] },
                  },
                },
              },
            },
          },
        },
      ),
      tls: leaf('TLS entries: [{secretName, hosts: [...]}].', [], {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: { secretName: str, hosts: { type: 'array', items: str } },
        },
      }),
    }),
    networkPolicy: group('NetworkPolicies: deny by default, then allow only what the app needs.', {
      enabled: leaf('Create the NetworkPolicies.', config.networkPolicy.enabled, bool),
      ingressNamespaceSelector: leaf(
        'Extra namespaces (label selector) allowed to reach the backend, e.g. a Prometheus namespace; empty allows none.',
        {},
        stringMap,
      ),
    }),
    aiops: group('AIOps helpers (R5); optional.', {
      kagent: group('kagent RemoteMCPServer + Agent; rendered when enabled or when the kagent CRDs exist.', {
        enabled: leaf('Render the kagent objects even when the CRDs are not detected.', kagent.enabled, bool),
        namespace: leaf(
          'Namespace of kagent, where its ModelConfig and tool server live; the objects go there.',
          kagent.namespace,
          {
            type: 'string',
            minLength: 1,
          },
        ),
        modelConfig: leaf('kagent ModelConfig the Agent uses.', kagent.modelConfig, {
          type: 'string',
          minLength: 1,
        }),
        tokenSecret: group(
          'Secret in the kagent namespace holding the Authorization header value ("Bearer <MCP token>").',
          {
            name: leaf('Secret name.', kagent.tokenSecret.name, { type: 'string', minLength: 1 }),
            key: leaf('Key in the Secret.', kagent.tokenSecret.key, { type: 'string', minLength: 1 }),
          },
        ),
        k8sToolServer: leaf(
          "kagent's Kubernetes tool server (RemoteMCPServer in the kagent namespace); empty leaves it out.",
          kagent.k8sToolServer,
          str,
        ),
        k8sTools: leaf('Tools the Agent may use from the Kubernetes tool server.', [...kagent.k8sTools], {
          type: 'array',
          items: str,
        }),
      }),
    }),
    tests: group('The `helm test` pod: checks both Services and the backend readiness.', {
      enabled: leaf('Render the test pod.', config.tests.enabled, bool),
    }),
  });
  return group('todo-chatbot values', children);
}
