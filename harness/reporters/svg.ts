/** Tiny helpers for hand-written SVG: escaping, truncation, element strings. */

/** Characters XML 1.0 does not allow, and lone surrogates: dropped so the SVG always parses. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function esc(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One line, at most `max` characters, with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, Math.max(1, max - 1))}…`;
}

/** Word-wrap to lines of at most `width` characters, at most `maxLines` lines. */
export function wrap(s: string, width: number, maxLines: number): string[] {
  const words = s.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => clip(l, width));
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = clip(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, width);
  return kept.map((l) => clip(l, width));
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** `<name a="1" b="x">children</name>`, with attribute values escaped and numbers rounded. */
export function el(name: string, attrs: Record<string, string | number | undefined>, children = ''): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : esc(v!)}"`)
    .join('');
  return children ? `<${name}${a}>${children}</${name}>` : `<${name}${a}/>`;
}

export function text(x: number, y: number, content: string, cls = 't', extra: Record<string, string | number | undefined> = {}): string {
  return el('text', { x, y, class: cls, ...extra }, esc(content));
}
