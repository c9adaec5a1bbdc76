import * as z from 'zod';

/**
 * One environment variable an app reads. The app parses its environment with these specs at start,
 * and chart-gen reads the same specs to emit ConfigMap/Secret keys, values.yaml entries and
 * values.schema.json — so the chart cannot drift from the code.
 */
export interface EnvVarSpec<S extends z.ZodType = z.ZodType> {
  /** Parses the raw string value (after the default is applied). */
  readonly schema: S;
  /** One sentence for docs, values.yaml comments and the chart README. */
  readonly description: string;
  /**
   * Raw string used when the variable is unset or empty.
   * @default undefined (the variable is optional unless `required` is set)
   */
  readonly default?: string;
  /**
   * Secret values go to a Kubernetes Secret and are never logged.
   * @default false
   */
  readonly secret?: boolean;
  /**
   * The app refuses to start without it.
   * @default false
   */
  readonly required?: boolean;
  /**
   * JSON-schema type hint for chart values (the raw env value is always a string).
   * @default 'string'
   */
  readonly type?: 'string' | 'integer' | 'boolean';
  /** Allowed values, for enum-like variables (used by values.schema.json). */
  readonly enum?: readonly string[];
  /** Example value for docs. */
  readonly example?: string;
}

export type EnvSpec = Readonly<Record<string, EnvVarSpec>>;

type Parsed<V extends EnvVarSpec> = V extends { default: string }
  ? z.output<V['schema']>
  : V extends { required: true }
    ? z.output<V['schema']>
    : z.output<V['schema']> | undefined;

export type EnvOf<S extends EnvSpec> = { readonly [K in keyof S]: Parsed<S[K]> };

/** Identity helper that keeps the literal types of a spec. */
export function defineEnv<const S extends EnvSpec>(spec: S): S {
  return spec;
}

/** A bad or missing variable; `message` is one line that names it. */
export class EnvError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'EnvError';
  }
}

/** Parses `source` (usually process.env) against `spec`; throws EnvError on the first bad variable. */
export function parseEnv<S extends EnvSpec>(
  spec: S,
  source: Readonly<Record<string, string | undefined>>,
): EnvOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(spec)) {
    const given = source[name];
    const raw = given === undefined || given === '' ? v.default : given;
    if (raw === undefined) {
      if (v.required)
        throw new EnvError(name, `Missing required environment variable ${name}: ${v.description}`);
      out[name] = undefined;
      continue;
    }
    const result = v.schema.safeParse(raw);
    if (!result.success) {
      const why = result.error.issues[0]?.message ?? 'invalid value';
      const shown = v.secret ? '' : ` (got "${raw.length > 80 ? `${raw.slice(0, 80)}…` : raw}")`;
      throw new EnvError(name, `Invalid environment variable ${name}: ${why}${shown}`);
    }
    out[name] = result.data;
  }
  return out as EnvOf<S>;
}

/** Raw-string parsers shared by the env contracts. */
export const envType = {
  string: () => z.string(),
  url: () => z.url({ message: 'expected an absolute URL' }),
  int: (min: number, max: number) =>
    z
      .string()
      .regex(/^-?\d+$/, { message: 'expected an integer' })
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(min, { message: `expected ≥ ${min}` })
          .max(max, { message: `expected ≤ ${max}` }),
      ),
  bool: () =>
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
      .transform((s) => s === 'true' || s === '1' || s === 'yes'),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { message: `expected one of ${values.join(', ')}` }),
  list: () =>
    z.string().transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
};
