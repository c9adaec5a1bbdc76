import { backendEnv, frontendEnv } from '@todo/shared/env';
import backendPkg from '../../../../apps/backend/package.json' with { type: 'json' };
import frontendPkg from '../../../../apps/frontend/package.json' with { type: 'json' };
import type { ReleaseConfig } from './types';

/**
 * The chart's appVersion is the default tag of both images, so both apps must carry one version; a bump of one
 * alone would make the chart pull a tag that was never built for the other.
 */
export function releaseVersion(versions: Readonly<Record<string, string>>): string {
  const distinct = [...new Set(Object.values(versions))];
  if (distinct.length !== 1)
    throw new Error(
      `apps disagree on their version (${Object.entries(versions)
        .map(([app, v]) => `${app} ${v}`)
        .join(', ')}); bump them together: the chart's appVersion tags every image`,
    );
  return distinct[0] as string;
}

/** The todo-chatbot release: what `chart-gen` turns into charts/todo-chatbot and k8s/. */
/** Both apps scale alike: off by default, 2–5 replicas on CPU when enabled. */
const AUTOSCALING = {
  enabled: false,
  minReplicas: 2,
  maxReplicas: 5,
  targetCPUUtilizationPercentage: 75,
  targetMemoryUtilizationPercentage: 0,
} as const;

/** Both apps' probes time alike: `live` answers while the process runs, `ready` while it can serve. */
const probes = (live: string, ready: string) => ({
  startupProbe: { path: live, periodSeconds: 2, timeoutSeconds: 3, failureThreshold: 30 },
  livenessProbe: { path: live, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  readinessProbe: { path: ready, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
});

/** Both apps roll out and stop alike: one pod down at a time, 5 s before SIGTERM for endpoints to drop it, 40 s in all. */
const ROLLOUT = {
  autoscaling: AUTOSCALING,
  pdbMaxUnavailable: 1,
  preStopSleepSeconds: 5,
  terminationGracePeriodSeconds: 40,
  shutdownTimeoutVar: 'SHUTDOWN_TIMEOUT_MS',
} as const;

/** Scratch space both apps need, since their root filesystem is read-only. */
const TMP = {
  name: 'tmp',
  mountPath: '/tmp',
  sizeLimit: '256Mi',
  why: 'scratch space; the root filesystem is read-only',
} as const;

/**
 * What the migration and backup Jobs get: the database URL and driver, nothing else. Their commands read only the
 * database settings (apps/backend/src/config.ts loadDatabaseConfig), so they run in the image's production mode
 * without the auth secret or an LLM key.
 */
const DATABASE_JOB_ENV = {
  pass: ['DATABASE_URL', 'DATABASE_DRIVER'],
  fixed: {},
} as const;

export const todoChatbot: ReleaseConfig = {
  chart: {
    name: 'todo-chatbot',
    version: '0.1.0',
    appVersion: releaseVersion({ backend: backendPkg.version, frontend: frontendPkg.version }),
    description:
      'An AI-powered todo chatbot: Next.js frontend, Fastify backend with an MCP server, and Postgres.',
    kubeVersion: '>=1.25.0-0',
    keywords: ['todo', 'chatbot', 'mcp', 'nextjs', 'fastify', 'postgres'],
    home: 'https://github.com/todo-chatbot/todo-chatbot',
    maintainers: [{ name: 'todo-chatbot' }],
  },
  images: { registry: '', pullPolicy: 'IfNotPresent' },
  components: [
    {
      key: 'backend',
      role: 'api',
      description: 'Fastify API: auth, tasks, chat agent and the MCP server.',
      image: 'todo-backend',
      containerPort: 8080,
      replicaCount: 2,
      ...probes('/healthz', '/readyz'),
      resources: { requests: { cpu: '100m', memory: '192Mi' }, limits: { memory: '512Mi' } },
      service: { type: 'ClusterIP', port: 8080 },
      ...ROLLOUT,
      writablePaths: [TMP],
      env: {
        spec: backendEnv,
        managed: {
          PORT: { kind: 'containerPort', why: 'the port the probes and the Service target' },
          MIGRATE_ON_START: {
            // The Job's pod cannot reach an embedded database's files: that one pod migrates its own.
            kind: 'embeddedDatabase',
            embedded: 'true',
            otherwise: 'false',
            why: 'the migration hook Job applies migrations to Postgres; the embedded database migrates itself',
          },
          DATABASE_URL: { kind: 'databaseUrl', why: 'bundled Postgres, database.url or existingSecret' },
        },
        defaults: {
          NODE_ENV: 'production',
          PGLITE_DATA_DIR: '/tmp/pglite',
          // The frontend pods reach the backend from the cluster's pod network; 10.244.0.0/16 is Minikube's (and
          // kubeadm/flannel's) default. Anything outside it is taken at its socket address (docs/security.md).
          TRUSTED_PROXIES: '10.244.0.0/16',
        },
        generated: { BETTER_AUTH_SECRET: { length: 48 } },
      },
      public: false,
      allowFrom: ['frontend'],
      egressPorts: [443],
      mcpPath: '/mcp',
    },
    {
      key: 'frontend',
      role: 'web',
      description: 'Next.js UI; its server proxies /api/* to the backend.',
      image: 'todo-frontend',
      containerPort: 3000,
      replicaCount: 2,
      ...probes('/api/health', '/api/health'),
      resources: { requests: { cpu: '100m', memory: '160Mi' }, limits: { memory: '384Mi' } },
      service: { type: 'LoadBalancer', port: 80 },
      ...ROLLOUT,
      writablePaths: [
        TMP,
        // docker/frontend.Dockerfile links /app/apps/frontend/.next/cache to /tmp/next-cache.
        {
          name: 'next-cache',
          mountPath: '/tmp/next-cache',
          sizeLimit: '512Mi',
          why: 'Next.js cache (the image links .next/cache here)',
        },
      ],
      env: {
        spec: frontendEnv,
        managed: {
          PORT: { kind: 'containerPort', why: 'the port the probes and the Service target' },
          BACKEND_URL: { kind: 'serviceUrl', component: 'backend', why: "the release's backend Service" },
          TRUST_PROXY_HOPS: {
            kind: 'ingressHops',
            why: "the chart's Ingress controller appends the browser's address to X-Forwarded-For",
          },
        },
        // Kubernetes sets HOSTNAME to the pod name; Next.js must bind to all interfaces instead.
        defaults: { HOSTNAME: '0.0.0.0' },
        generated: {},
      },
      public: true,
      allowFrom: [],
      egressPorts: [],
    },
  ],
  database: {
    mode: 'bundled',
    client: 'backend',
    postgres: {
      registry: '',
      image: 'postgres',
      tag: '15-alpine',
      uid: 70,
      port: 5432,
      username: 'todo',
      database: 'todo',
      storage: '1Gi',
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    },
    externalPorts: [5432, 443],
    embedded: { variable: 'DATABASE_DRIVER', value: 'pglite' },
  },
  migrations: {
    enabled: true,
    command: ['node', 'dist/migrate.js'],
    env: DATABASE_JOB_ENV,
    backoffLimit: 10,
    activeDeadlineSeconds: 600,
    resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '384Mi' } },
  },
  backup: {
    enabled: false,
    schedule: '0 3 * * *',
    keep: 7,
    command: ['node', 'dist/backup.js', 'backup'],
    env: DATABASE_JOB_ENV,
    mountPath: '/backups',
    storage: '2Gi',
    activeDeadlineSeconds: 1800,
    resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '384Mi' } },
  },
  ingress: { enabled: false, className: '', host: 'todo.local' },
  networkPolicy: {
    enabled: true,
    externalEgress: [
      {
        cidr: '0.0.0.0/0',
        // RFC 1918 private ranges (pod, Service and node networks of most clusters), RFC 6598 shared space (used
        // by some CNIs and VPCs) and RFC 3927 link-local, which holds the clouds' metadata endpoint.
        except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16'],
      },
    ],
  },
  aiops: {
    kagent: {
      enabled: false,
      apiVersion: 'kagent.dev/v1alpha2',
      knownGoodVersions: ['0.6', '0.7', '0.8', '0.9', '0.10'],
      namespace: 'kagent',
      remoteMcpServer: {
        nameSuffix: 'mcp',
        description: 'Task tools of the todo-chatbot release',
        protocol: 'STREAMABLE_HTTP',
        timeout: '30s',
        tokenSecret: { type: 'Secret', name: 'todo-mcp-token', key: 'authorization' },
      },
      agent: {
        nameSuffix: 'agent',
        type: 'Declarative',
        modelConfig: 'default-model-config',
        appTools: {
          read: ['list_tasks', 'recent_activity'],
          write: [
            'add_task',
            'update_task',
            'complete_task',
            'reopen_task',
            'delete_task',
            'snooze_reminder',
            'undo',
          ],
          writeEnabled: false,
        },
        k8sToolServer: 'kagent-tool-server',
        k8sTools: [
          'k8s_get_resources',
          'k8s_describe_resource',
          'k8s_get_pod_logs',
          'k8s_get_events',
          'k8s_get_resource_yaml',
        ],
        metricsTools: ['prometheus_query_tool', 'prometheus_query_range_tool'],
      },
    },
  },
  tests: { enabled: true },
  security: { uid: 10001 },
};
