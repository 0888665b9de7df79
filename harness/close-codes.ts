/**
 * WebSocket close codes (RFC 6455 §7.4) and the rules Autobahn|Testsuite applies to them.
 */
export const CLOSE_NAMES: Readonly<Record<number, string>> = {
  1000: 'normal closure',
  1001: 'going away',
  1002: 'protocol error',
  1003: 'unsupported data',
  1005: 'no status received',
  1006: 'abnormal closure (no close frame)',
  1007: 'invalid payload data',
  1008: 'policy violation',
  1009: 'message too big',
  1010: 'mandatory extension',
  1011: 'internal error',
  1012: 'service restart',
  1013: 'try again later',
  1014: 'bad gateway',
  1015: 'TLS handshake failure',
};

/** Codes that must never appear in a close frame on the wire. */
export const NEVER_ON_WIRE: ReadonlySet<number> = new Set([1004, 1005, 1006, 1015]);

/**
 * Whether a code may be sent in a close frame (Autobahn case 7.7 / 7.9): 1000-1003, 1007-1014,
 * 3000-4999. 1005 and 1006 are what a client *reports* when there was no status or no frame.
 */
export function isValidWireCloseCode(code: number): boolean {
  if (code >= 1000 && code <= 1003) return true;
  if (code >= 1007 && code <= 1014) return true;
  return code >= 3000 && code <= 4999;
}

export function describeClose(code: number, reason?: string): string {
  const name = CLOSE_NAMES[code] ?? (code >= 4000 ? 'application code' : code >= 3000 ? 'registered code' : 'unknown code');
  return reason ? `${code} (${name}) "${reason}"` : `${code} (${name})`;
}
