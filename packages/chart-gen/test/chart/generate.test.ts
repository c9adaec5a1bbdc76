import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateChart } from '../../src/chart/generate';
import { todoChatbot } from '../../src/config/todo-chatbot';
import { valueAt } from '../../src/k8s/manifest';

const chart = generateChart(todoChatbot);

describe('generateChart', () => {
  it('GIVEN the release config WHEN generated twice THEN the output is byte-identical', () => {
    expect(generateChart(todoChatbot)).toEqual(chart);
  });

  it('GIVEN the release config WHEN generated THEN the whole chart matches the snapshot', () => {
    expect(Object.fromEntries(chart)).toMatchSnapshot();
  });

  it('GIVEN the templates WHEN generated THEN no handlebars escape is left and every Helm action is balanced', () => {
    for (const [path, text] of chart) {
      if (!path.startsWith('templates/')) continue;
      expect(text, path).not.toContain('\\{{');
      expect(text.split('{{').length, path).toBe(text.split('}}').length);
    }
  });

  it('GIVEN Chart.yaml WHEN generated THEN version and appVersion come from the config and the apps', async () => {
    const meta = yaml.load(chart.get('Chart.yaml') ?? '');
    const backend = (await import('../../../../apps/backend/package.json', { with: { type: 'json' } }))
      .default;
    expect(valueAt(meta, 'version')).toBe(todoChatbot.chart.version);
    expect(valueAt(meta, 'appVersion')).toBe(backend.version);
    expect(valueAt(meta, 'apiVersion')).toBe('v2');
  });

  it('GIVEN values.yaml WHEN generated THEN every key has a comment and the README lists every leaf', () => {
    const lines = (chart.get('values.yaml') ?? '').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*[A-Za-z_][\w.-]*:/.test(line) && !/^\s*-/.test(line)) {
        const prev = lines[i - 1] ?? '';
        // Keys inside a block value (e.g. resources.requests.cpu) belong to the commented leaf above.
        if (!/^\s*# -- /.test(prev) && !/^\s+[\w-]+:/.test(prev) && !/^\s*-/.test(prev)) {
          throw new Error(`values.yaml line ${i + 1} has no comment: ${line}`);
        }
      }
    });
    const readme = chart.get('README.md') ?? '';
    for (const key of [
      'backend.replicaCount',
      'backend.config.LOG_LEVEL',
      'backend.secrets.OPENAI_API_KEY',
      'database.url',
      'aiops.kagent.enabled',
    ]) {
      expect(readme).toContain(`| \`${key}\` |`);
    }
  });

  it('GIVEN the chart WHEN generated THEN no file speaks in deployment-plan labels (AD-1, R5) a user cannot look up', () => {
    for (const [path, text] of chart) expect(text, path).not.toMatch(/\b(AD-\d|R\d)\b/);
  });

  it('GIVEN the env contracts WHEN generated THEN secret variables never appear in a ConfigMap template', () => {
    const cm = chart.get('templates/backend/configmap.yaml') ?? '';
    for (const secret of ['DATABASE_URL', 'BETTER_AUTH_SECRET', 'OPENAI_API_KEY'])
      expect(cm).not.toContain(secret);
    expect(chart.get('templates/secret.yaml')).toContain('BETTER_AUTH_SECRET');
  });
});
