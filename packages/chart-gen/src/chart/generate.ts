import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import yaml from 'js-yaml';
import type { ReleaseConfig } from '../config/types';
import { matrix } from '../matrix';
import { buildValues } from '../values/build';
import { toJsonSchema, toParameterRows, toValuesYaml } from '../values/tree';
import { chartView } from './views';

const templatesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'templates');

/** Relative path → file content. Sorted, so output order never depends on the file system. */
export type FileSet = Map<string, string>;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

function handlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Markdown table cells: no pipes or newlines.
  hb.registerHelper('cell', (v: unknown) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' '));
  return hb;
}

/**
 * Renders a handlebars source. Helm's own `{{ }}` are written `\{{ }}` in the sources (handlebars' escape),
 * handlebars' `{{ }}` fill in data; strict mode turns a misspelt field into an error instead of an empty string.
 */
function render(hb: typeof Handlebars, file: string, data: unknown): string {
  const source = readFileSync(file, 'utf8');
  const out = hb.compile(source, { noEscape: true, strict: true })(data);
  // One trailing newline, no trailing spaces: stable diffs.
  return (
    out
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

const yamlDump = (v: unknown): string => yaml.dump(v, { lineWidth: -1, noRefs: true, sortKeys: false });

/** Generates every file of charts/<name>/ (paths relative to the chart folder). */
export function generateChart(config: ReleaseConfig): FileSet {
  const hb = handlebars();
  const view = chartView(config);
  const files: FileSet = new Map();
  const note = `# ${view.generatedNote}\n`;

  files.set(
    'Chart.yaml',
    note +
      yamlDump({
        apiVersion: 'v2',
        name: config.chart.name,
        description: config.chart.description,
        type: 'application',
        version: config.chart.version,
        appVersion: config.chart.appVersion,
        kubeVersion: config.chart.kubeVersion,
        keywords: [...config.chart.keywords],
        home: config.chart.home,
        maintainers: config.chart.maintainers.map((m) => ({ ...m })),
        annotations: { 'artifacthub.io/license': 'MIT' },
      }),
  );

  const values = buildValues(config);
  files.set(
    'values.yaml',
    toValuesYaml(
      values,
      `${note}# Defaults give a working install: \`helm install todo ./charts/todo-chatbot\`.\n` +
        `# Secrets never go here: generated ones live in the release Secret, or use existingSecret.\n\n`,
    ),
  );
  files.set(
    'values.schema.json',
    JSON.stringify(toJsonSchema(values, `${config.chart.name} values`), null, 2) + '\n',
  );

  files.set(
    '.helmignore',
    [
      '# Patterns ignored when packaging the chart.',
      '.DS_Store',
      '.git/',
      '*.swp',
      '*.bak',
      '*.tmp',
      '*.orig',
      '.idea/',
      '.vscode/',
      'ci/',
      '',
    ].join('\n'),
  );

  for (const c of matrix) {
    const body = Object.keys(c.values).length === 0 ? '{}\n' : yamlDump(c.values);
    files.set(`ci/${c.file}`, `${note}# ${c.purpose}\n# Rendered in CI as release "${c.release}".\n${body}`);
  }

  const chartTemplates = join(templatesDir, 'chart');
  for (const file of walk(join(chartTemplates, 'templates'))) {
    const out = relative(chartTemplates, file).replace(/\.hbs$/, '');
    files.set(out, render(hb, file, view));
  }
  for (const component of view.components) {
    for (const file of walk(join(chartTemplates, 'component'))) {
      const name = relative(join(chartTemplates, 'component'), file).replace(/\.hbs$/, '');
      files.set(`templates/${component.key}/${name}`, render(hb, file, { ...view, ...component }));
    }
  }

  files.set(
    'README.md',
    render(hb, join(chartTemplates, 'README.md.hbs'), {
      ...view,
      chart: config.chart,
      rows: toParameterRows(values),
      matrix,
    }),
  );
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
