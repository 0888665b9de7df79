/**
 * Checking one scenario's connections against the contract: every text message of every
 * timeline, both directions (a message sent off the contract on purpose is left out), gives a
 * ContractReport — how many were checked, which declared message each one was (the coverage
 * counts), and every violation with its JSON pointer, schema rule and a redacted, shortened
 * excerpt of the message. The report travels in the result's `observations.contract`.
 */
import { redactString, type RedactOptions } from '../redact.js';
import type { TimelineEvent } from '../timeline.js';
import type { WireDirection } from './model.js';
import type { Contract } from './validate.js';

/** A violation quotes this much of the message. */
export const EXCERPT_CHARS = 160;
/** A report keeps this many violations whole (the count is always exact). */
export const KEPT_VIOLATIONS = 20;

export interface ContractViolation {
  connection: string;
  dir: WireDirection;
  /** The declared message it was taken for, when one was. */
  message?: string;
  /** What kind of message it was, for counting: the declared message, else its discriminator's value. */
  type: string;
  pointer: string;
  rule: string;
  detail: string;
  excerpt: string;
  /** ms on the connection's time axis. */
  t: number;
}

export interface ContractReport {
  /** The document (its path). */
  source: string;
  checked: number;
  /** Binary frames and messages sent off the contract on purpose. */
  notChecked: number;
  /** `in:welcome` / `out:chat` → how many conforming messages of that kind were seen. */
  seen: Record<string, number>;
  violationCount: number;
  violations: ContractViolation[];
}

export function excerptOf(text: string, redact: RedactOptions = {}): string {
  const clean = redactString(text, redact);
  return clean.length > EXCERPT_CHARS ? `${clean.slice(0, EXCERPT_CHARS)}…` : clean;
}

function undeclaredType(text: string, discriminator: string | undefined): string {
  try {
    const v: unknown = JSON.parse(text);
    const d = discriminator && v && typeof v === 'object' ? (v as Record<string, unknown>)[discriminator] : undefined;
    return d === undefined ? 'undeclared message' : `${discriminator} ${JSON.stringify(d)}`;
  } catch {
    return 'not JSON';
  }
}

export function checkConnections(
  contract: Contract,
  connections: ReadonlyArray<{ label: string; events: readonly TimelineEvent[] }>,
  redact: RedactOptions = {},
  dirs: ReadonlyArray<WireDirection> = ['in', 'out'],
): ContractReport {
  const report: ContractReport = { source: contract.source, checked: 0, notChecked: 0, seen: {}, violationCount: 0, violations: [] };
  for (const c of connections) {
    for (const e of c.events) {
      if (e.kind !== 'message' || !dirs.includes(e.dir)) continue;
      if (e.binary || e.offContract) {
        report.notChecked++;
        continue;
      }
      report.checked++;
      const outcome = contract.checkText(e.text, e.dir);
      if (outcome.ok === 'skipped') continue;
      if (outcome.ok) {
        const key = `${e.dir}:${outcome.message}`;
        report.seen[key] = (report.seen[key] ?? 0) + 1;
        continue;
      }
      report.violationCount++;
      if (report.violations.length < KEPT_VIOLATIONS) {
        const type = outcome.message ?? undeclaredType(e.text, contract.model.discriminator);
        report.violations.push({ connection: c.label, dir: e.dir, ...(outcome.message ? { message: outcome.message } : {}), type, ...outcome.problem, excerpt: excerptOf(e.text, redact), t: e.t });
      }
    }
  }
  return report;
}
