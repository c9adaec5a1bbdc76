import type { EnvSpec } from '@todo/shared/env';

/**
 * The typed release config: everything chart-gen needs to emit the Helm chart. Values users can change at
 * install time become values.yaml entries (with these as defaults); the rest is fixed by the images.
 */
export interface ReleaseConfig {
  /** Chart.yaml metadata. */
  readonly chart: ChartMeta;
  /** Registry, pull policy and pull secrets shared by the app images. */
  readonly images: ImagesConfig;
  /** The app's workloads, in the order they are emitted. */
  readonly components: readonly ComponentConfig[];
  /** Bundled Postgres or an external database (AD-1). */
  readonly database: DatabaseConfig;
  /** The migration hook Job. */
  readonly migrations: MigrationsConfig;
  /** Optional Ingress in front of the public component. */
  readonly ingress: IngressConfig;
  /** NetworkPolicies: default deny plus explicit allows. */
  readonly networkPolicy: NetworkPolicyConfig;
  /** Optional kagent objects (RemoteMCPServer + Agent). */
  readonly aiops: AiopsConfig;
  /** The pod that `helm test` runs. */
  readonly tests: TestsConfig;
  /** Restricted Pod Security Standard settings shared by the app pods. */
  readonly security: SecurityConfig;
}

export interface ChartMeta {
  /** Chart name; also the folder under charts/. */
  readonly name: string;
  /** Chart version (SemVer). */
  readonly version: string;
  /** Version of the app images (their default tag). */
  readonly appVersion: string;
  /** One-line description for Chart.yaml and the README. */
  readonly description: string;
  /** Kubernetes versions the chart supports.
   * @default '>=1.25.0-0' */
  readonly kubeVersion: string;
  /** Chart.yaml keywords. */
  readonly keywords: readonly string[];
  /** Project home page or repository. */
  readonly home: string;
  /** Chart.yaml maintainers. */
  readonly maintainers: readonly { readonly name: string; readonly email?: string }[];
}

export interface ImagesConfig {
  /** Registry prefixed to every app image; empty uses the names as they are (images built into Minikube).
   * @default '' */
  readonly registry: string;
  /** Pull policy of the app images (`Never` for images built into Minikube, AD-4).
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
  | { readonly kind: 'databaseUrl'; readonly why: string };

/** Binds a component to the env contract its app reads. */
export interface EnvBinding {
  /** The app's env contract (from @todo/shared/env). */
  readonly spec: EnvSpec;
  /** Variables the chart sets itself; they get no values.yaml entry. */
  readonly managed: Readonly<Record<string, ManagedEnv>>;
  /** Chart defaults that differ from the app's own defaults (e.g. NODE_ENV=production). */
  readonly defaults: Readonly<Record<string, string>>;
  /** Secret variables the chart generates when left empty; kept across upgrades by looking up the Secret. */
  readonly generated: Readonly<Record<string, { readonly length: number }>>;
}

export interface HttpProbe {
  /** HTTP path probed on the container port. */
  readonly path: string;
  /** Seconds between probes. */
  readonly periodSeconds: number;
  /** Seconds before a probe times out.
   * @default 3 */
  readonly timeoutSeconds: number;
  /** Consecutive failures before the probe fails. */
  readonly failureThreshold: number;
}

export interface ResourcesConfig {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly memory: string; readonly cpu?: string };
}

export interface ServiceConfig {
  /** Service type (AD-3: the public component is a LoadBalancer reached with `minikube tunnel`). */
  readonly type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Service port. */
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
  /** Key in values.yaml and suffix of resource names (`<release>-<key>`). */
  readonly key: string;
  /** app.kubernetes.io/component label. */
  readonly role: string;
  /** One sentence for values.yaml and the README. */
  readonly description: string;
  /** Image repository (tag defaults to the chart's appVersion). */
  readonly image: string;
  /** Port the container listens on (fixed by the image). */
  readonly containerPort: number;
  /** @default 2 */
  readonly replicaCount: number;
  /** Startup probe: generous, so slow first starts are not killed. */
  readonly startupProbe: HttpProbe;
  readonly livenessProbe: HttpProbe;
  readonly readinessProbe: HttpProbe;
  readonly resources: ResourcesConfig;
  readonly service: ServiceConfig;
  readonly autoscaling: AutoscalingConfig;
  /** PodDisruptionBudget `maxUnavailable`.
   * @default 1 */
  readonly pdbMaxUnavailable: number;
  /** Seconds the preStop hook sleeps so endpoints are removed before SIGTERM.
   * @default 5 */
  readonly preStopSleepSeconds: number;
  /** @default 30 */
  readonly terminationGracePeriodSeconds: number;
  /** Writable emptyDir mounts (the root filesystem is read-only). */
  readonly writablePaths: readonly {
    readonly name: string;
    readonly mountPath: string;
    /** emptyDir size limit (a Kubernetes quantity). */
    readonly sizeLimit: string;
    readonly why: string;
  }[];
  /** The env contract of the app in this component. */
  readonly env: EnvBinding;
  /** Ingress reaches this component (at most one component). */
  readonly public: boolean;
  /** Other components allowed to call this one (NetworkPolicy); the public component is open on its port. */
  readonly allowFrom: readonly string[];
  /** Egress TCP ports to anywhere (e.g. 443 for the LLM API and Neon). */
  readonly egressPorts: readonly number[];
  /** The component serves the MCP endpoint kagent connects to. */
  readonly mcpPath?: string;
}

export interface DatabaseConfig {
  /** `bundled` runs Postgres in the release; `external` uses `database.url` or `existingSecret` (AD-1, AD-5).
   * @default 'bundled' */
  readonly mode: 'bundled' | 'external';
  /** Component whose pods connect to the database (and whose image runs migrations). */
  readonly client: string;
  readonly postgres: {
    /** @default 'postgres' */
    readonly image: string;
    /** @default '15-alpine' */
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
    readonly resources: ResourcesConfig;
  };
  /** Egress ports opened to anywhere for an external database (5432 for pg; 443 for Neon's WebSocket). */
  readonly externalPorts: readonly number[];
}

export interface MigrationsConfig {
  /** Run the migration hook Job.
   * @default true */
  readonly enabled: boolean;
  /** Command run in the backend image (its workdir is the app dir). */
  readonly command: readonly string[];
  /** @default 10 */
  readonly backoffLimit: number;
  /** @default 600 */
  readonly activeDeadlineSeconds: number;
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
}

export interface AiopsConfig {
  readonly kagent: {
    /** Render the kagent objects even when the kagent CRDs are not detected.
     * @default false */
    readonly enabled: boolean;
    /** Namespace of kagent (its ModelConfig and tool server live there). @default 'kagent' */
    readonly namespace: string;
    /** @default 'default-model-config' */
    readonly modelConfig: string;
    /** Secret (created with kubectl, AD-5) whose key holds the `Authorization` header value for /mcp. */
    readonly tokenSecret: { readonly name: string; readonly key: string };
    /** kagent's built-in Kubernetes tool server, used to report on the app's pods. */
    readonly k8sToolServer: string;
    /** Tools the agent may use from the Kubernetes tool server. */
    readonly k8sTools: readonly string[];
  };
}

export interface TestsConfig {
  /** Render the `helm test` pod. @default true */
  readonly enabled: boolean;
}

export interface SecurityConfig {
  /** uid/gid of the app images' non-root user. @default 10001 */
  readonly uid: number;
}
