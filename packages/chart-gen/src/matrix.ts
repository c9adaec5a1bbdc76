/**
 * The values matrix under charts/<chart>/ci/: every file is linted (`helm lint --strict`) and rendered
 * (`helm template`) with the release name given here, and the output validated against Kubernetes schemas.
 */
export interface MatrixCase {
  /** File name under ci/ (Helm's chart-testing convention: *-values.yaml). */
  readonly file: string;
  /** What the case proves (the file's header comment). */
  readonly purpose: string;
  /** Release name used to render it. */
  readonly release: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export const matrix: readonly MatrixCase[] = [
  {
    file: 'default-values.yaml',
    purpose: 'The defaults: `helm install todo ./charts/todo-chatbot` with no flags.',
    release: 'todo',
    values: {},
  },
  {
    file: 'external-neon-values.yaml',
    purpose:
      'External Neon database: DATABASE_URL and BETTER_AUTH_SECRET in a Secret created with kubectl (never in values).',
    release: 'todo',
    values: { database: { mode: 'external' }, existingSecret: 'todo-secrets' },
  },
  {
    file: 'external-url-values.yaml',
    purpose: 'External Postgres from database.url (the chart keeps it in its Secret).',
    release: 'todo',
    values: { database: { mode: 'external', url: 'postgres://todo:example@db.example.com:5432/todo' } },
  },
  {
    file: 'ingress-values.yaml',
    purpose: 'Ingress on (Minikube ingress addon, TLS), frontend Service as ClusterIP.',
    release: 'todo',
    values: {
      ingress: {
        enabled: true,
        className: 'nginx',
        hosts: [{ host: 'todo.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
        tls: [{ secretName: 'todo-tls', hosts: ['todo.example.com'] }],
      },
      frontend: { service: { type: 'ClusterIP' } },
    },
  },
  {
    file: 'autoscaling-values.yaml',
    purpose: 'HPAs on for both Deployments (replicas then omitted), memory metric on the backend.',
    release: 'todo',
    values: {
      backend: {
        autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 6, targetMemoryUtilizationPercentage: 80 },
      },
      frontend: { autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4 } },
    },
  },
  {
    file: 'pull-never-values.yaml',
    purpose:
      'Images built straight into Minikube: pullPolicy Never, frontend as NodePort keeping client addresses (Local).',
    release: 'todo',
    values: {
      image: { pullPolicy: 'Never' },
      frontend: { service: { type: 'NodePort', nodePort: 30080, externalTrafficPolicy: 'Local' } },
    },
  },
  {
    file: 'backup-values.yaml',
    purpose:
      'Scheduled backups: the CronJob, its volume (kept on uninstall) and NetworkPolicy; Postgres admits its pods.',
    release: 'todo',
    values: { backup: { enabled: true, schedule: '30 2 * * *', keep: 14 } },
  },
  {
    file: 'kagent-values.yaml',
    purpose: 'AIOps: kagent RemoteMCPServer + Agent rendered without the CRDs being detected.',
    release: 'todo',
    values: { aiops: { kagent: { enabled: true } } },
  },
  {
    file: 'custom-release-values.yaml',
    purpose: 'Another release name, private registry, pull secrets and no NetworkPolicies.',
    release: 'acme-tasks-prod',
    values: {
      image: { registry: 'registry.example.com/acme' },
      imagePullSecrets: [{ name: 'regcred' }],
      networkPolicy: { enabled: false },
      postgresql: { persistence: { enabled: false } },
    },
  },
];

/** The values k8s/ is rendered with: the defaults, with secrets from a Secret created by kubectl. */
export const k8sRender = {
  release: 'todo',
  values: { existingSecret: 'todo-secrets' },
} as const;
