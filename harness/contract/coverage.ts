/**
 * The run's contract section (results.json `contract`, additive): from every scenario's
 * `observations.contract`, how many messages were checked and how many of how many types broke
 * the contract (the run summary line), and the coverage table — each operation and each message
 * type of the document, exercised or never seen in the run. Rendered in summary.md and
 * index.html from this section only.
 */
import type { ScenarioResult } from '../results.js';
import type { ContractReport } from './check.js';
import type { Contract } from './validate.js';
import type { ContractSection } from './section.js';

export type { ContractSection } from './section.js';


const reportOf = (r: ScenarioResult): ContractReport | undefined => {
  const c = (r.observations as { contract?: unknown }).contract;
  return c && typeof c === 'object' && 'checked' in c ? (c as ContractReport) : undefined;
};

export function contractLine(violations: number, types: number, checked: number): string {
  if (violations === 0) return `all ${checked} message${checked === 1 ? '' : 's'} kept the contract`;
  return `${violations} message${violations === 1 ? '' : 's'} of ${types} type${types === 1 ? '' : 's'} broke the contract`;
}

export function contractSection(scenarios: readonly ScenarioResult[], contract: Contract): ContractSection {
  const seen = new Map<string, number>();
  const types = new Set<string>();
  let checked = 0;
  let violations = 0;
  for (const r of scenarios) {
    const report = reportOf(r);
    if (!report) continue;
    checked += report.checked;
    violations += report.violationCount;
    for (const [key, n] of Object.entries(report.seen)) seen.set(key, (seen.get(key) ?? 0) + n);
    for (const v of report.violations) types.add(v.type);
  }
  const count = (name: string, dir: 'in' | 'out'): number => seen.get(`${dir}:${name}`) ?? 0;
  const messages = contract.model.messages.map((m) => ({ name: m.name, directions: [...m.directions].sort(), seen: [...m.directions].reduce((n, d) => n + count(m.name, d), 0) }));
  const seenName = (name: string): boolean => (messages.find((m) => m.name === name)?.seen ?? 0) > 0;
  const operations = contract.model.operations.map((op) => ({
    id: op.id,
    action: op.action,
    exercised: op.messages.some((m) => seenName(m.name)),
    messages: op.messages.map((m) => m.name),
    replies: op.replies.map((m) => m.name),
  }));
  return { source: contract.source, checked, violations, violatingTypes: types.size, line: contractLine(violations, types.size, checked), messages, operations };
}

/** The section as Markdown: the line, then the coverage table. */
export function contractMarkdown(c: ContractSection): string[] {
  const never = c.messages.filter((m) => m.seen === 0).length + c.operations.filter((o) => !o.exercised).length;
  const lines = [`**AsyncAPI contract** \`${c.source}\`: ${c.line}${never ? `; ${never} operation(s)/message type(s) never seen` : ''}.`, '', '| operation or message | kind | seen |', '|---|---|---|'];
  for (const o of c.operations) lines.push(`| \`${o.id}\` | operation (${o.action}: ${o.messages.join(', ')}${o.replies.length ? ` → ${o.replies.join(', ')}` : ''}) | ${o.exercised ? 'exercised' : '**never seen**'} |`);
  for (const m of c.messages) lines.push(`| \`${m.name}\` | message (${m.directions.map((d) => (d === 'in' ? 'server → client' : 'client → server')).join(', ')}) | ${m.seen > 0 ? `${m.seen}×` : '**never seen**'} |`);
  return lines;
}
