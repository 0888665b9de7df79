/**
 * --list and --list-faults. With a client profile (--client profile.json), --list validates it
 * (a bad profile is exit 2, as for a run) and says which client scenarios it would skip, and why.
 * With --shard i/n (or `-- --shard i/n`), it lists the slice that shard would run: the run's split
 * (cli/shard.ts shardSlice), and a last line "shard i/n: N of M scenarios".
 */
import { loadClientProfile } from '../harness/client/profile.js';
import { referenceClientProfile } from '../harness/client/reference-profile.js';
import { clientSkipReason } from '../harness/client/run-client-scenario.js';
import { ConfigError } from '../harness/errors.js';
import { describeCannotPlay, FAULTS } from '../harness/faults/catalogue.js';
import { skipReason } from '../harness/run-scenario.js';
import { selectClientForRun, selectForRun, type SelectionOptions } from './select.js';
import { extractShard, formatShard, shardSlice, type Shard } from './shard.js';
import { resolveTarget, type TargetOptions } from './target.js';

export function listScenarios(opts: TargetOptions & SelectionOptions & { client?: string | boolean; shard?: Shard }, passThrough: readonly string[] = []): void {
  // Of the arguments after --, only a shard changes what a run would run (--reporter is a run's concern).
  const shardArgs = passThrough.filter((a, i) => a === '--shard' || a.startsWith('--shard=') || passThrough[i - 1] === '--shard');
  const { shard } = extractShard(shardArgs, opts.shard);
  if (shard && opts.client !== undefined) {
    throw new ConfigError('WSC_ERR_USAGE', '--shard splits the backend scenarios; client runs (--client) are not sharded: drop --shard to list the client scenarios.');
  }
  if (opts.client !== undefined) {
    // The profile is loaded (and validated) before anything is listed, as a run would.
    const profile = typeof opts.client === 'string' ? loadClientProfile(opts.client) : referenceClientProfile();
    const picked = selectClientForRun(opts);
    const lines = picked.map((s) => {
      const skip = clientSkipReason(s, profile);
      const exp = opts.expectedFailures?.[s.id] ? `  (expected to fail: ${opts.expectedFailures[s.id]})` : '';
      return `${s.id.padEnd(36)} ${s.title}${skip ? `  (skipped: ${skip})` : ''}${exp}`;
    });
    const skipped = picked.filter((s) => clientSkipReason(s, profile) !== undefined).length;
    const whose = typeof opts.client === 'string' ? `client profile "${profile.name}"` : 'the reference client';
    process.stdout.write(`${lines.join('\n')}\n${picked.length} client scenario(s) for ${whose}${skipped ? `, ${skipped} skipped` : ''}\n`);
    return;
  }
  const { profile } = resolveTarget(opts);
  // Built-ins and the user's own (config scenarioFiles), by --grep or the config's `scenarios`.
  const selected = selectForRun(opts);
  const picked = shard ? shardSlice(selected, shard) : selected;
  const expected = opts.expectedFailures ?? {};
  // Every run gets a Toxiproxy (embedded at worst), so only profile parts decide skips here.
  const anyProxy = { provider: 'auto', version: '', url: '' };
  const lines = picked.map((s) => {
    const skip = profile ? skipReason(s, profile, anyProxy) : undefined;
    const exp = expected[s.id] ? `  (expected to fail: ${expected[s.id]})` : '';
    return `${s.id.padEnd(36)} ${s.title}${skip ? `  (skipped: ${skip})` : ''}${exp}`;
  });
  const whose = profile ? ` for profile "${profile.name}"` : ' for the reference backend';
  const count = shard ? `shard ${formatShard(shard)}: ${picked.length} of ${selected.length} scenarios${whose}` : `${picked.length} scenario(s)${whose}`;
  process.stdout.write(`${lines.length ? `${lines.join('\n')}\n` : ''}${count}\n`);
}

export function listFaults(): void {
  const lines = FAULTS.map((f) => {
    const params = Object.entries(f.params as Record<string, { default: number }>)
      .map(([k, p]) => `${k}=${p.default}`)
      .join(' ');
    const unplayable = describeCannotPlay(f);
    return `${f.name.padEnd(34)} ${(f.incident ? `incident ${f.incident}` : '').padEnd(13)} ${f.diagnosis.padEnd(30)} ${params}\n${' '.repeat(35)}${f.clientSees}${unplayable ? `\n${' '.repeat(35)}${unplayable}` : ''}`;
  });
  process.stdout.write(`${lines.join('\n')}\n`);
}
