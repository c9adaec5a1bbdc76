// `pnpm eval`: runs the chat evaluation corpus (eval/corpus/*.yaml, or another directory with --corpus)
// against the real app and prints the pass rate per category and a table of failures. See eval/README.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CorpusError, loadCorpus } from './corpus';
import { createHarness, type AgentKind, type CaseResult } from './harness';
import { formatReport, jsonReport, meetsBar, summarize } from './report';

const here = dirname(fileURLToPath(import.meta.url));
const USAGE = `usage: pnpm eval [--corpus <dir>] [--filter <text>] [--min <0..1>] [--agent local|openai] [--json <file>]
  --corpus  directory of case files (default: eval/corpus), e.g. a hold-out set run blind before it joins
  --filter  only cases whose id or category contains <text>
  --min     pass-rate bar (default 0.90); the run also fails on any wrong change
  --agent   local (default) or openai: the cases with an \`openai:\` script, through the fake OpenAI server
  --json    also write the JSON report to <file>`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      filter: { type: 'string' },
      min: { type: 'string', default: '0.90' },
      agent: { type: 'string', default: 'local' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const min = Number(values.min);
  if (!(min >= 0 && min <= 1)) throw new UsageError(`--min must be between 0 and 1, got ${values.min}`);
  if (values.agent !== 'local' && values.agent !== 'openai') {
    throw new UsageError(`--agent must be local or openai, got ${values.agent}`);
  }
  const agent: AgentKind = values.agent;

  let cases = loadCorpus(values.corpus ? corpusDir(values.corpus) : join(here, 'corpus'));
  if (agent === 'openai') cases = cases.filter((c) => c.openai);
  if (values.filter) {
    const f = values.filter.toLowerCase();
    cases = cases.filter((c) => c.id.includes(f) || c.category.includes(f));
  }
  if (cases.length === 0) throw new UsageError('no case matches');

  const started = performance.now();
  const harness = await createHarness(agent);
  const results: CaseResult[] = [];
  try {
    for (const c of cases) results.push(await harness.run(c));
  } finally {
    await harness.close();
  }
  const summary = summarize(results);
  console.log(formatReport(results, summary, min));
  console.log(
    `${results.length} case(s) on the ${agent} agent in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const report = JSON.stringify(jsonReport(agent, results, summary, min), null, 2);
  const ciReport = join(here, '..', 'test-results', agent === 'local' ? 'eval.json' : `eval-${agent}.json`);
  for (const file of [
    ciReport,
    ...(values.json ? [resolve(process.env.INIT_CWD ?? '.', values.json)] : []),
  ]) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, report + '\n');
  }
  return meetsBar(summary, min) ? 0 : 1;
}

/**
 * A relative --corpus is read from the package directory (where `pnpm --filter @todo/backend eval` runs the
 * script) or, failing that, from where pnpm was invoked, so both `eval/holdout` and a path typed from the
 * repository root work.
 */
function corpusDir(dir: string): string {
  const candidates = [resolve(dir), resolve(process.env.INIT_CWD ?? '.', dir)];
  const found = candidates.find((d) => existsSync(d));
  if (!found) throw new UsageError(`--corpus: no directory ${dir}`);
  return found;
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
    else if (err instanceof CorpusError) console.error(`corpus error: ${err.message}`);
    else console.error(err);
    process.exit(2);
  },
);
