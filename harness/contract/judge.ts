/**
 * The contract's judge: a scenario's ContractReport with violations is MESSAGE_CONTRACT_VIOLATION,
 * its summary quoting the first violation — direction, message, JSON pointer, schema rule, ajv's
 * words and a redacted excerpt — and how many more there were. Pure.
 */
import { diagnosis, type Diagnosis } from '../diagnose/codes.js';
import type { ContractReport, ContractViolation } from './check.js';

const side = (v: ContractViolation): string => (v.dir === 'in' ? 'server → client' : 'client → server');

export function describeViolation(v: ContractViolation): string {
  const what = v.message ? `"${v.message}"` : 'message';
  return `${side(v)} ${what} on ${v.connection}: ${v.pointer || '(the message)'} ${v.detail} (rule: ${v.rule}); message: ${v.excerpt}`;
}

export function judgeContract(report: ContractReport | undefined): Diagnosis | null {
  const first = report?.violations[0];
  if (!report || !first) return null;
  const types = new Set(report.violations.map((v) => v.type)).size;
  const more = report.violationCount > 1 ? ` (${report.violationCount} of ${report.checked} messages broke it, ${types} type${types === 1 ? '' : 's'})` : '';
  return diagnosis('MESSAGE_CONTRACT_VIOLATION', `${describeViolation(first)}${more}; contract: ${report.source}`);
}
