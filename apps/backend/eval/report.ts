import type { CaseResult } from './harness';

export interface ChatToolCall {
  readonly name: string;
  readonly result?: unknown;
}

/** "name", or "name: <error>" when the call failed. */
export function describeToolCall(call: ChatToolCall): string {
  const error = (call.result as { error?: unknown } | null | undefined)?.error;
  return error === undefined
    ? call.name
    : `${call.name}: ${typeof error === 'string' ? error : JSON.stringify(error)}`;
}

export interface CategorySummary {
  readonly category: string;
  readonly total: number;
  readonly passed: number;
  readonly wrongChanges: number;
  readonly rate: number;
}

export interface Summary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly wrongChanges: number;
  readonly rate: number;
  readonly categories: readonly CategorySummary[];
}

export function summarize(results: readonly CaseResult[]): Summary {
  const byCategory = new Map<string, CaseResult[]>();
  for (const r of results) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  const categories = [...byCategory].map(([category, rs]) => {
    const passed = rs.filter((r) => r.outcome === 'pass').length;
    return {
      category,
      total: rs.length,
      passed,
      wrongChanges: rs.filter((r) => r.outcome === 'wrong-change').length,
      rate: passed / rs.length,
    };
  });
  const passed = results.filter((r) => r.outcome === 'pass').length;
  return {
    total: results.length,
    passed,
    failed: results.length - passed,
    wrongChanges: results.filter((r) => r.outcome === 'wrong-change').length,
    rate: results.length ? passed / results.length : 0,
    categories,
  };
}

/** Whether the run meets the bar: overall rate ≥ `min` and no wrong change. */
export function meetsBar(summary: Summary, min: number): boolean {
  return summary.total > 0 && summary.rate >= min && summary.wrongChanges === 0;
}

const pct = (r: number) => `${(r * 100).toFixed(1)} %`;
const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The human report: failures (wrong changes first), rate per category, then the overall line. */
export function formatReport(results: readonly CaseResult[], summary: Summary, min: number): string {
  const lines: string[] = [];
  const failures = results
    .filter((r) => r.outcome !== 'pass')
    .sort((a, b) => Number(b.outcome === 'wrong-change') - Number(a.outcome === 'wrong-change'));
  if (failures.length) {
    lines.push(`Failures (${failures.length}):`, '');
    for (const f of failures) {
      lines.push(`${f.outcome === 'wrong-change' ? 'WRONG CHANGE' : 'FAIL'}  ${f.id}`);
      lines.push(`  say:   ${oneLine(f.say, 100)}`);
      for (const d of f.differences.slice(0, 6)) lines.push(`  diff:  ${oneLine(d, 140)}`);
      if (f.differences.length > 6) lines.push(`  diff:  … ${f.differences.length - 6} more`);
      lines.push(`  reply: ${oneLine(f.reply, 100)}`);
      if (f.tools.length) lines.push(`  tools: ${oneLine(f.tools.join(' · '), 140)}`);
    }
    lines.push('');
  }
  const width = Math.max(8, ...summary.categories.map((c) => c.category.length));
  lines.push(`${'category'.padEnd(width)}  passed    rate  wrong changes`);
  for (const c of summary.categories) {
    lines.push(
      `${c.category.padEnd(width)}  ${`${c.passed}/${c.total}`.padStart(6)}  ${pct(c.rate).padStart(7)}  ${c.wrongChanges}`,
    );
  }
  lines.push('');
  lines.push(
    `overall: ${summary.passed}/${summary.total} passed (${pct(summary.rate)}, bar ${pct(min)}), ` +
      `${summary.wrongChanges} wrong change(s) → ${meetsBar(summary, min) ? 'PASS' : 'FAIL'}`,
  );
  return lines.join('\n');
}

/**
 * The JSON report: vitest's summary counts (so scripts/ci/sum-reports.mjs adds the cases to CI's closing
 * "N passed, N failed" line when it lies under test-results/) plus the per-case details.
 */
export function jsonReport(agent: string, results: readonly CaseResult[], summary: Summary, min: number) {
  return {
    numTotalTests: summary.total,
    numPassedTests: summary.passed,
    numFailedTests: summary.failed,
    numPendingTests: 0,
    success: meetsBar(summary, min),
    eval: { agent, min, ...summary },
    cases: results.map((r) => ({ ...r, ms: Math.round(r.ms) })),
  };
}
