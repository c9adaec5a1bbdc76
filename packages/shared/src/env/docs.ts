import type { EnvSpec } from './define';

/*
 * Docs that list environment variables are generated from the same contracts the apps parse their environment
 * with (and chart-gen builds the chart from), so a variable cannot be added, renamed or re-defaulted without the
 * docs following. scripts/env-docs.ts writes the tables into marked regions of Markdown files; CI checks them.
 */

/** Table-cell prose: pipes and asterisks (emphasis) escaped, one line. */
const cell = (text: string) => text.replace(/[|*]/g, (c) => `\\${c}`).replace(/\n/g, ' ');

/** A Markdown table of `spec`: variable, default, kind (required / secret), meaning. */
export function envTable(spec: EnvSpec): string {
  const rows = Object.entries(spec).map(([name, v]) => {
    const kind = [v.required ? 'required' : '', v.secret ? 'secret' : ''].filter(Boolean).join(', ');
    const fallback =
      v.default === ''
        ? 'empty'
        : v.default !== undefined
          ? `\`${v.default}\``
          : v.example
            ? `unset (e.g. \`${v.example}\`)`
            : 'unset';
    const values = v.enum ? ` One of ${v.enum.map((e) => `\`${e}\``).join(', ')}.` : '';
    return `| \`${name}\` | ${fallback} | ${kind} | ${cell(v.description + values)} |`;
  });
  return ['| variable | default | kind | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The markers around a generated region named `name`. */
export const regionMarkers = (name: string) =>
  [`<!-- generated: ${name} (pnpm docs:env) -->`, `<!-- end generated: ${name} -->`] as const;

/** `text` with the region `name` replaced by `content`; throws when the file has no such region. */
export function replaceRegion(text: string, name: string, content: string): string {
  const [open, close] = regionMarkers(name);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`no region "${name}" (${open} … ${close})`);
  return `${text.slice(0, start + open.length)}\n\n${content}\n\n${text.slice(end)}`;
}
