import type { ComponentConfig, JobEnvConfig, ManagedEnv, ReleaseConfig } from '../config/types';
import { deriveSettings } from '../env/settings';

/** What the handlebars templates see for one component. */
export interface ComponentView {
  readonly key: string;
  readonly role: string;
  readonly port: number;
  readonly probes: { readonly startup: string; readonly liveness: string; readonly readiness: string };
  readonly writablePaths: ComponentConfig['writablePaths'];
  /** Keys of `<key>.config` (rendered into the ConfigMap). */
  readonly configEntries: readonly { readonly name: string }[];
  /** Chart-managed non-secret variables with their Helm expression. */
  /** Chart-set variables: the template expression, and what it yields in words (for the chart README). */
  readonly managedConfig: readonly {
    readonly name: string;
    readonly expr: string;
    readonly summary: string;
  }[];
  /** Variables read from the Secret (or existingSecret). */
  readonly secretEnv: readonly { readonly name: string; readonly optional: boolean }[];
  readonly public: boolean;
  readonly mcp: string | false;
  readonly ingressFrom: readonly string[];
  readonly egressTo: readonly { readonly key: string; readonly port: number }[];
  readonly egressPorts: readonly number[];
  readonly dbClient: boolean;
  readonly dbPort: number;
  readonly dbExternalPorts: readonly number[];
  /** External-database ports open to any address; those that are also egressPorts go the external-only way. */
  readonly dbAnywherePorts: readonly number[];
  readonly dbHttpsPorts: readonly number[];
  /** Env variable holding the app's shutdown timeout in ms, or false. */
  readonly shutdownVar: string | false;
}

/**
 * Seconds the grace period keeps over preStop + the app's shutdown timeout: the kubelet sends SIGKILL when the
 * grace period ends, counted from the start of preStop (Kubernetes "Termination of Pods").
 */
export const GRACE_MARGIN_SECONDS = 5;

/** Throws when a component's grace period does not cover preStop + its app's default shutdown timeout + margin. */
export function checkGracePeriod(c: ComponentConfig): void {
  if (!c.shutdownTimeoutVar) return;
  const raw = c.env.defaults[c.shutdownTimeoutVar] ?? c.env.spec[c.shutdownTimeoutVar]?.default;
  if (raw === undefined) throw new Error(`${c.key}: ${c.shutdownTimeoutVar} is not in the env contract`);
  const needed = c.preStopSleepSeconds + Math.ceil(Number(raw) / 1000) + GRACE_MARGIN_SECONDS;
  if (c.terminationGracePeriodSeconds < needed)
    throw new Error(
      `${c.key}: terminationGracePeriodSeconds ${c.terminationGracePeriodSeconds} < ${needed} ` +
        `(preStop ${c.preStopSleepSeconds} s + ${c.shutdownTimeoutVar} ${raw} ms + ${GRACE_MARGIN_SECONDS} s margin)`,
    );
}

/** Pods of these pseudo-components get their own selector labels (NetworkPolicy peers). */
export const TESTS_COMPONENT = 'tests';

function managedExpr(config: ReleaseConfig, c: ComponentConfig, m: ManagedEnv): string | undefined {
  const p = config.chart.name;
  switch (m.kind) {
    case 'literal':
      return JSON.stringify(m.value);
    case 'containerPort':
      return JSON.stringify(String(c.containerPort));
    case 'serviceUrl':
      return `{{ printf "http://%s:%d" (include "${p}.componentName" (dict "ctx" $ "component" "${m.component}")) (int .Values.${m.component}.service.port) | quote }}`;
    case 'databaseUrl':
      return undefined; // a secret: read from the Secret
    case 'ingressHops':
      return '{{ ternary "1" "0" .Values.ingress.enabled | quote }}';
    case 'embeddedDatabase': {
      const { client, embedded } = config.database;
      const test = `(eq (toString .Values.${client}.config.${embedded.variable}) ${JSON.stringify(embedded.value)})`;
      return `{{ ternary ${JSON.stringify(m.embedded)} ${JSON.stringify(m.otherwise)} ${test} | quote }}`;
    }
  }
}

/** What a chart-set variable becomes, for people reading the chart README. */
function managedSummary(config: ReleaseConfig, c: ComponentConfig, m: ManagedEnv): string {
  switch (m.kind) {
    case 'literal':
      return `\`${m.value}\` (${m.why})`;
    case 'containerPort':
      return `\`${c.containerPort}\` (${m.why})`;
    case 'serviceUrl':
      return `\`http://<release>-${m.component}:<${m.component}.service.port>\` (${m.why})`;
    case 'ingressHops':
      return `\`1\` when \`ingress.enabled\`, else \`0\` (${m.why})`;
    case 'databaseUrl':
      return m.why;
    case 'embeddedDatabase': {
      const { client, embedded } = config.database;
      return `\`${m.embedded}\` when \`${client}.config.${embedded.variable}=${embedded.value}\`, else \`${m.otherwise}\` (${m.why})`;
    }
  }
}

export function componentView(config: ReleaseConfig, c: ComponentConfig): ComponentView {
  checkGracePeriod(c);
  const settings = deriveSettings(c.env);
  const byKey = new Map(config.components.map((x) => [x.key, x]));
  for (const s of settings) {
    if (s.managed?.kind === 'serviceUrl' && !byKey.has(s.managed.component)) {
      throw new Error(`${c.key}.${s.name}: serviceUrl names unknown component ${s.managed.component}`);
    }
  }
  const managedConfig = settings.flatMap((s) => {
    const expr = s.managed && managedExpr(config, c, s.managed);
    return expr === undefined ? [] : [{ name: s.name, expr, summary: managedSummary(config, c, s.managed!) }];
  });
  const secretEnv = settings
    .filter((s) => s.placement === 'secret' || s.managed?.kind === 'databaseUrl')
    .map((s) => ({
      name: s.name,
      // Generated values and the database URL are always in the Secret; other secrets may be absent.
      optional: !(s.generated || s.managed?.kind === 'databaseUrl' || s.spec.required),
    }));
  const egressTo = config.components
    .filter((other) => other.allowFrom.includes(c.key))
    .map((other) => ({ key: other.key, port: other.containerPort }));
  return {
    key: c.key,
    role: c.role,
    port: c.containerPort,
    probes: {
      startup: c.startupProbe.path,
      liveness: c.livenessProbe.path,
      readiness: c.readinessProbe.path,
    },
    writablePaths: c.writablePaths,
    configEntries: settings.filter((s) => s.placement === 'config').map((s) => ({ name: s.name })),
    managedConfig,
    secretEnv,
    public: c.public,
    mcp: c.mcpPath ?? false,
    ingressFrom: [...c.allowFrom, TESTS_COMPONENT],
    egressTo,
    egressPorts: c.egressPorts,
    dbClient: config.database.client === c.key,
    dbPort: config.database.postgres.port,
    dbExternalPorts: config.database.externalPorts,
    dbAnywherePorts: config.database.externalPorts.filter((p) => !c.egressPorts.includes(p)),
    dbHttpsPorts: config.database.externalPorts.filter((p) => c.egressPorts.includes(p)),
    shutdownVar: c.shutdownTimeoutVar ?? false,
  };
}

/** One variable of a database Job: a values entry, a Secret key, or a fixed value. */
export type JobEnv =
  | { readonly name: string; readonly from: 'config' }
  | { readonly name: string; readonly from: 'secret' }
  | { readonly name: string; readonly from: 'literal'; readonly value: string; readonly why: string };

/**
 * A database Job's environment (`what` names it in errors): only the variables the release config lists, checked
 * so that no secret but the database URL can reach it.
 */
export function jobEnv(config: ReleaseConfig, env: JobEnvConfig, what: string): JobEnv[] {
  const client = config.components.find((c) => c.key === config.database.client);
  if (!client) throw new Error(`database.client: no component ${config.database.client}`);
  const settings = new Map(deriveSettings(client.env).map((s) => [s.name, s]));
  const passed = env.pass.map((name): JobEnv => {
    const s = settings.get(name);
    if (!s) throw new Error(`${what}: ${client.key} reads no ${name}`);
    if (s.managed?.kind === 'databaseUrl') return { name, from: 'secret' };
    if (s.placement === 'secret' || s.spec.secret)
      throw new Error(`${what}: ${name} is a secret; a Job gets no secret but the database URL`);
    if (s.placement === 'config') return { name, from: 'config' };
    throw new Error(`${what}: ${name} is set by the chart (${s.managed?.kind}); list it under fixed`);
  });
  const fixed = Object.entries(env.fixed).map(([name, f]): JobEnv => {
    const s = settings.get(name);
    if (!s) throw new Error(`${what}: ${client.key} reads no ${name}`);
    if (s.spec.secret) throw new Error(`${what}: ${name} is a secret`);
    if (env.pass.includes(name)) throw new Error(`${what}: ${name} is both passed and fixed`);
    return { name, from: 'literal', value: f.value, why: f.why };
  });
  return [...passed, ...fixed];
}

/** The data every chart template is rendered with. */
export function chartView(config: ReleaseConfig) {
  const components = config.components.map((c) => componentView(config, c));
  const one = <T>(list: readonly T[], what: string): T => {
    if (list.length !== 1)
      throw new Error(`release config: expected exactly one ${what}, found ${list.length}`);
    return list[0] as T;
  };
  const client = one(
    components.filter((c) => c.dbClient),
    'database client component',
  );
  const publicComponent = one(
    components.filter((c) => c.public),
    'public component',
  );
  const mcp = one(
    config.components.filter((c) => c.mcpPath),
    'MCP component',
  );
  // The embedded-database guard reads this setting from the client's values: it must be one the app has.
  const { variable, value } = config.database.embedded;
  const clientConfig = config.components.find((c) => c.key === client.key)!;
  if (!clientConfig.env.spec[variable]?.enum?.includes(value))
    throw new Error(`database.embedded: ${client.key} has no setting ${variable} with the value ${value}`);
  const secretNames = new Set<string>();
  const secretEntries = config.components.flatMap((c) =>
    deriveSettings(c.env)
      .filter((s) => s.placement === 'secret')
      .map((s) => {
        if (secretNames.has(s.name)) throw new Error(`secret ${s.name} is read by two components`);
        secretNames.add(s.name);
        return { component: c.key, name: s.name, generated: s.generated ?? false };
      }),
  );
  return {
    p: config.chart.name,
    generatedNote: 'Generated by chart-gen (packages/chart-gen) from the release config; do not edit.',
    uid: config.security.uid,
    components,
    client,
    publicKey: publicComponent.key,
    mcpKey: mcp.key,
    mcpPath: mcp.mcpPath ?? '/mcp',
    pg: config.database.postgres,
    dbClient: client.key,
    dbPort: config.database.postgres.port,
    dbExternalPorts: config.database.externalPorts,
    command: config.migrations.command,
    migrationEnv: jobEnv(config, config.migrations.env, 'migrations.env'),
    backupEnv: jobEnv(config, config.backup.env, 'backup.env'),
    kagent: config.aiops.kagent,
    kagentGroup: config.aiops.kagent.apiVersion.split('/')[0],
    backup: { command: config.backup.command, mountPath: config.backup.mountPath },
    embedded: config.database.embedded,
    secretEntries,
    testUrls: config.components.map((c) => ({ key: c.key, path: c.readinessProbe.path })),
  };
}

export type ChartView = ReturnType<typeof chartView>;
