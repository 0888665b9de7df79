/** GET /version of a Toxiproxy-compatible server, with a bounded wait. */

/** Reads `{"version": "X"}` (2.x) or a bare version text (older servers). */
export function parseVersionBody(body: string): string {
  try {
    const doc = JSON.parse(body) as unknown;
    if (doc && typeof doc === 'object' && typeof (doc as { version?: unknown }).version === 'string') {
      return (doc as { version: string }).version;
    }
  } catch {
    // not JSON: an old server answering with plain text
  }
  return body.trim();
}

/** Resolves with the version, or rejects with the reason the server did not answer in time. */
export async function probeVersion(url: string, timeoutMs: number): Promise<string> {
  const res = await fetch(`${url}/version`, { signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET /version answered ${res.status}`);
  const version = parseVersionBody(body);
  if (version === '') throw new Error('GET /version answered an empty body');
  return version;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'no answer in time';
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code;
      return `${err.message} (${code ?? cause.message})`;
    }
    return err.message;
  }
  return String(err);
}
