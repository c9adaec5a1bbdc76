import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown } from '../../../lib/client/markdown';

// Newlines between block elements are layout only.
const html = (text: string) => renderToStaticMarkup(<Markdown text={text} />).replace(/>\n+</g, '><');

describe('Markdown', () => {
  it('GIVEN a reply with a list of tasks WHEN rendered THEN each task is a list item with its emphasis', () => {
    expect(html('You have 2 pending tasks:\n- **buy milk** (high)\n- call `mom`')).toBe(
      '<p>You have 2 pending tasks:</p><ul><li><strong>buy milk</strong> (high)</li><li>call <code>mom</code></li></ul>',
    );
  });

  it('GIVEN numbered steps, a heading and a quote WHEN rendered THEN they keep their structure', () => {
    expect(html('## Plan\n1. first\n2. _second_\n\n> note')).toBe(
      '<h4>Plan</h4><ol><li>first</li><li><em>second</em></li></ol><blockquote><p>note</p></blockquote>',
    );
  });

  it('GIVEN raw HTML in the model output WHEN rendered THEN it shows as text, never as markup', () => {
    const out = html('<img src=x onerror=alert(1)> <script>alert(1)</script>');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;script&gt;');
  });

  it('GIVEN links WHEN rendered THEN http(s) links open safely and javascript: links become plain text', () => {
    const out = html('[docs](https://example.com/a) and [bad](javascript:alert(1)) and https://x.dev/p.');
    expect(out).toContain(
      '<a href="https://example.com/a" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    expect(out).not.toContain('javascript:');
    expect(out).toContain(
      '<a href="https://x.dev/p" target="_blank" rel="noopener noreferrer">https://x.dev/p</a>.',
    );
  });

  it('GIVEN a GitHub table WHEN rendered THEN it is a table with a header row', () => {
    const out = html('| # | task |\n|---|---|\n| 3 | buy milk |');
    expect(out).toContain('<table><thead><tr><th>#</th><th>task</th></tr></thead>');
    expect(out).toContain('<tbody><tr><td>3</td><td>buy milk</td></tr></tbody></table>');
  });

  it('GIVEN links to other schemes WHEN rendered THEN none of them is a link', () => {
    const out = html('[a](data:text/html,x) [b](/settings) [c](vbscript:x) [mail](mailto:a@b.dev)');
    expect(out).not.toMatch(/href="(data|\/settings|vbscript)/);
    expect(out).toContain('<a href="mailto:a@b.dev" target="_blank" rel="noopener noreferrer">mail</a>');
  });

  it("GIVEN an image WHEN rendered THEN only its alt text shows (no request to a stranger's server)", () => {
    expect(html('![a chart](https://example.com/t.png)')).toBe('<p>a chart</p>');
  });

  it('GIVEN a fenced code block WHEN rendered THEN its content is verbatim, markdown inside is not interpreted', () => {
    expect(html('```\n**not bold**\n```')).toBe('<pre><code>**not bold**\n</code></pre>');
  });

  it('GIVEN a half-streamed reply with an unclosed marker WHEN rendered THEN the text still shows', () => {
    expect(html('Adding **buy mi')).toBe('<p>Adding **buy mi</p>');
  });

  it('GIVEN single newlines WHEN rendered THEN they become line breaks inside one paragraph', () => {
    expect(html('line one\nline two\n\nnext')).toBe('<p>line one<br/>\nline two</p><p>next</p>');
  });
});
