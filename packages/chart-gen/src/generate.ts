import { generateChart, type FileSet } from './chart/generate';
import type { ReleaseConfig } from './config/types';
import type { HelmOptions } from './helm/helm';
import { generateK8s } from './k8s/render';

/** Output roots chart-gen owns (relative to the repo root); files in them that it does not generate are stale. */
export function outputRoots(config: ReleaseConfig): string[] {
  return [`charts/${config.chart.name}`, 'k8s'];
}

/** Everything chart-gen writes, keyed by path relative to the repo root (k8s/ is rendered by helm). */
export function generateAll(config: ReleaseConfig, helm: HelmOptions = {}): FileSet {
  const chart = generateChart(config);
  const k8s = generateK8s(config, chart, helm);
  const [chartRoot, k8sRoot] = outputRoots(config);
  const all: FileSet = new Map();
  for (const [p, c] of chart) all.set(`${chartRoot}/${p}`, c);
  for (const [p, c] of k8s) all.set(`${k8sRoot}/${p}`, c);
  return all;
}
