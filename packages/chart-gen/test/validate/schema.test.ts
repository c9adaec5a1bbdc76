import { describe, expect, it } from 'vitest';
import { modelName, unknownFields, validateObject, type K8sObject } from '../../src/validate/schema';

const deployment = (container: Record<string, unknown>): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'web:1', ...container }] },
    },
  },
});

describe('validateObject', () => {
  it('GIVEN a well-formed Deployment WHEN validated THEN there are no errors', () => {
    expect(validateObject(deployment({ ports: [{ containerPort: 80 }] }))).toEqual([]);
  });

  it('GIVEN a port given as a word WHEN validated THEN the schema error names the field', () => {
    const errors = validateObject(deployment({ ports: [{ containerPort: 'eighty' }] }));
    expect(errors.join('\n')).toMatch(/containerPort must be integer/);
  });

  it('GIVEN a misspelt field WHEN validated THEN it is reported as unknown with its path', () => {
    const errors = validateObject(deployment({ readinesProbe: { httpGet: { path: '/', port: 80 } } }));
    expect(errors).toEqual(['Deployment/web: spec.template.spec.containers[0].readinesProbe: unknown field']);
  });

  it('GIVEN a kind no schema knows WHEN validated THEN that is an error, not a pass', () => {
    const errors = validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    expect(errors.length).toBeGreaterThan(0);
  });

  it('GIVEN a kagent Agent with a misspelt key WHEN validated THEN the key is reported', () => {
    const agent: K8sObject = {
      apiVersion: 'kagent.dev/v1alpha2',
      kind: 'Agent',
      metadata: { name: 'a' },
      spec: { type: 'Declarative', declarative: { modelConfig: 'm', tool: [] } },
    };
    expect(validateObject(agent)).toEqual(['Agent/a: spec.declarative.tool: unknown field']);
  });
});

describe('unknownFields', () => {
  it('GIVEN free-form label maps WHEN walked THEN any key is accepted', () => {
    expect(unknownFields({ labels: { 'any/key': 'v' }, annotations: { x: 'y' } }, 'V1ObjectMeta')).toEqual(
      [],
    );
  });

  it('GIVEN an autoscaling/v2 HPA WHEN named THEN the V2 model is used', () => {
    expect(
      modelName({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' } }),
    ).toBe('V2HorizontalPodAutoscaler');
  });
});
