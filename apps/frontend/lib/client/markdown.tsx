import type { AnchorHTMLAttributes } from 'react';
import ReactMarkdown, { type Components, type UrlTransform } from 'react-markdown';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';

/*
 * Assistant replies as Markdown (GitHub flavour: lists, tables, code, strikethrough, autolinks) through
 * react-markdown, which builds React elements from a syntax tree and never injects HTML. A model's output is
 * untrusted: raw HTML in it shows as the text it is, and links go only to http(s) and mailto.
 */

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Raw HTML becomes text: shown as typed ("<b>" stays visible) rather than silently dropped or rendered. */
function remarkHtmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return walk;
}

const SAFE_URL = /^(https?:|mailto:)/i;

/** Keeps http(s) and mailto links; any other URL (javascript:, data:, relative) becomes no link at all. */
export const safeUrl: UrlTransform = (url) => (SAFE_URL.test(url.trim()) ? url : '');

/** A link opens in a new tab without handing that tab this page; a link whose URL was dropped is plain text. */
function Link({ href, children }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  if (!href) return <span>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** Headings in a reply sit under the page's own: # in a reply is an h3, not a second h1. */
const COMPONENTS: Components = {
  a: ({ href, children }) => <Link href={href}>{children}</Link>,
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h4>{children}</h4>,
  h3: ({ children }) => <h5>{children}</h5>,
  h4: ({ children }) => <h6>{children}</h6>,
  h5: ({ children }) => <h6>{children}</h6>,
  // A wide table scrolls inside the bubble instead of stretching it.
  table: ({ children }) => (
    <div data-table-scroll="">
      <table>{children}</table>
    </div>
  ),
  img: ({ alt }) => <>{alt}</>,
};

// Single newlines are line breaks: chat replies are written line by line, not as wrapped prose.
const PLUGINS = [remarkGfm, remarkBreaks, remarkHtmlAsText];

/** Renders a Markdown document as React elements. */
export function Markdown({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={PLUGINS} components={COMPONENTS} urlTransform={safeUrl}>
      {text}
    </ReactMarkdown>
  );
}
