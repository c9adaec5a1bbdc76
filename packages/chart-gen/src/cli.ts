#!/usr/bin/env -S node --import tsx
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { todoChatbot } from './config/todo-chatbot';
import { describeDrift, hasDrift, writeFiles, findDrift } from './files/sync';
import { generateAll, outputRoots } from './generate';
import { HelmMissingError, resolveHelm } from './helm/helm';
import { repoRoot } from './paths';

const USAGE = `Usage: chart-gen [--check] [--helm PATH]
  (no flag)    write charts/${todoChatbot.chart.name}/ and k8s/ from the release config
  --check      exit 1 with a diff when the committed files differ from what the config generates
  --helm PATH  helm binary that renders k8s/ (default: $HELM_BIN, else helm on PATH)`;

interface Args {
  readonly check: boolean;
  readonly help: boolean;
  readonly helm?: string;
  readonly unknown: readonly string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args = argv.filter((a) => a !== '--');
  let check = false;
  let help = false;
  let helm: string | undefined;
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--check') check = true;
    else if (a === '--help' || a === '-h') help = true;
    else if (a === '--helm' && args[i + 1]) helm = args[++i];
    else if (a.startsWith('--helm=')) helm = a.slice('--helm='.length);
    else unknown.push(a);
  }
  return { check, help, unknown, ...(helm ? { helm } : {}) };
}

export function main(argv: readonly string[], repo = repoRoot): number {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args.unknown.length > 0) {
    console.error(`chart-gen: unknown argument ${args.unknown.join(' ')}\n${USAGE}`);
    return 2;
  }
  let files;
  try {
    files = generateAll(todoChatbot, { bin: resolveHelm(args.helm) });
  } catch (err) {
    if (!(err instanceof HelmMissingError)) throw err;
    console.error(err.message);
    return 3;
  }
  const roots = outputRoots(todoChatbot);
  if (args.check) {
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
