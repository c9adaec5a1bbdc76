#!/usr/bin/env -S node --import tsx
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { todoChatbot } from './config/todo-chatbot';
import { describeDrift, hasDrift, writeFiles, findDrift } from './files/sync';
import { generateAll, outputRoots } from './generate';
import { repoRoot } from './helm/helm';

const USAGE = `Usage: chart-gen [--check]
  (no flag)  write charts/${todoChatbot.chart.name}/ and k8s/ from the release config
  --check    exit 1 with a diff when the committed files differ from what the config generates`;

export function main(argv: readonly string[], repo = repoRoot): number {
  const args = argv.filter((a) => a !== '--');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    console.error(`chart-gen: unknown argument ${unknown.join(' ')}\n${USAGE}`);
    return 2;
  }
  const files = generateAll(todoChatbot);
  const roots = outputRoots(todoChatbot);
  if (args.includes('--check')) {
    const drift = findDrift(repo, roots, files);
    if (!hasDrift(drift)) {
      console.log(`chart-gen: ${files.size} files up to date (${roots.join(', ')})`);
      return 0;
    }
    console.error(describeDrift(repo, drift, files));
    console.error(
      '\nchart-gen: generated files differ from the committed ones; run `pnpm turbo chart` and commit.',
    );
    return 1;
  }
  const drift = writeFiles(repo, roots, files);
  const n = drift.missing.length + drift.changed.length;
  console.log(
    `chart-gen: wrote ${n} of ${files.size} files, removed ${drift.stale.length} stale (${roots.join(', ')})`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
