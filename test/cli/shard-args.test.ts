/**
 * `--shard` as ws-chaos parses it: `i/n` validated with the fix in the message (exit 2), the
 * same option after `--` mapped onto ws-chaos's flag, and `--reporter` after `--` refused
 * (it would replace the reporters that write results.json).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { extractShard, parseShard } from '../../cli/shard.js';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).exitCode).toBe(2);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('parseShard', () => {
  it('reads current/total', () => {
    expect(parseShard('2/3')).toEqual({ current: 2, total: 3 });
    expect(parseShard(' 1 / 1 ')).toEqual({ current: 1, total: 1 });
  });

  it.each(['0/2', '3/2', '1/0', '2', 'a/b', '1/2/3', '-1/2', '1.5/2', ''])('refuses %j with how to write it', (value) => {
    expect(refusal(() => parseShard(value))).toMatch(/--shard must be <current>\/<total> with 1 <= current <= total .*--shard 1\/3, --shard 2\/3 and --shard 3\/3/);
  });
});

describe('extractShard', () => {
  it('maps --shard after -- (both spellings) onto the shard and keeps the other arguments in order', () => {
    expect(extractShard(['--max-failures', '1', '--shard', '2/3', '--trace', 'on'], undefined)).toEqual({ rest: ['--max-failures', '1', '--trace', 'on'], shard: { current: 2, total: 3 } });
    expect(extractShard(['--shard=1/2'], undefined)).toEqual({ rest: [], shard: { current: 1, total: 2 } });
    expect(extractShard(['--workers', '1'], { current: 1, total: 2 })).toEqual({ rest: ['--workers', '1'], shard: { current: 1, total: 2 } });
    expect(extractShard(['--shard', '1/2'], { current: 1, total: 2 }).shard).toEqual({ current: 1, total: 2 });
  });

  it('validates the pass-through spelling like the flag, and refuses two different shards', () => {
    expect(refusal(() => extractShard(['--shard=x'], undefined))).toMatch(/got "x"/);
    expect(refusal(() => extractShard(['--shard'], undefined))).toMatch(/--shard after -- has no value/);
    expect(refusal(() => extractShard(['--shard', '2/2'], { current: 1, total: 2 }))).toMatch(/two different shards: --shard 1\/2 and --shard 2\/2/);
  });

  it('refuses --reporter after -- (no results.json would be written), naming what ws-chaos writes instead', () => {
    for (const args of [['--reporter=blob'], ['--reporter', 'list']]) {
      expect(refusal(() => extractShard(args, undefined))).toMatch(/--reporter after -- would replace ws-chaos's reporters.*blob report/);
    }
  });
});
