import { createRequire } from 'node:module';
import type * as Axe from 'axe-core';
import type { Page } from 'playwright-core';

// axe-core runs inside the page (injected as source, so the app's own scripts and CSP are untouched).
const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** WCAG 2.0–2.2 levels A and AA, and axe's best practices: what the UI promises to pass. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** What axe says about the first element, e.g. the two colours and their contrast. */
  first: string;
}

/** Runs axe on the page as it is now; one finding per rule, with the elements it names. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
      first: [...(v.nodes[0]?.any ?? []), ...(v.nodes[0]?.all ?? [])].map((c) => c.message).join('; '),
    }));
  }, AXE_TAGS);
}

/** One line per finding, for a failure message a person can act on. */
export function describeFindings(where: string, findings: AxeFinding[]): string[] {
  return findings.map(
    (f) => `${where}: ${f.rule} (${f.impact}) ${f.help} → ${f.targets.slice(0, 4).join(' | ')} (${f.first})`,
  );
}
