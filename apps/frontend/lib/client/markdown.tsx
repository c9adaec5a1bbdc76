import { Fragment, type ReactNode } from 'react';

// A deliberately small markdown subset for assistant replies. It builds React elements only (never raw HTML),
// so model output cannot inject markup or scripts; a full markdown library would also cost ~30 KB of JS.

const SAFE_URL = /^(https?:|mailto:)/i;

const INLINE: Array<{ re: RegExp; render: (m: RegExpExecArray, key: number) => ReactNode }> = [
  { re: /`([^`\n]+)`/, render: (m, k) => <code key={k}>{m[1]}</code> },
  {
    re: /\*\*([^\n]+?)\*\*|__([^\n]+?)__/,
    render: (m, k) => <strong key={k}>{inline(m[1] ?? m[2] ?? '')}</strong>,
  },
  { re: /~~([^\n]+?)~~/, render: (m, k) => <del key={k}>{inline(m[1] ?? '')}</del> },
  {
    re: /(?<![\w*])\*(?!\s)([^*\n]+?)\*(?!\w)|(?<!\w)_(?!\s)([^_\n]+?)_(?!\w)/,
    render: (m, k) => <em key={k}>{inline(m[1] ?? m[2] ?? '')}</em>,
  },
  {
    re: /\[([^\]\n]+)\]\(([^)\s]+)\)/,
    render: (m, k) =>
      SAFE_URL.test(m[2] ?? '') ? (
        <a key={k} href={m[2]} target="_blank" rel="noopener noreferrer">
          {inline(m[1] ?? '')}
        </a>
      ) : (
        <Fragment key={k}>{m[1]}</Fragment>
      ),
  },
  {
    re: /\bhttps?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]/,
    render: (m, k) => (
      <a key={k} href={m[0]} target="_blank" rel="noopener noreferrer">
        {m[0]}
      </a>
    ),
  },
];

/** Renders inline markdown (code, bold, italic, strike, links) as React nodes. */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest) {
    let best: { m: RegExpExecArray; render: (typeof INLINE)[number]['render'] } | undefined;
    for (const { re, render } of INLINE) {
      const m = re.exec(rest);
      if (m && (!best || m.index < best.m.index)) best = { m, render };
    }
    if (!best) {
      out.push(rest);
      break;
    }
    if (best.m.index > 0) out.push(rest.slice(0, best.m.index));
    out.push(best.render(best.m, key++));
    rest = rest.slice(best.m.index + best.m[0].length);
  }
  return out;
}

function withBreaks(lines: string[]): ReactNode[] {
  return lines.flatMap((l, i) => (i === 0 ? inline(l) : [<br key={`br${i}`} />, ...inline(l)]));
}

const UL = /^\s*[-*+]\s+(.*)$/;
const OL = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const FENCE = /^\s*```/;

/** Renders a markdown document (paragraphs, headings, lists, quotes, fenced code) as React elements. */
export function Markdown({ text }: { text: string }) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const k = blocks.length;
    if (FENCE.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i] ?? '')) code.push(lines[i++] ?? '');
      i++;
      blocks.push(
        <pre key={k}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      const level = Math.min(6, (h[1] ?? '#').length + 2);
      const Tag = `h${level}` as 'h3';
      blocks.push(<Tag key={k}>{inline(h[2] ?? '')}</Tag>);
      i++;
      continue;
    }
    const listRe = UL.test(line) ? UL : OL.test(line) ? OL : null;
    if (listRe) {
      const items: ReactNode[] = [];
      while (i < lines.length && listRe.test(lines[i] ?? '')) {
        items.push(<li key={items.length}>{inline(listRe.exec(lines[i] ?? '')?.[1] ?? '')}</li>);
        i++;
      }
      blocks.push(listRe === UL ? <ul key={k}>{items}</ul> : <ol key={k}>{items}</ol>);
      continue;
    }
    if (line.startsWith('>')) {
      const quote: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('>'))
        quote.push((lines[i++] ?? '').replace(/^>\s?/, ''));
      blocks.push(<blockquote key={k}>{withBreaks(quote)}</blockquote>);
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      (lines[i] ?? '').trim() &&
      !FENCE.test(lines[i] ?? '') &&
      !HEADING.test(lines[i] ?? '') &&
      !UL.test(lines[i] ?? '') &&
      !OL.test(lines[i] ?? '') &&
      !(lines[i] ?? '').startsWith('>')
    ) {
      para.push(lines[i++] ?? '');
    }
    blocks.push(<p key={k}>{withBreaks(para)}</p>);
  }
  return <>{blocks}</>;
}
