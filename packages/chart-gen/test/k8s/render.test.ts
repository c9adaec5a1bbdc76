import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateChart } from '../../src/chart/generate';
import { todoChatbot } from '../../src/config/todo-chatbot';
import { objectsOfKind, parseObjects, valueAt } from '../../src/k8s/manifest';
import { generateK8s, splitBySource } from '../../src/k8s/render';

const k8s = generateK8s(todoChatbot, generateChart(todoChatbot));

describe('generateK8s', () => {
  it('GIVEN the chart defaults WHEN rendered for kubectl THEN no Secret (and no random value) is committed', () => {
    const docs = [...k8s].filter(([f]) => f.endsWith('.yaml')).flatMap(([, t]) => yaml.loadAll(t));
    expect(docs.some((d) => valueAt(d, 'kind') === 'Secret')).toBe(false);
    expect(generateK8s(todoChatbot, generateChart(todoChatbot))).toEqual(k8s);
  });

  it('GIVEN the rendered files WHEN listed THEN the kustomization names every manifest and no test pod is included', () => {
    const kustomization = yaml.load(k8s.get('kustomization.yaml') ?? '');
    const manifests = [...k8s.keys()].filter((f) => f !== 'kustomization.yaml' && f !== 'README.md');
    expect(valueAt(kustomization, 'resources')).toEqual(manifests);
    expect(manifests).toContain('backend-deployment.yaml');
    expect(manifests.some((f) => f.startsWith('tests-test-connection'))).toBe(false);
  });

  it('GIVEN the Deployments WHEN rendered THEN they read secrets from the kubectl-created Secret', () => {
    const [dep] = objectsOfKind(parseObjects(k8s.get('backend-deployment.yaml') ?? ''), 'Deployment');
    const refs = dep?.spec.template.spec.containers[0]?.env?.map((e) => e.valueFrom?.secretKeyRef?.name);
    expect(new Set(refs)).toEqual(new Set(['todo-secrets']));
  });
});

describe('splitBySource', () => {
  it('GIVEN two documents from one template WHEN split THEN they stay together in that file', () => {
    const out = splitBySource(
      '---\n# Source: c/templates/a.yaml\nkind: A\n---\n# Source: c/templates/a.yaml\nkind: B\n---\n# Source: c/templates/b.yaml\nkind: C\n',
    );
    expect([...out.entries()]).toEqual([
      ['templates/a.yaml', 'kind: A\n---\nkind: B\n'],
      ['templates/b.yaml', 'kind: C\n'],
    ]);
  });
});
