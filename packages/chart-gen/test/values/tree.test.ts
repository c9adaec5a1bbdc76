import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { group, leaf, toJsonSchema, toParameterRows, toValues, toValuesYaml } from '../../src/values/tree';

const tree = group('root', {
  name: leaf('The name.', 'x', { type: 'string' }),
  nested: group('A group.', {
    count: leaf('How many.', 2, { type: 'integer' }),
    list: leaf('Items.', ['a'], { type: 'array' }),
  }),
});

describe('values tree', () => {
  it('GIVEN a tree WHEN emitted as YAML THEN every key is preceded by its comment and the YAML loads to the values', () => {
    const text = toValuesYaml(tree, '# header\n');
    const lines = text.split('\n');
    for (const key of ['name:', 'nested:', '  count:', '  list:']) {
      const i = lines.findIndex((l) => l.startsWith(key));
      expect(lines[i - 1]).toMatch(/^\s*# -- /);
    }
    expect(yaml.load(text)).toEqual(toValues(tree));
  });

  it('GIVEN a tree WHEN turned into a JSON schema THEN groups reject unknown keys', () => {
    const schema = toJsonSchema(tree, 't');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.nested?.additionalProperties).toBe(false);
  });

  it('GIVEN a tree WHEN flattened for the README THEN rows carry dotted keys and JSON defaults', () => {
    expect(toParameterRows(tree).map((r) => [r.key, r.default])).toEqual([
      ['name', '"x"'],
      ['nested.count', '2'],
      ['nested.list', '["a"]'],
    ]);
  });
});
