/** --list and --list-faults. */
import { FAULTS } from '../../mock-backend/faults/catalogue';
import { skipReason } from '../run-scenario';
import { selectScenarios } from './select';
import { resolveTarget, type TargetOptions } from './target';

export function listScenarios(opts: TargetOptions & { grep?: string }): void {
  const { profile } = resolveTarget(opts);
  const picked = selectScenarios(opts.grep);
  const lines = picked.map((s) => {
    const skip = profile ? skipReason(s, profile) : undefined;
    return `${s.id.padEnd(36)} ${s.title}${skip ? `  (skipped: ${skip})` : ''}`;
  });
  process.stdout.write(`${lines.join('\n')}\n${picked.length} scenario(s)${profile ? ` for profile "${profile.name}"` : ' for the reference backend'}\n`);
}

export function listFaults(): void {
  const lines = FAULTS.map((f) => {
    const params = Object.entries(f.params as Record<string, { default: number }>)
      .map(([k, p]) => `${k}=${p.default}`)
      .join(' ');
    return `${f.name.padEnd(34)} ${(f.incident ? `incident ${f.incident}` : '').padEnd(13)} ${f.diagnosis.padEnd(30)} ${params}\n${' '.repeat(35)}${f.clientSees}`;
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}
