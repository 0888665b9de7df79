/**
 * What the Playwright HTML report shows for a scenario, beyond the error: annotations (the
 * report lists them at the top of the result as "type: description") for the diagnosis, the
 * hint and the observations, and the timeline picture as an image attachment (the report
 * shows `image/*` attachments inline). Added from inside the test (scenarios/backend.spec.ts).
 */
import type { ScenarioResult } from '../results.js';

export const TIMELINE_ATTACHMENT = 'timeline.svg';

export interface Annotation {
  type: string;
  description: string;
}

function show(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** `welcomeMs: 1.62 · outcome: open`: one line, long values cut. */
export function observationsLine(obs: Record<string, unknown>, max = 600): string {
  const line = Object.entries(obs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join(' · ');
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function reportAnnotations(r: ScenarioResult): Annotation[] {
  const out: Annotation[] = [];
  const d = r.diagnosis;
  if (d) {
    out.push({ type: 'diagnosis', description: `${d.code}: ${d.summary}` });
    out.push({ type: 'hint', description: d.hint });
  }
  if (Object.keys(r.observations).length) out.push({ type: 'observations', description: observationsLine(r.observations) });
  if (r.timelines.length) {
    const labels = r.timelines.length > 3 ? `${r.timelines.length} connections` : r.timelines.map((t) => t.label).join(', ');
    out.push({ type: 'timeline', description: `${labels}: see the picture under "Screenshots" below, and timelines/ beside results.json` });
  }
  return out;
}
