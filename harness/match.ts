/**
 * Subset matching of JSON messages: `matches(msg, {type: 'pong'})` is true when every field of
 * the pattern is present in the message with an equal value (recursively for objects).
 */
export function matches(value: unknown, pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object') return Object.is(value, pattern);
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && pattern.length === value.length && pattern.every((p, i) => matches(value[i], p));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const obj = value as Record<string, unknown>;
  return Object.entries(pattern as Record<string, unknown>).every(([k, p]) => matches(obj[k], p));
}

/** Parse a text frame as JSON; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a text frame is JSON that contains `pattern`. */
export function textMatches(text: string, pattern: Record<string, unknown>): boolean {
  const msg = parseJson(text);
  return msg !== undefined && matches(msg, pattern);
}
