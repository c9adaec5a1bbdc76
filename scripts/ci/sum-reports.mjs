#!/usr/bin/env node
// Sums every test runner's JSON report (vitest's --reporter=json shape: numPassedTests, numFailedTests,
// numPendingTests) under */test-results/ and prints the one closing line CI reads. A run that failed without a failing
// test (a beforeAll hook threw, so vitest skipped the tests under it; an unhandled error) counts as one failure.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2] ?? process.cwd();
const skip = new Set(['node_modules', '.git', '.next', '.turbo', 'dist', '.tools']);
const reports = [];
(function walk(dir, depth) {
  if (depth > 4) return;
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) continue;
    if (name === 'test-results') {
      for (const f of readdirSync(path)) if (f.endsWith('.json')) reports.push(join(path, f));
    } else walk(path, depth + 1);
  }
})(root, 0);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reports.sort()) {
  let r;
  try {
    r = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    continue; // not a test report (e.g. a screenshot index)
  }
  if (typeof r.numPassedTests !== 'number') continue;
  const failedHere = (r.numFailedTests ?? 0) || (r.success === false ? 1 : 0);
  passed += r.numPassedTests;
  failed += failedHere;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.error(`  ${file.slice(root.length + 1)}: ${r.numPassedTests} passed, ${failedHere} failed`);
}
if (skipped) console.error(`  ${skipped} skipped`);
// CI reads this closing line alone: exactly "N passed, N failed".
console.log(`${passed} passed, ${failed} failed`);
