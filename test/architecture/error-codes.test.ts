/**
 * One error hierarchy: every WSC_ERR_* code is in harness/errors.ts with its exit code,
 * documented once in docs/architecture.md (same exit code), thrown somewhere in the product
 * code, and the Toxiproxy layer's errors are WsChaosErrors like every other.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvironmentError, ERROR_CODES, isWsChaosError, WsChaosError, type ErrorCode } from '../../harness/errors.js';
import {
  ToxiproxyBadSpecError,
  ToxiproxyBinaryNotFoundError,
  ToxiproxyContainerUnavailableError,
  ToxiproxyListenFailedError,
  ToxiproxyPortInUseError,
  ToxiproxyStartFailedError,
  ToxiproxyUnreachableError,
} from '../../harness/proxy/errors.js';
import { assertEnactable, resolvePlan } from '../../harness/client/enactors/plan.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PRODUCT_DIRS = ['harness', 'cli', 'fixtures', 'scenarios', 'mock-backend', 'client'];
const MAX_FILES = 2000;

function productSources(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (out.size >= MAX_FILES) throw new Error(`more than ${MAX_FILES} product files: raise MAX_FILES`);
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.set(relative(ROOT, path), readFileSync(path, 'utf8'));
    }
  };
  for (const d of PRODUCT_DIRS) {
    try {
      walk(join(ROOT, d));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return out;
}

function documentedCodes(): Map<string, number> {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const table = /<!-- error-codes:start -->([\s\S]*?)<!-- error-codes:end -->/.exec(doc)?.[1];
  expect(table, 'docs/architecture.md has the error-codes table').toBeDefined();
  const rows = new Map<string, number>();
  for (const m of (table ?? '').matchAll(/^\| `(WSC_ERR_[A-Z_]+)` \| ([23]) \| (.+) \|$/gm)) {
    expect(rows.has(m[1]!), `${m[1]} is documented once`).toBe(false);
    expect(m[3]!.trim().length, `${m[1]} has a meaning`).toBeGreaterThan(10);
    rows.set(m[1]!, Number(m[2]));
  }
  return rows;
}

/** Where a code is raised: `new ConfigError('CODE'` (or Environment/WsChaos), or `new X(` of a class whose constructor passes 'CODE' to super. */
function throwSites(code: ErrorCode, sources: Map<string, string>): string[] {
  const direct = new RegExp(`new (ConfigError|EnvironmentError|WsChaosError)\\(\\s*'${code}'`);
  const classes = [...sources.values()].flatMap((text) =>
    [...text.matchAll(/class (\w+) extends \w+ \{[^}]*?super\('([A-Z_]+)'/g)].filter((m) => m[2] === code).map((m) => m[1]!),
  );
  return [...sources.entries()]
    .filter(([file, text]) => file !== join('harness', 'errors.ts') && (direct.test(text) || classes.some((c) => new RegExp(`new ${c}\\(`).test(text))))
    .map(([file]) => file);
}

describe('error codes', () => {
  const sources = productSources();
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it('are documented in docs/architecture.md, each once, with its exit code, and nothing else is', () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort()).toEqual([...codes].sort());
    for (const code of codes) expect(documented.get(code), code).toBe(ERROR_CODES[code]);
  });

  it.each(codes)('%s is thrown somewhere in the product code', (code) => {
    expect(throwSites(code, sources)).not.toEqual([]);
  });

  it('every WSC_ERR_ string in the product code is a known code', () => {
    const unknown = [...sources.entries()].flatMap(([file, text]) =>
      [...text.matchAll(/'(WSC_ERR_[A-Z_]+)'/g)].map((m) => m[1]!).filter((c) => !(c in ERROR_CODES)).map((c) => `${file}: ${c}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe('one meaning per code', () => {
  it('a catalogued fault an enactor cannot play is WSC_ERR_FAULT_UNSUPPORTED, not an unknown fault', () => {
    const plan = resolvePlan(['no-protocol-pong']);
    expect(() => assertEnactable(plan, 'route', 'page.routeWebSocket')).toThrow(
      expect.objectContaining({ code: 'WSC_ERR_FAULT_UNSUPPORTED', exitCode: 2, message: expect.stringMatching(/^page\.routeWebSocket cannot play no-protocol-pong \(/) }),
    );
    expect(() => assertEnactable(plan, 'backend', 'the reference backend')).not.toThrow();
    expect(() => resolvePlan(['no-such-fault'])).toThrow(expect.objectContaining({ code: 'WSC_ERR_UNKNOWN_FAULT' }));
  });
});

describe('one hierarchy', () => {
  it('the code fixes the exit code and the kind', () => {
    const c = new ConfigError('WSC_ERR_PROFILE', 'bad profile');
    const e = new EnvironmentError('WSC_ERR_PORT_IN_USE', 'port taken');
    expect([c.exitCode, c.name, isWsChaosError(c)]).toEqual([2, 'ConfigError', true]);
    expect([e.exitCode, e.name, isWsChaosError(e)]).toEqual([3, 'EnvironmentError', true]);
    // @ts-expect-error an environment code is not a config error's
    expect(new ConfigError('WSC_ERR_PORT_IN_USE', 'x').exitCode).toBe(3);
    // @ts-expect-error a config code is not an environment error's
    expect(new EnvironmentError('WSC_ERR_USAGE', 'x').exitCode).toBe(2);
  });

  it.each([
    [new ToxiproxyBadSpecError('m'), 'WSC_ERR_TOXIPROXY_BAD_SPEC', 2, ConfigError],
    [new ToxiproxyUnreachableError('m'), 'WSC_ERR_TOXIPROXY_UNREACHABLE', 3, EnvironmentError],
    [new ToxiproxyBinaryNotFoundError('m'), 'WSC_ERR_TOXIPROXY_BINARY_NOT_FOUND', 3, EnvironmentError],
    [new ToxiproxyStartFailedError('m'), 'WSC_ERR_TOXIPROXY_START_FAILED', 3, EnvironmentError],
    [new ToxiproxyContainerUnavailableError('m'), 'WSC_ERR_TOXIPROXY_CONTAINER_UNAVAILABLE', 3, EnvironmentError],
    [new ToxiproxyPortInUseError('m', { cause: new Error('EADDRINUSE') }), 'WSC_ERR_TOXIPROXY_PORT_IN_USE', 3, EnvironmentError],
    [new ToxiproxyListenFailedError('m'), 'WSC_ERR_TOXIPROXY_LISTEN_FAILED', 3, EnvironmentError],
  ] as const)('%s is a WsChaosError (%s, exit %i)', (err, code, exitCode, kind) => {
    expect(err).toBeInstanceOf(WsChaosError);
    expect(err).toBeInstanceOf(kind);
    expect(isWsChaosError(err)).toBe(true);
    expect([err.code, err.exitCode, err.name, err.message]).toEqual([code, exitCode, err.constructor.name, 'm']);
  });

  it('keeps the cause', () => {
    const cause = new Error('EADDRINUSE');
    expect(new ToxiproxyPortInUseError('m', { cause }).cause).toBe(cause);
  });
});
