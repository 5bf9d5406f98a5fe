import { describe, it, expect } from 'vitest';
import { htmlToText, decodeEntities } from './html-to-text.js';
import { splitDocument } from './split-document.js';

describe('htmlToText', () => {
  it('turns headings, paragraphs and list items into the Markdown the splitter reads, and drops scripts, styles, nav and comments', () => {
    const html = `<!DOCTYPE html><html><head><title>T &amp; U</title><meta name="author" content="A. B."><style>p{}</style></head>
<body><nav>Menu</nav><h1>Top</h1><p>One <b>bold</b>
line<br>continues.</p><!-- hidden --><script>x="<p>no</p>"</script><h2>Sub &ndash; part</h2><ul><li>first</li><li>second&nbsp;item</li></ul></body></html>`;
    const r = htmlToText(html);
    expect(r.meta).toEqual({ title: 'T & U', author: 'A. B.' });
    expect(r.text).toBe('# Top\n\nOne bold line continues.\n\n## Sub – part\n\n- first\n\n- second item\n');
    const split = splitDocument(r.text);
    expect(split.paragraphs.map((p) => [p.section, p.paragraph])).toEqual([
      ['top', 1],
      ['sub-part', 1],
      ['sub-part', 2],
    ]);
  });

  it('decodes named, decimal and hexadecimal character references and leaves unknown ones', () => {
    expect(decodeEntities('&lt;&#1041;&#x0439;&rsquo;&bogus;')).toBe('<Бй’&bogus;');
  });
});
