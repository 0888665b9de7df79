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

/** A request tagged in the profile's correlation field (request.correlationField), or as it is without one. */
export function tagged(send: Record<string, unknown>, field: string | undefined, tag: unknown): Record<string, unknown> {
  return field ? { ...send, [field]: tag } : send;
}

/**
 * Whether a text frame answers a request: it contains `expect` and, when the profile names a
 * correlation field and the reply carries it, echoes the request's `tag` there (a reply to an
 * earlier request does not count). A reply without the field still matches; the scenario says
 * its correlation was not checked.
 */
export function isReplyTo(text: string, expect: Record<string, unknown>, field?: string, tag?: unknown): boolean {
  const msg = parseJson(text);
  if (!matches(msg, expect)) return false;
  if (!field || msg === null || typeof msg !== 'object' || !(field in msg)) return true;
  return Object.is((msg as Record<string, unknown>)[field], tag);
}
