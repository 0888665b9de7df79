/**
 * `--shard <i/n>`: run one slice of the selected scenarios (Playwright's own sharding, one
 * scenario per shard unit). The flag is ws-chaos's; the same option after `--` is taken out of
 * the pass-through and mapped onto it, so both spellings are validated alike (exit 2 with the fix).
 * `--reporter` after `--` is refused: it would replace ws-chaos's reporters, and a run (or a
 * shard) would end without the results.json that `ws-chaos merge` joins.
 */
import { ConfigError } from '../harness/errors.js';

export interface Shard {
  current: number;
  total: number;
}

/** `2/3` → {current: 2, total: 3}; anything else is a usage error that says how to write it. */
export function parseShard(value: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const current = m ? Number(m[1]) : NaN;
  const total = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(current) || !Number.isSafeInteger(total) || total < 1 || current < 1 || current > total) {
    throw new ConfigError(
      'WSC_ERR_USAGE',
      `--shard must be <current>/<total> with 1 <= current <= total (got "${value}"): for three CI machines run --shard 1/3, --shard 2/3 and --shard 3/3.`,
    );
  }
  return { current, total };
}

/**
 * Take `--shard x` / `--shard=x` out of the arguments after `--`. Returns the remaining
 * arguments and the shard they named (refused when it contradicts ws-chaos's own `--shard`).
 */
export function extractShard(passThrough: readonly string[], own: Shard | undefined): { rest: string[]; shard: Shard | undefined } {
  const rest: string[] = [];
  let shard = own;
  for (let i = 0; i < passThrough.length; i++) {
    const arg = passThrough[i]!;
    let value: string | undefined;
    if (arg === '--shard') {
      value = passThrough[i + 1];
      if (value === undefined) throw new ConfigError('WSC_ERR_USAGE', '--shard after -- has no value: write --shard <current>/<total>, e.g. --shard 1/2.');
      i++;
    } else if (arg.startsWith('--shard=')) {
      value = arg.slice('--shard='.length);
    } else {
      if (arg === '--reporter' || arg.startsWith('--reporter=')) {
        throw new ConfigError(
          'WSC_ERR_USAGE',
          `${arg.split('=')[0]} after -- would replace ws-chaos's reporters, and the run would write no results.json: drop it. Every run writes results.json, junit.xml, summary.md and html/; with --shard i/n it also writes a blob report (blob/), and \`ws-chaos merge\` joins the shards.`,
        );
      }
      rest.push(arg);
      continue;
    }
    const parsed = parseShard(value);
    if (shard && (shard.current !== parsed.current || shard.total !== parsed.total)) {
      throw new ConfigError('WSC_ERR_USAGE', `two different shards: --shard ${formatShard(shard)} and --shard ${formatShard(parsed)}; give --shard once.`);
    }
    shard = parsed;
  }
  return { rest, shard };
}

/**
 * The scenarios shard `shard` runs out of `picked` (in run order): Playwright's own split
 * (playwright/lib/runner, filterForShard) with one scenario per shard unit and equal weights —
 * each shard gets floor(n/total), the first n % total shards one more. `--list --shard` shows
 * this slice, so it must stay the runner's.
 */
export function shardSlice<T>(picked: readonly T[], shard: Shard): T[] {
  const size = Math.floor(picked.length / shard.total);
  const extra = picked.length - size * shard.total;
  const before = shard.current - 1;
  const from = size * before + Math.min(extra, before);
  return picked.slice(from, from + size + (before < extra ? 1 : 0));
}

export function formatShard(shard: Shard): string {
  return `${shard.current}/${shard.total}`;
}
