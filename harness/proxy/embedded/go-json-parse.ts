/**
 * A JSON reader that behaves like Go's `json.NewDecoder(body).Decode(&v)` as far as a client can
 * see: it reads the first value only (trailing bytes are ignored), an empty body is `EOF`, a body
 * cut short is `unexpected EOF`, and syntax errors carry the messages of Go's encoding/json scanner
 * (`invalid character 'x' looking for beginning of value`, ...). Numbers keep their literal text so
 * that integer fields can reject `1.5` or `1e3` the way Go does. Nesting deeper than Go's limit
 * (10 000) fails as Go's does: `invalid character '[' exceeded max depth`.
 */

export class GoNumber {
  constructor(readonly literal: string) {}
}

export class GoObject {
  /** Keys in document order; duplicates kept (the last one wins when decoding). */
  constructor(readonly entries: Array<[string, GoValue]>) {}
}

export type GoValue = null | boolean | string | GoNumber | GoValue[] | GoObject;

export type GoParseResult = { ok: true; value: GoValue } | { ok: false; error: string };

class SyntaxFailure extends Error {}

/** encoding/json's maxNestingDepth. */
const MAX_NESTING_DEPTH = 10_000;

/** An open container while reading: an array's items, or an object's entries and pending key. */
type Frame = { items: GoValue[] } | { entries: Array<[string, GoValue]>; key: string };

/** Go's quoteChar: how the scanner names an offending byte. */
function quoteChar(text: string, pos: number): string {
  const c = text[pos]!;
  if (c === "'") return "'\\''";
  if (c === '"') return '\'"\'';
  // The scanner works on bytes: name the first UTF-8 byte, printed as Go's strconv.Quote would.
  const byte = Buffer.from(c, 'utf8')[0]!;
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
  if (named[byte] !== undefined) return `'${named[byte]}'`;
  if (byte < 0x20 || byte === 0x7f) return `'\\x${byte.toString(16).padStart(2, '0')}'`;
  if (byte >= 0x80 && byte < 0xa0) return `'\\u${byte.toString(16).padStart(4, '0')}'`;
  return `'${String.fromCharCode(byte)}'`;
}

class Reader {
  pos = 0;
  constructor(private readonly text: string) {}

  private fail(context: string): never {
    if (this.pos >= this.text.length) throw new SyntaxFailure('unexpected EOF');
    throw new SyntaxFailure(`invalid character ${quoteChar(this.text, this.pos)} ${context}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
      this.pos++;
    }
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** One value, containers included; iterative so that 10 000 levels do not exhaust the stack. */
  value(): GoValue {
    const stack: Frame[] = [];
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      let done: GoValue;
      if (c === '{' || c === '[') {
        if (stack.length >= MAX_NESTING_DEPTH) this.fail('exceeded max depth');
        this.pos++;
        this.skipSpace();
        if (c === '[' && this.text[this.pos] !== ']') {
          stack.push({ items: [] });
          continue;
        }
        if (c === '{' && this.text[this.pos] !== '}') {
          stack.push({ entries: [], key: this.objectKey() });
          continue;
        }
        this.pos++;
        done = c === '[' ? [] : new GoObject([]);
      } else {
        done = this.scalar(c);
      }
      // Hand the finished value to its containers, closing those that end here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) return done;
        this.skipSpace();
        const next = this.text[this.pos];
        if ('items' in top) {
          top.items.push(done);
          if (next === ',') {
            this.pos++;
            break;
          }
          if (next !== ']') this.fail('after array element');
          done = top.items;
        } else {
          top.entries.push([top.key, done]);
          if (next === ',') {
            this.pos++;
            top.key = this.objectKey();
            break;
          }
          if (next !== '}') this.fail('after object key:value pair');
          done = new GoObject(top.entries);
        }
        this.pos++;
        stack.pop();
      }
    }
  }

  private scalar(c: string | undefined): GoValue {
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    return this.fail('looking for beginning of value');
  }

  /** An object key and its colon. */
  private objectKey(): string {
    this.skipSpace();
    if (this.text[this.pos] !== '"') this.fail('looking for beginning of object key string');
    const key = this.string();
    this.skipSpace();
    if (this.text[this.pos] !== ':') this.fail('after object key');
    this.pos++;
    return key;
  }

  private literal<T extends GoValue>(word: string, result: T): T {
    for (let i = 1; i < word.length; i++) {
      this.pos++;
      if (this.text[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting '${word[i]}')`);
    }
    this.pos++;
    return result;
  }

  private digits(): void {
    while (this.pos < this.text.length && this.text[this.pos]! >= '0' && this.text[this.pos]! <= '9') this.pos++;
  }

  private isDigit(): boolean {
    const c = this.text[this.pos];
    return c !== undefined && c >= '0' && c <= '9';
  }

  private number(): GoNumber {
    const start = this.pos;
    if (this.text[this.pos] === '-') {
      this.pos++;
      if (!this.isDigit()) this.fail('in numeric literal');
    }
    if (this.text[this.pos] === '0') this.pos++;
    else this.digits();
    if (this.text[this.pos] === '.') {
      this.pos++;
      if (!this.isDigit()) this.fail('after decimal point in numeric literal');
      this.digits();
    }
    if (this.text[this.pos] === 'e' || this.text[this.pos] === 'E') {
      this.pos++;
      if (this.text[this.pos] === '+' || this.text[this.pos] === '-') this.pos++;
      if (!this.isDigit()) this.fail('in exponent of numeric literal');
      this.digits();
    }
    return new GoNumber(this.text.slice(start, this.pos));
  }

  private string(): string {
    this.pos++; // opening quote
    let out = '';
    for (;;) {
      if (this.atEnd()) this.fail('in string literal');
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) this.fail('in string literal');
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      this.pos++;
      const e = this.text[this.pos];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        this.pos++;
        continue;
      }
      if (e !== 'u') this.fail('in string escape code');
      let code = 0;
      for (let i = 0; i < 4; i++) {
        this.pos++;
        const h = this.text[this.pos];
        if (h === undefined || !/[0-9a-fA-F]/.test(h)) this.fail('in \\u hexadecimal character escape');
        code = code * 16 + parseInt(h, 16);
      }
      this.pos++;
      out += String.fromCharCode(code);
    }
  }
}

/** Reads the first JSON value of `text`, with Go's error messages. */
export function goParseJson(text: string): GoParseResult {
  const reader = new Reader(text);
  reader.skipSpace();
  if (reader.atEnd()) return { ok: false, error: 'EOF' };
  try {
    return { ok: true, value: reader.value() };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { ok: false, error: err.message };
    throw err;
  }
}
