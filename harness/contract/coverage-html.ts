/** The run's contract section (coverage.ts) as HTML for index.html: the summary line and the coverage table, every text escaped. */
import type { ContractSection } from './coverage.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const side = (d: 'in' | 'out'): string => (d === 'in' ? 'server → client' : 'client → server');

export function contractHtml(c: ContractSection): string {
  const rows = [
    ...c.operations.map((o) => `<tr><td><code>${esc(o.id)}</code></td><td>operation (${esc(o.action)}: ${esc(o.messages.join(', '))}${o.replies.length ? ` → ${esc(o.replies.join(', '))}` : ''})</td><td>${o.exercised ? 'exercised' : '<strong>never seen</strong>'}</td></tr>`),
    ...c.messages.map((m) => `<tr><td><code>${esc(m.name)}</code></td><td>message (${esc(m.directions.map(side).join(', '))})</td><td>${m.seen > 0 ? `${m.seen}×` : '<strong>never seen</strong>'}</td></tr>`),
  ];
  return `<section class="contract"><p class="contract-line"><strong>AsyncAPI contract</strong> <code>${esc(c.source)}</code>: ${esc(c.line)}</p>
<details><summary>coverage: which operations and message types the run exercised</summary><table><thead><tr><th>operation or message</th><th>kind</th><th>seen</th></tr></thead><tbody>${rows.join('')}</tbody></table></details></section>`;
}
