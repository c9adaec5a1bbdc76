import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { generateChart, type FileSet } from '../../src/chart/generate';
import { todoChatbot } from '../../src/config/todo-chatbot';
import { helm, helmTemplate } from '../../src/helm/helm';
import { parseObjects, type K8sObject } from '../../src/k8s/manifest';
import { materialize } from '../../src/k8s/render';

/** The generated chart written to a temp dir (what the tests render); call `dispose` when done. */
export function chartOnDisk(): { dir: string; files: FileSet; dispose: () => void } {
  const files = generateChart(todoChatbot);
  const dir = materialize(files, 'chart-test-');
  return { dir, files, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Renders the chart with inline values (written to a values file, like a user's -f). */
export function render(
  dir: string,
  release: string,
  values: unknown,
  extra: readonly string[] = [],
): K8sObject[] {
  const file = join(dir, `values-${Math.abs(hash(JSON.stringify(values)))}.yaml`);
  writeFileSync(file, yaml.dump(values));
  return parseObjects(helmTemplate(dir, release, ['-f', file, ...extra]));
}

/** `helm template` with --set flags; returns helm's exit status and messages. */
export function templateWithSet(dir: string, sets: readonly string[]) {
  return helm(['template', 'todo', dir, ...sets.flatMap((s) => ['--set', s])]);
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return h;
}
