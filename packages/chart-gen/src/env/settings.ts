import type { EnvVarSpec } from '@todo/shared/env';
import type { EnvBinding, ManagedEnv } from '../config/types';
import type { Schema } from '../values/tree';

/** Where the chart puts one variable an app reads. */
export type Placement =
  /** Non-secret: a values.yaml entry under `<component>.config`, rendered into the component's ConfigMap. */
  | 'config'
  /** Secret: a values.yaml entry under `<component>.secrets`, rendered into the Secret (or read from existingSecret). */
  | 'secret'
  /** Set by the chart itself; no values.yaml entry. */
  | 'managed';

/** One environment variable of one app, as the chart provides it. */
export interface AppSetting {
  readonly name: string;
  readonly spec: EnvVarSpec;
  readonly placement: Placement;
  /** values.yaml default (typed per `spec.type`); '' means unset, so the app's own default applies. */
  readonly valuesDefault: string | number | boolean;
  /** JSON schema of the values.yaml entry. */
  readonly schema: Schema;
  readonly managed?: ManagedEnv;
  /** Generated when empty (secret placement only). */
  readonly generated?: { readonly length: number };
}

// Accepts '' too: an empty value means "unset" to the apps' parser.
const URL_PATTERN = '^(|[a-zA-Z][a-zA-Z0-9+.-]*://.+)$';

/** Integer bounds of an `envType.int(min, max)` schema (a zod pipe ending in a ZodNumber). */
function intBounds(spec: EnvVarSpec): { minimum?: number; maximum?: number } {
  const out = (spec.schema as unknown as { out?: { minValue?: number | null; maxValue?: number | null } })
    .out;
  const bounds: { minimum?: number; maximum?: number } = {};
  if (typeof out?.minValue === 'number' && Number.isFinite(out.minValue)) bounds.minimum = out.minValue;
  if (typeof out?.maxValue === 'number' && Number.isFinite(out.maxValue)) bounds.maximum = out.maxValue;
  return bounds;
}

function isUrl(spec: EnvVarSpec): boolean {
  const def = (spec.schema as unknown as { _zod?: { def?: { format?: string } } })._zod?.def;
  return def?.format === 'url';
}

function typedDefault(spec: EnvVarSpec, raw: string | undefined): string | number | boolean {
  if (raw === undefined || raw === '') return '';
  if (spec.type === 'integer') return Number(raw);
  if (spec.type === 'boolean') return raw === 'true' || raw === '1' || raw === 'yes';
  return raw;
}

function valuesSchema(spec: EnvVarSpec, hasDefault: boolean): Schema {
  const description = spec.description;
  if (spec.type === 'integer') {
    // An optional integer without a default may be left empty.
    const int: Schema = { type: 'integer', ...intBounds(spec) };
    return hasDefault
      ? { ...int, description }
      : { description, anyOf: [int, { type: 'string', maxLength: 0 }] };
  }
  if (spec.type === 'boolean') return { type: 'boolean', description };
  if (spec.enum)
    return { type: 'string', enum: hasDefault ? [...spec.enum] : ['', ...spec.enum], description };
  if (isUrl(spec)) return { type: 'string', pattern: URL_PATTERN, description };
  return { type: 'string', description };
}

/**
 * Derives how the chart provides every variable of an app's env contract: non-secret → ConfigMap entry,
 * secret → Secret entry, or chart-managed. Throws on a binding that names a variable the app does not read,
 * or a chart default the app would reject — so the chart cannot drift from the code.
 */
export function deriveSettings(binding: EnvBinding): AppSetting[] {
  const { spec } = binding;
  for (const [what, names] of [
    ['managed', Object.keys(binding.managed)],
    ['defaults', Object.keys(binding.defaults)],
    ['generated', Object.keys(binding.generated)],
  ] as const) {
    for (const name of names) {
      if (!(name in spec)) throw new Error(`env binding: ${what}.${name} is not a variable the app reads`);
    }
  }
  for (const name of Object.keys(binding.generated)) {
    if (!spec[name]?.secret) throw new Error(`env binding: generated.${name} must be a secret variable`);
  }
  return Object.entries(spec).map(([name, v]): AppSetting => {
    const managed = binding.managed[name];
    const chartDefault = binding.defaults[name];
    if (chartDefault !== undefined) {
      const parsed = v.schema.safeParse(chartDefault);
      if (!parsed.success)
        throw new Error(`env binding: default ${name}=${chartDefault} is rejected by the app`);
    }
    const raw = chartDefault ?? v.default;
    const placement: Placement = managed ? 'managed' : v.secret ? 'secret' : 'config';
    const setting: AppSetting = {
      name,
      spec: v,
      placement,
      // Secrets never get a default in values.yaml.
      valuesDefault: placement === 'secret' ? '' : typedDefault(v, raw),
      schema:
        placement === 'secret'
          ? { type: 'string', description: v.description }
          : valuesSchema(v, raw !== undefined && raw !== ''),
      ...(managed ? { managed } : {}),
      ...(binding.generated[name] ? { generated: binding.generated[name] } : {}),
    };
    return setting;
  });
}
