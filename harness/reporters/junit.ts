/**
 * `junit.xml` from results.json, for CI test tabs: one <testsuite> per scenario group (the id
 * before the `/`), one <testcase> per scenario. A failed scenario is a <failure> whose message
 * is `CODE: summary` (the hint in its body), an errored one an <error>, a skipped one
 * <skipped> with its reason. Derived from results.json only, so a merged run gets the same file.
 */
import { expectationNote, failedAsExpected } from '../expected-failures.js';
import type { RunResults, ScenarioResult } from '../results.js';

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .split('')
    .filter(xmlCarries)
    .join('');
}

/** XML 1.0 cannot carry control characters other than tab, newline and carriage return. */
function xmlCarries(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function groupOf(id: string): string {
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(0, slash) : id;
}

function testcase(s: ScenarioResult): string {
  const head = `    <testcase name="${esc(s.id)}" classname="${esc(groupOf(s.id))}" time="${seconds(s.durationMs)}">`;
  const d = s.diagnosis;
  const message = d ? `${d.code}: ${d.summary}` : (s.reason ?? s.status);
  // A failure the config expects (expectedFailures) passes the CI tab; the note says why.
  const note = expectationNote(s);
  if (failedAsExpected(s)) return `${head}\n      <system-out>${esc(`${note}: ${message}`)}</system-out>\n    </testcase>`;
  switch (s.status) {
    case 'passed':
      return note ? `${head}\n      <system-out>${esc(note)}</system-out>\n    </testcase>` : `${head}</testcase>`;
    case 'skipped':
      return `${head}\n      <skipped message="${esc(s.reason ?? 'skipped')}"/>\n    </testcase>`;
    case 'failed':
      return `${head}\n      <failure message="${esc(message)}" type="${esc(d?.code ?? 'FAILED')}">${esc(d ? `${message}\nhint: ${d.hint}` : message)}</failure>\n    </testcase>`;
    case 'errored':
      return `${head}\n      <error message="${esc(message)}" type="${esc(d?.code ?? 'SCENARIO_ERROR')}">${esc(message)}</error>\n    </testcase>`;
  }
}

export function renderJunit(run: RunResults): string {
  const groups = new Map<string, ScenarioResult[]>();
  for (const s of run.scenarios) {
    const g = groupOf(s.id);
    groups.set(g, [...(groups.get(g) ?? []), s]);
  }
  const count = (list: readonly ScenarioResult[], status: ScenarioResult['status']): number => list.filter((s) => s.status === status && !failedAsExpected(s)).length;
  const attrs = (list: readonly ScenarioResult[], ms: number): string =>
    `tests="${list.length}" failures="${count(list, 'failed')}" errors="${count(list, 'errored')}" skipped="${count(list, 'skipped')}" time="${seconds(ms)}"`;
  const suites = [...groups].map(([name, list]) => {
    const ms = list.reduce((sum, s) => sum + s.durationMs, 0);
    return [`  <testsuite name="${esc(name)}" timestamp="${esc(run.startedAt)}" ${attrs(list, ms)}>`, ...list.map(testcase), '  </testsuite>'].join('\n');
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="ws-chaos" ${attrs(run.scenarios, run.durationMs)}>`, ...suites, '</testsuites>', ''].join('\n');
}
