/**
 * The README's reference tables (faults, diagnosis codes, scenarios) are generated from the
 * code between <!-- name:start --> / <!-- name:end --> markers. `pnpm readme:tables` rewrites
 * them; test/readme.test.ts fails when they drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DIAGNOSES } from '../harness/diagnose/codes.js';
import { FAULTS } from '../harness/faults/catalogue.js';
import { SCENARIOS } from '../scenarios/index.js';
import { CLIENT_SCENARIOS } from '../scenarios/client/index.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|');

export function tables(): Record<string, string> {
  const faults = [
    '| fault | incident | what a client sees | diagnosis | params (default) |',
    '|---|---|---|---|---|',
    ...FAULTS.map((f) => {
      const params = Object.entries(f.params as Record<string, { default: number; description: string }>)
        .map(([k, p]) => `\`${k}=${p.default}\``)
        .join(' ');
      return `| \`${f.name}\` | ${f.incident ?? '—'} | ${esc(f.clientSees)} | \`${f.diagnosis}\` | ${params || '—'} |`;
    }),
  ];
  const codes = ['| code | meaning | hint |', '|---|---|---|', ...Object.entries(DIAGNOSES).map(([c, d]) => `| \`${c}\` | ${esc(d.meaning)} | ${esc(d.hint)} |`)];
  const scenarios = [
    '| id | what it checks | needs |',
    '|---|---|---|',
    ...[...SCENARIOS, ...CLIENT_SCENARIOS].map((s) => `| \`${s.id}\` | ${esc(s.description)} | ${s.needs.map((n) => `\`${n}\``).join(', ') || '—'} |`),
  ];
  return { faults: faults.join('\n'), codes: codes.join('\n'), scenarios: scenarios.join('\n') };
}

export function renderReadme(readme: string): string {
  let out = readme;
  for (const [name, table] of Object.entries(tables())) {
    const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`README has no <!-- ${name}:start --> ... <!-- ${name}:end --> block`);
    out = out.replace(re, (_m, start: string, end: string) => `${start}\n${table}\n${end}`);
  }
  return out;
}

if (process.argv[1]?.endsWith('readme-tables.ts')) {
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, renderReadme(readFileSync(path, 'utf8')));
  process.stdout.write('README tables rewritten\n');
}
