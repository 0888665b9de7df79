/**
 * A small well-formedness check for the SVGs we write (no XML parser in the dependencies):
 * tags balance, attribute values are quoted, and text holds no raw `<`, `>` or bare `&`.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const between = xml.slice(last, m.index);
    if (/[<>]/.test(between)) problems.push(`raw < or > in text near ${JSON.stringify(between.slice(0, 60))}`);
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+);)/.test(between)) problems.push(`bare & in text near ${JSON.stringify(between.slice(0, 60))}`);
    last = m.index + m[0].length;
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else stack.push(name!);
  }
  if (xml.slice(last).trim()) problems.push(`trailing text ${JSON.stringify(xml.slice(last, last + 60))}`);
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}
