import type { EnvSpec } from '@todo/shared/env';

/**
 * The typed release config: everything chart-gen needs to emit the Helm chart. Values users can change at
 * install time become values.yaml entries (with these as defaults); the rest is fixed by the images.
 */
export interface ReleaseConfig {
  /** Chart.yaml metadata.
   * @default see ChartMeta */
  readonly chart: ChartMeta;
  /** Registry, pull policy and pull secrets shared by the app images.
   * @default { registry: '', pullPolicy: 'IfNotPresent' } */
  readonly images: ImagesConfig;
  /** The app's workloads, in the order they are emitted.
   * @default [backend, frontend] */
  readonly components: readonly ComponentConfig[];
  /** Bundled Postgres, or an external database such as Neon.
   * @default bundled Postgres */
  readonly database: DatabaseConfig;
  /** The migration hook Job.
   * @default enabled */
  readonly migrations: MigrationsConfig;
  readonly backup: BackupConfig;
  /** Optional Ingress in front of the public component.
   * @default disabled */
  readonly ingress: IngressConfig;
  /** NetworkPolicies: default deny plus explicit allows.
   * @default enabled */
  readonly networkPolicy: NetworkPolicyConfig;
  /** Optional kagent objects (RemoteMCPServer + Agent).
   * @default kagent disabled */
  readonly aiops: AiopsConfig;
  /** The pod that `helm test` runs.
   * @default enabled */
  readonly tests: TestsConfig;
  /** Restricted Pod Security Standard settings shared by the app pods.
   * @default { uid: 10001 } */
  readonly security: SecurityConfig;
}

export interface ChartMeta {
  /** Chart name; also the folder under charts/.
   * @default 'todo-chatbot' */
  readonly name: string;
  /** Chart version (SemVer).
   * @default '0.1.0' */
  readonly version: string;
  /** Version of the app images (their default tag); both apps carry the same version.
   * @default the apps' package.json version (they must agree) */
  readonly appVersion: string;
  /** One-line description for Chart.yaml and the README.
   * @default none (required) */
  readonly description: string;
  /** Kubernetes versions the chart supports.
   * @default '>=1.25.0-0' */
  readonly kubeVersion: string;
  /** Chart.yaml keywords.
   * @default [] */
  readonly keywords: readonly string[];
  /** Project home page or repository.
   * @default the project repository */
  readonly home: string;
  /** Chart.yaml maintainers.
   * @default [{ name: 'todo-chatbot' }] */
  readonly maintainers: readonly { readonly name: string; readonly email?: string }[];
}

export interface ImagesConfig {
  /** Registry prefixed to every app image; empty uses the names as they are (images built into Minikube).
   * @default '' */
  readonly registry: string;
  /** Pull policy of the app images (`Never` for images built straight into Minikube).
   * @default 'IfNotPresent' */
  readonly pullPolicy: 'IfNotPresent' | 'Always' | 'Never';
}

/** How a chart-managed variable gets its value (the variable is then not a values.yaml entry). */
export type ManagedEnv =
  /** A fixed value, e.g. MIGRATE_ON_START=false because a hook Job migrates. */
  | { readonly kind: 'literal'; readonly value: string; readonly why: string }
  /** The component's own container port. */
  | { readonly kind: 'containerPort'; readonly why: string }
  /** `http://<release>-<component>:<service port>` of another component of the release. */
  | { readonly kind: 'serviceUrl'; readonly component: string; readonly why: string }
  /** The database connection string: bundled Postgres, `database.url` or `existingSecret` (kept in the Secret). */
  | { readonly kind: 'databaseUrl'; readonly why: string }
  /** How many proxies stand in front of the component: 1 when the release's Ingress is enabled, else 0. */
  | { readonly kind: 'ingressHops'; readonly why: string }
  /** One value when the database client runs the embedded database (`database.embedded`), another otherwise. */
  | {
      readonly kind: 'embeddedDatabase';
      readonly embedded: string;
      readonly otherwise: string;
      readonly why: string;
    };

/** Binds a component to the env contract its app reads. */
export interface EnvBinding {
  /** The app's env contract (from @todo/shared/env).
   * @default none (required) */
  readonly spec: EnvSpec;
  /** Variables the chart sets itself; they get no values.yaml entry.
   * @default {} */
  readonly managed: Readonly<Record<string, ManagedEnv>>;
  /** Chart defaults that differ from the app's own defaults (e.g. NODE_ENV=production).
   * @default {} */
  readonly defaults: Readonly<Record<string, string>>;
  /** Secret variables the chart generates when left empty; kept across upgrades by looking up the Secret.
   * @default {} */
  readonly generated: Readonly<Record<string, { readonly length: number }>>;
}

export interface HttpProbe {
  /** HTTP path probed on the container port.
   * @default none (required) */
  readonly path: string;
  /** Seconds between probes.
   * @default 5 (readiness), 10 (liveness), 2 (startup) */
  readonly periodSeconds: number;
  /** Seconds before a probe times out.
   * @default 3 */
  readonly timeoutSeconds: number;
  /** Consecutive failures before the probe fails.
   * @default 3 (30 for startup) */
  readonly failureThreshold: number;
}

export interface ResourcesConfig {
  /** @default { cpu: '100m', memory: '192Mi' } (backend) */
  readonly requests: { readonly cpu: string; readonly memory: string };
  /** @default { memory: '512Mi' } (backend) */
  readonly limits: { readonly memory: string; readonly cpu?: string };
}

export interface ServiceConfig {
  /** Service type (the public component defaults to a LoadBalancer, reached with `minikube tunnel`).
   * @default 'ClusterIP' (backend), 'LoadBalancer' (frontend) */
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Service port.
   * @default 8080 (backend), 80 (frontend) */
  readonly port: number;
}

export interface AutoscalingConfig {
  /** Create a HorizontalPodAutoscaler (the Deployment then omits `replicas`).
   * @default false */
  readonly enabled: boolean;
  /** @default 2 */
  readonly minReplicas: number;
  /** @default 5 */
  readonly maxReplicas: number;
  /** Average CPU utilisation target in percent of requests.
   * @default 75 */
  readonly targetCPUUtilizationPercentage: number;
  /** Average memory utilisation target in percent of requests; 0 disables the memory metric.
   * @default 0 */
  readonly targetMemoryUtilizationPercentage: number;
}

export interface ComponentConfig {
  /** Key in values.yaml and suffix of resource names (`<release>-<key>`).
   * @default none (required) */
  readonly key: string;
  /** app.kubernetes.io/component label.
   * @default none (required) */
  readonly role: string;
  /** One sentence for values.yaml and the README.
   * @default none (required) */
  readonly description: string;
  /** Image repository (tag defaults to the chart's appVersion).
   * @default 'todo-<key>' */
  readonly image: string;
  /** Port the container listens on (fixed by the image).
   * @default 8080 (backend), 3000 (frontend) */
  readonly containerPort: number;
  /** @default 2 */
  readonly replicaCount: number;
  /** Startup probe: generous, so slow first starts are not killed.
   * @default GET the liveness path every 2 s, 30 failures allowed */
  readonly startupProbe: HttpProbe;
  /** @default /healthz (backend), /api/health (frontend) */
  readonly livenessProbe: HttpProbe;
  /** @default /readyz (backend), /api/health (frontend) */
  readonly readinessProbe: HttpProbe;
  /** @default see ResourcesConfig */
  readonly resources: ResourcesConfig;
  /** @default see ServiceConfig */
  readonly service: ServiceConfig;
  /** @default disabled */
  readonly autoscaling: AutoscalingConfig;
  /** PodDisruptionBudget `maxUnavailable`.
   * @default 1 */
  readonly pdbMaxUnavailable: number;
  /** Seconds the preStop hook sleeps so endpoints are removed before SIGTERM.
   * @default 5 */
  readonly preStopSleepSeconds: number;
  /** Seconds Kubernetes waits after SIGTERM; must cover the preStop sleep plus the app's shutdown timeout with a
   * margin, or in-flight requests are cut by SIGKILL.
   * @default 40 (5 s preStop + 25 s shutdown + 10 s margin) */
  readonly terminationGracePeriodSeconds: number;
  /** Env variable (milliseconds) bounding the app's graceful shutdown; checked against the grace period.
   * @default undefined (the app has none) */
  readonly shutdownTimeoutVar?: string;
  /** Writable emptyDir mounts (the root filesystem is read-only).
   * @default [/tmp] */
  readonly writablePaths: readonly {
    /** Volume name. @default 'tmp' */
    readonly name: string;
    /** @default '/tmp' */
    readonly mountPath: string;
    /** emptyDir size limit (a Kubernetes quantity). @default '256Mi' */
    readonly sizeLimit: string;
    /** Comment rendered next to the mount. @default 'scratch space; the root filesystem is read-only' */
    readonly why: string;
  }[];
  /** The env contract of the app in this component.
   * @default none (required) */
  readonly env: EnvBinding;
  /** Ingress reaches this component (at most one component).
   * @default false */
  readonly public: boolean;
  /** Other components allowed to call this one (NetworkPolicy); the public component is open on its port.
   * @default [] */
  readonly allowFrom: readonly string[];
  /** Egress TCP ports to anywhere (e.g. 443 for the LLM API and Neon).
   * @default [] */
  readonly egressPorts: readonly number[];
  /** The component serves the MCP endpoint kagent connects to.
   * @default undefined (no MCP endpoint) */
  readonly mcpPath?: string;
}

export interface DatabaseConfig {
  /** `bundled` runs Postgres in the release; `external` uses `database.url` or `existingSecret` (e.g. Neon).
   * @default 'bundled' */
  readonly mode: 'bundled' | 'external';
  /** Component whose pods connect to the database (and whose image runs migrations).
   * @default 'backend' */
  readonly client: string;
  /** @default postgres:15-alpine, 1Gi */
  readonly postgres: {
    /** Registry of the Postgres image, separate from the app images' registry (a private registry for the app
     * rarely mirrors Postgres); empty uses the container runtime's default (Docker Hub).
     * @default '' */
    readonly registry: string;
    /** @default 'postgres' */
    readonly image: string;
    /** One major version everywhere (chart, compose.yaml, the test databases): see test/config.
     * @default '15-alpine' */
    readonly tag: string;
    /** uid/gid of the postgres user in the alpine image. @default 70 */
    readonly uid: number;
    /** @default 5432 */
    readonly port: number;
    /** @default 'todo' */
    readonly username: string;
    /** @default 'todo' */
    readonly database: string;
    /** PVC size. @default '1Gi' */
    readonly storage: string;
    /** @default { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } } */
    readonly resources: ResourcesConfig;
  };
  /** Egress ports opened to anywhere for an external database (5432 for pg; 443 for Neon's WebSocket).
   * @default [5432, 443] */
  readonly externalPorts: readonly number[];
  /** The client's setting that selects its embedded, in-process database (PGlite): one process may use it,
   * so the chart refuses more than one replica (or an HPA) with it, and backups by CronJob.
   * @default { variable: 'DATABASE_DRIVER', value: 'pglite' } */
  readonly embedded: { readonly variable: string; readonly value: string };
}

export interface MigrationsConfig {
  /** Run the migration hook Job.
   * @default true */
  readonly enabled: boolean;
  /** What the Job's container is given: the database settings and nothing else.
   * @default see JobEnvConfig */
  readonly env: JobEnvConfig;
  /** Command run in the backend image (its workdir is the app dir).
   * @default ['node', 'dist/migrate.js'] */
  readonly command: readonly string[];
  /** @default 10 */
  readonly backoffLimit: number;
  /** Bounds the whole Job; `helm --timeout` must be longer (Helm waits for the hook Job that long).
   * @default 600 */
  readonly activeDeadlineSeconds: number;
  /** @default { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '384Mi' } } */
  readonly resources: ResourcesConfig;
}

/**
 * The environment of a Job that runs the database client's image for a database chore (migrations, backups). It
 * gets the client's database settings only: API keys and the auth secret stay with the long-running pods, so a
 * Job's pod, logs or spec never hold them.
 */
export interface JobEnvConfig {
  /** The client's variables passed as its pods get them (values, or the Secret for the database URL); only the
   * `databaseUrl`-managed secret may be listed.
   * @default ['DATABASE_URL', 'DATABASE_DRIVER'] */
  readonly pass: readonly string[];
  /** Fixed values for the Job only, each with the reason it differs from the client's pods.
   * @default {} (the database commands run in the image's production mode without the auth secret) */
  readonly fixed: Readonly<Record<string, { readonly value: string; readonly why: string }>>;
}

export interface BackupConfig {
  /** Render the backup CronJob (and its PVC and NetworkPolicy).
   * @default false */
  readonly enabled: boolean;
  /** What the backup container is given: the database settings and nothing else.
   * @default see JobEnvConfig */
  readonly env: JobEnvConfig;
  /** Cron schedule, in the cluster's time zone (kube-controller-manager's).
   * @default '0 3 * * *' */
  readonly schedule: string;
  /** Backups the volume keeps; older ones are deleted after each successful run.
   * @default 7 */
  readonly keep: number;
  /** Command run in the backend image; the chart appends `--dir <mountPath> --keep <keep>`.
   * @default ['node', 'dist/backup.js', 'backup'] */
  readonly command: readonly string[];
  /** Where the backup volume is mounted.
   * @default '/backups' */
  readonly mountPath: string;
  /** PVC size. @default '2Gi' */
  readonly storage: string;
  /** Bounds one run. @default 1800 */
  readonly activeDeadlineSeconds: number;
  /** @default { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '384Mi' } } */
  readonly resources: ResourcesConfig;
}

export interface IngressConfig {
  /** @default false */
  readonly enabled: boolean;
  /** @default '' */
  readonly className: string;
  /** @default 'todo.local' */
  readonly host: string;
}

export interface NetworkPolicyConfig {
  /** @default true */
  readonly enabled: boolean;
  /** Where a component's `egressPorts` (HTTPS to the LLM API, Neon) may go: address blocks outside the cluster.
   * The private, shared and link-local ranges are cut out so a compromised backend cannot use those ports to
   * reach pods, Services, nodes or the cloud metadata endpoint (169.254.169.254).
   * @default [{ cidr: '0.0.0.0/0', except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16] }] */
  readonly externalEgress: readonly IpBlockConfig[];
}

/** A NetworkPolicy `ipBlock`: one range, minus ranges inside it. */
export interface IpBlockConfig {
  /** @default none (required) */
  readonly cidr: string;
  /** Ranges inside `cidr` that stay closed; Kubernetes rejects one outside it.
   * @default [] */
  readonly except: readonly string[];
}

export interface AiopsConfig {
  /** @default disabled; see KagentConfig */
  readonly kagent: KagentConfig;
}

/**
 * The chart's kagent objects. Their shape follows kagent's `kagent.dev/v1alpha2` API (the Agent and
 * RemoteMCPServer kinds of the kagent 0.x line); a later API is a change to `apiVersion`, these types and the
 * aiops templates.
 */
export interface KagentConfig {
  /** Render the kagent objects even when the kagent CRDs are not detected.
   * @default false */
  readonly enabled: boolean;
  /** API group/version of the objects, also probed with `.Capabilities` to render them automatically.
   * @default 'kagent.dev/v1alpha2' */
  readonly apiVersion: KagentApiVersion;
  /** kagent releases whose CRDs accept these objects (stated in docs/aiops.md).
   * @default ['0.6', '0.7', '0.8', '0.9', '0.10'] */
  readonly knownGoodVersions: readonly string[];
  /** Namespace of kagent (its ModelConfig and tool server live there). @default 'kagent' */
  readonly namespace: string;
  /** The backend's MCP endpoint as a kagent tool server.
   * @default see KagentRemoteMcpServerConfig */
  readonly remoteMcpServer: KagentRemoteMcpServerConfig;
  /** The Agent that uses it. @default see KagentAgentConfig */
  readonly agent: KagentAgentConfig;
}

/** The only API the chart's kagent objects are written for. */
export type KagentApiVersion = 'kagent.dev/v1alpha2';

/** kagent's `RemoteMCPServerProtocol` enum (also what validate/schema.ts accepts). */
export const KAGENT_MCP_PROTOCOLS = ['SSE', 'STREAMABLE_HTTP'] as const;
export type KagentMcpProtocol = (typeof KAGENT_MCP_PROTOCOLS)[number];

/** kagent's `ValueSourceType` enum: where a header value is read from. */
export const KAGENT_VALUE_SOURCE_TYPES = ['ConfigMap', 'Secret'] as const;
export type KagentValueSourceType = (typeof KAGENT_VALUE_SOURCE_TYPES)[number];

export interface KagentRemoteMcpServerConfig {
  /** Suffix of the object's name (`<release>-<suffix>`). @default 'mcp' */
  readonly nameSuffix: string;
  /** `spec.description` (required by kagent). @default the task tools of the release */
  readonly description: string;
  /** `spec.protocol`; the backend serves Streamable HTTP only. @default 'STREAMABLE_HTTP' */
  readonly protocol: KagentMcpProtocol;
  /** `spec.timeout` (a Go duration). @default '30s' */
  readonly timeout: string;
  /** Secret (created with kubectl, never in values) whose key holds the `Authorization` header value for /mcp.
   * @default { type: 'Secret', name: 'todo-mcp-token', key: 'authorization' } */
  readonly tokenSecret: {
    /** @default 'Secret' */
    readonly type: KagentValueSourceType;
    /** @default 'todo-mcp-token' */
    readonly name: string;
    /** @default 'authorization' */
    readonly key: string;
  };
}

/** kagent's `AgentType` enum; the chart writes Declarative agents. */
export const KAGENT_AGENT_TYPES = ['Declarative', 'BYO'] as const;
export type KagentAgentType = (typeof KAGENT_AGENT_TYPES)[number];

export interface KagentAgentConfig {
  /** Suffix of the object's name (`<release>-<suffix>`). @default 'agent' */
  readonly nameSuffix: string;
  /** `spec.type`. @default 'Declarative' */
  readonly type: KagentAgentType;
  /** kagent ModelConfig (same namespace as the Agent). @default 'default-model-config' */
  readonly modelConfig: string;
  /** The app's MCP tools the Agent may call, split by what they do. The token's scopes limit them too.
   * @default read: ['list_tasks', 'recent_activity']; write: the other task tools */
  readonly appTools: {
    /** Tools that only read (the backend marks them readOnlyHint). @default ['list_tasks', 'recent_activity'] */
    readonly read: readonly string[];
    /** Tools that change tasks; listed only with `aiops.kagent.writeTools=true`.
     * @default ['add_task', 'update_task', 'complete_task', 'reopen_task', 'delete_task', 'snooze_reminder', 'undo'] */
    readonly write: readonly string[];
    /** Whether the write tools are listed by default. @default false */
    readonly writeEnabled: boolean;
  };
  /** kagent's built-in Kubernetes tool server, used to report on the app's pods.
   * @default 'kagent-tool-server' */
  readonly k8sToolServer: string;
  /** Tools the agent may use from the Kubernetes tool server.
   * @default read-only tools: get, describe, logs, events, yaml */
  readonly k8sTools: readonly string[];
  /** Read-only Prometheus tools of the same server, added with `aiops.kagent.metricsTools=true` (they need a
   * Prometheus the tool server is configured for); without them the agent cannot see usage, only requests/limits.
   * @default ['prometheus_query_tool', 'prometheus_query_range_tool'] */
  readonly metricsTools: readonly string[];
}

export interface TestsConfig {
  /** Render the `helm test` pod. @default true */
  readonly enabled: boolean;
}

export interface SecurityConfig {
  /** uid/gid of the app images' non-root user. @default 10001 */
  readonly uid: number;
}
