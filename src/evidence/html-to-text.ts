// Converts an HTML page to the Markdown-like text split-document.ts reads: headings become `#`
// lines, paragraphs and block elements are separated by blank lines, list items become `- ` lines,
// scripts, styles, navigation and comments are dropped, entities are decoded. Metadata comes from
// <title> and <meta name="author|description|date">. A small tolerant converter, not a full parser.

export interface HtmlText {
  text: string;
  meta: Record<string, string>;
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  shy: '',
  copy: '©',
  reg: '®',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  ccedil: 'ç',
  szlig: 'ß',
  middot: '·',
};

/** Decodes HTML character references (named, decimal and hexadecimal). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

const BLOCK =
  /^(p|div|section|article|main|header|footer|aside|blockquote|pre|table|tr|ul|ol|dl|dd|dt|figure|figcaption|hr|body|html)$/;

/** Converts HTML to Markdown-like text plus metadata. */
export function htmlToText(html: string): HtmlText {
  const meta: Record<string, string> = {};
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  if (title) meta.title = clean(title[1]);
  for (const m of html.matchAll(/<meta\s+([^>]*)>/gi)) {
    const attrs = Object.fromEntries(
      [...m[1].matchAll(/([a-z:_.-]+)\s*=\s*("([^"]*)"|'([^']*)')/gi)].map((a) => [
        a[1].toLowerCase(),
        a[3] ?? a[4],
      ]),
    );
    const key = (attrs.name ?? attrs.property ?? '').toLowerCase();
    const content = attrs.content;
    if (!content) continue;
    if (key === 'author' || key === 'dc.creator') meta.author = clean(content);
    else if (key === 'description' || key === 'og:description') meta.description ??= clean(content);
    else if (key === 'date' || key === 'dc.date' || key === 'article:published_time')
      meta.date = clean(content);
  }
  let body = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<![^>]*>|<\?[\s\S]*?\?>/g, ' ')
    .replace(/<(script|style|noscript|template|head|nav|svg)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const out: string[] = [];
  let buf = '';
  let prefix = '';
  const flush = () => {
    const t = clean(buf);
    if (t) out.push(prefix + t);
    buf = '';
    prefix = '';
  };
  body = body.replace(/\r\n?/g, '\n');
  const re = /<\/?([a-z][a-z0-9]*)\b[^>]*>|([^<]+)|</gi;
  let m;
  while ((m = re.exec(body))) {
    if (m[2] !== undefined || m[0] === '<') {
      buf += m[2] ?? '<';
      continue;
    }
    const tag = m[1].toLowerCase();
    const closing = m[0][1] === '/';
    const h = /^h([1-6])$/.exec(tag);
    if (h) {
      flush();
      if (!closing) prefix = '#'.repeat(Number(h[1])) + ' ';
    } else if (tag === 'li') {
      flush();
      if (!closing) prefix = '- ';
    } else if (BLOCK.test(tag)) flush();
    else buf += tag === 'td' || tag === 'th' || tag === 'br' ? ' ' : '';
  }
  flush();
  return { text: out.join('\n\n') + '\n', meta };
}

function clean(s: string): string {
  return decodeEntities(s.replace(/\s+/g, ' '))
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
