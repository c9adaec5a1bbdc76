import yaml from 'js-yaml';

export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** JSON-schema (draft-07) fragment of one values entry: the keywords values.schema.json uses. */
export interface Schema {
  readonly type?: SchemaType | readonly SchemaType[];
  readonly description?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly anyOf?: readonly Schema[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean | Schema;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly pattern?: string;
}

/** values.schema.json: the root fragment with its draft and title. */
export interface RootSchema extends Schema {
  readonly $schema: string;
  readonly title: string;
}

/** A values.yaml entry with a value: emitted with its comment, typed in the schema, listed in the README. */
export interface Leaf {
  readonly kind: 'leaf';
  readonly description: string;
  readonly value: unknown;
  readonly schema: Schema;
}

/** A values.yaml mapping whose keys are known: the schema rejects unknown keys (catches typos). */
export interface Group {
  readonly kind: 'group';
  readonly description: string;
  readonly children: readonly (readonly [string, ValueNode])[];
}

export type ValueNode = Leaf | Group;

export const leaf = (description: string, value: unknown, schema: Schema): Leaf => ({
  kind: 'leaf',
  description,
  value,
  schema,
});

export const group = (description: string, children: Record<string, ValueNode>): Group => ({
  kind: 'group',
  description,
  children: Object.entries(children),
});

const dumpOptions: yaml.DumpOptions = { lineWidth: -1, noRefs: true, sortKeys: false, quotingType: '"' };

/** Renders one comment block; long descriptions stay on one line so the README and YAML agree. */
const comment = (indent: string, text: string): string => `${indent}# -- ${text}\n`;

function emitNode(key: string, node: ValueNode, indent: string): string {
  if (node.kind === 'group') {
    let out = comment(indent, node.description) + `${indent}${key}:\n`;
    for (const [childKey, child] of node.children) out += emitNode(childKey, child, `${indent}  `);
    return out;
  }
  const dumped = yaml.dump({ [key]: node.value }, dumpOptions);
  const body = dumped
    .trimEnd()
    .split('\n')
    .map((line) => indent + line)
    .join('\n');
  return comment(indent, node.description) + body + '\n';
}

/** values.yaml text: every key preceded by a `# --` comment (helm-docs style). */
export function toValuesYaml(root: Group, header: string): string {
  let out = header;
  root.children.forEach(([key, node], i) => {
    if (i > 0) out += '\n';
    out += emitNode(key, node, '');
  });
  return out;
}

/** The plain values object (what Helm sees). */
export function toValues(node: ValueNode): unknown {
  if (node.kind === 'leaf') return node.value;
  return Object.fromEntries(node.children.map(([k, child]) => [k, toValues(child)]));
}

function schemaOf(node: ValueNode): Schema {
  if (node.kind === 'leaf')
    return { ...node.schema, description: node.schema.description ?? node.description };
  return {
    type: 'object',
    description: node.description,
    additionalProperties: false,
    properties: Object.fromEntries(node.children.map(([k, child]) => [k, schemaOf(child)])),
  };
}

/** values.schema.json: strict objects, typed leaves. */
export function toJsonSchema(root: Group, title: string): RootSchema {
  const { description: _d, ...rest } = schemaOf(root);
  return { $schema: 'http://json-schema.org/draft-07/schema#', title, ...rest };
}

export interface ParameterRow {
  readonly key: string;
  readonly type: string;
  readonly default: string;
  readonly description: string;
}

function typeName(schema: Schema): string {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.join(' \\| ');
  if (schema.anyOf) return schema.anyOf.map(typeName).join(' \\| ');
  return 'any';
}

/** Flattened `a.b.c` rows for the README parameter table. */
export function toParameterRows(root: Group): ParameterRow[] {
  const rows: ParameterRow[] = [];
  const walk = (node: ValueNode, path: string): void => {
    if (node.kind === 'group') {
      for (const [k, child] of node.children) walk(child, path ? `${path}.${k}` : k);
      return;
    }
    rows.push({
      key: path,
      type: typeName(node.schema),
      default: JSON.stringify(node.value),
      description: node.description,
    });
  };
  walk(root, '');
  return rows;
}
