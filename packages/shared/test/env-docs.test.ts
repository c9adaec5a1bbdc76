import { describe, expect, it } from 'vitest';
import { defineEnv, envType as t } from '../src/env/define';
import { envTable, regionMarkers, replaceRegion } from '../src/env/docs';

const spec = defineEnv({
  API_KEY: { schema: t.string(), description: 'Key | with a pipe and *.glob', secret: true, required: true },
  MODE: { schema: t.oneOf(['a', 'b']), description: 'Mode.', default: 'a', enum: ['a', 'b'] },
  EXTRA: { schema: t.string(), description: 'Extra origins.', default: '' },
  URL: { schema: t.string(), description: 'Where.', example: 'https://x.test' },
});

describe('envTable', () => {
  it('GIVEN an env contract THEN one row per variable with its default, kind and meaning, Markdown-safe', () => {
    expect(envTable(spec).split('\n')).toEqual([
      '| variable | default | kind | meaning |',
      '| --- | --- | --- | --- |',
      '| `API_KEY` | unset | required, secret | Key \\| with a pipe and \\*.glob |',
      '| `MODE` | `a` |  | Mode. One of `a`, `b`. |',
      '| `EXTRA` | empty |  | Extra origins. |',
      '| `URL` | unset (e.g. `https://x.test`) |  | Where. |',
    ]);
  });
});

describe('replaceRegion', () => {
  const [open, close] = regionMarkers('backend env');

  it('GIVEN a file with the region THEN only the text between the markers changes', () => {
    const text = `# Doc\n\n${open}\nold table\n${close}\n\nAfter.\n`;
    expect(replaceRegion(text, 'backend env', 'NEW')).toBe(`# Doc\n\n${open}\n\nNEW\n\n${close}\n\nAfter.\n`);
  });

  it('GIVEN a file without the region THEN it throws naming the region', () => {
    expect(() => replaceRegion('# Doc\n', 'backend env', 'NEW')).toThrow(/backend env/);
  });
});
