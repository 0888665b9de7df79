/**
 * Turning --target / --profile / --fault into a profile and a target, with every bad input
 * reported as a ConfigError (exit 2) and an unreachable target as an EnvironmentError (exit 3).
 */
import net from 'node:net';
import { ConfigError, EnvironmentError } from '../harness/errors.js';
import { loadProfile, parseProfile } from '../harness/profile/load.js';
import type { Profile } from '../harness/profile/schema.js';
import { parseFaultList, type ActiveFault } from '../harness/faults/spec.js';
import { ToxiproxyBadSpecError } from '../harness/proxy/errors.js';
import { normaliseUrl } from '../harness/proxy/providers.js';
import { parseTargetUrl, type TargetUrl } from '../harness/target-url.js';

export interface TargetOptions {
  target?: string;
  profile?: string;
  /** The config file's inline profile (config `profile` as an object); `profileSource` names the file. */
  profileInline?: Record<string, unknown>;
  profileSource?: string;
  fault?: string;
}

export interface ResolvedTarget {
  /** The external target's profile; undefined means the reference backend. */
  profile?: Profile;
  /** The profile's URL, parsed once here (present with `profile`). */
  url?: TargetUrl;
  faults: ActiveFault[];
}

/** A ws:// or wss:// URL, else a ConfigError (WSC_ERR_BAD_URL) naming `flag`: harness/target-url.ts's one rule. */
export function checkWsUrl(url: string, flag: string): TargetUrl {
  return parseTargetUrl(url, flag);
}

export function resolveTarget(o: TargetOptions): ResolvedTarget {
  const faults = o.fault ? parseFaultList(o.fault) : [];
  if (o.fault && (o.target || o.profile || o.profileInline)) {
    throw new ConfigError(
      'WSC_ERR_USAGE',
      '--fault makes the built-in reference backend misbehave; it cannot be combined with --target or --profile. To fault a separately started reference backend, switch faults through its admin endpoint (see README).',
    );
  }
  if (o.target) checkWsUrl(o.target, '--target');
  if (!o.target && !o.profile && !o.profileInline) return { faults };
  let profile: Profile;
  if (o.profileInline) {
    profile = parseProfile(o.profileInline, process.env, `in ${o.profileSource ?? 'the config file'}`);
    if (o.target) profile = { ...profile, url: o.target };
  } else if (o.profile) {
    profile = loadProfile(o.profile);
    if (o.target) profile = { ...profile, url: o.target };
  } else {
    profile = parseProfile({ name: 'target', url: o.target }, process.env, '--target');
  }
  const url = checkWsUrl(profile.url, o.target ? '--target' : 'profile.url');
  return { profile, url, faults };
}

/** TCP-connect to the URL's host and port, bounded; EnvironmentError when it fails. `what` names it. */
export function checkReachable(url: string | TargetUrl, what = 'target', timeoutMs = 3000): Promise<void> {
  const { host, port } = typeof url === 'string' ? httpEndpoint(url) : { host: url.hostname, port: url.port };
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const done = (err?: Error & { code?: string }): void => {
      clearTimeout(timer);
      socket.destroy();
      if (!err) return resolve();
      reject(
        new EnvironmentError(
          'WSC_ERR_TARGET_UNREACHABLE',
          what === 'target'
            ? `cannot reach the target at ${host}:${port} (${err.code ?? err.message}): is the backend running, and is --target right?`
            : `cannot reach the ${what} at ${host}:${port} (${err.code ?? err.message}): is the page served, and is the URL right?`,
        ),
      );
    };
    const timer = setTimeout(() => done(Object.assign(new Error('timeout'), { code: `no answer in ${timeoutMs} ms` })), timeoutMs);
    socket.once('connect', () => done());
    socket.once('error', done);
  });
}

/** A page URL's host (IPv6 without brackets) and port (explicit, or the scheme's default). */
function httpEndpoint(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || (u.protocol === 'https:' || u.protocol === 'wss:' ? 443 : 80)) };
}

const TOXIPROXY_PROVIDERS = ['auto', 'embedded', 'binary', 'container'];

/**
 * `--toxiproxy`: checked before the run (exit 2), since the runner's worker fixture starts the
 * Toxiproxy; whether that provider can start here (Docker, a binary) the fixture finds (exit 3).
 */
export function checkToxiproxySpec(spec: string): void {
  if (TOXIPROXY_PROVIDERS.includes(spec) || normaliseUrl(spec) !== null) return;
  throw new ToxiproxyBadSpecError(`unknown Toxiproxy provider "${spec}": use auto, embedded, binary, container or a URL such as http://127.0.0.1:8474`);
}
