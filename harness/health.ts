/** Reading the open-connection count from a backend's health endpoint (with the profile's health headers, e.g. a bearer token). */
import type { Profile } from './profile/schema.js';

export function pick(body: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), body);
}

export async function readHealthCount(profile: Profile, signal?: AbortSignal): Promise<number | undefined> {
  const h = profile.health;
  if (!h?.connectionsField) return undefined;
  const timeout = AbortSignal.timeout(2000);
  const res = await fetch(h.url, { headers: h.headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  if (!res.ok) return undefined;
  const value = pick(await res.json(), h.connectionsField);
  return typeof value === 'number' ? value : undefined;
}
