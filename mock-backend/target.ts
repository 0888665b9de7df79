/**
 * The built-in target: the reference backend on 127.0.0.1 (port 0 unless asked), with
 * compressed keepalive timings, and the profile that describes it.
 */
import { invalidTokens, signToken } from './auth.js';
import { startReferenceBackend, type BackendOptions, type RunningBackend } from './server.js';
import type { FaultSpecInput } from '../harness/faults/spec.js';
import { COMPRESSED_KEEPALIVE, referenceProfile, type ReferenceProfileOptions } from './profile.js';
import type { Profile } from '../harness/index.js';

export interface ReferenceTarget {
  backend: RunningBackend;
  profile: Profile;
  close(): Promise<void>;
}

export interface ReferenceTargetOptions extends Partial<Omit<ReferenceProfileOptions, 'wsUrl' | 'healthUrl' | 'token'>> {
  faults?: FaultSpecInput[];
  port?: number;
  logLevel?: string;
  /** Backend settings that differ from what the profile promises (a stricter pong timeout, a cap...). */
  backend?: Omit<BackendOptions, 'faults' | 'port' | 'logLevel'>;
}

export async function startReferenceTarget(o: ReferenceTargetOptions = {}): Promise<ReferenceTarget> {
  const keepalive = { ...COMPRESSED_KEEPALIVE, ...o.keepalive };
  const backend = await startReferenceBackend({
    ...o.backend,
    faults: o.faults,
    port: o.port,
    logLevel: o.logLevel,
    keepalive: { ...keepalive, ...o.backend?.keepalive },
  });
  const token = await signToken(backend.config.jwtSecret, 'ws-chaos-probe');
  const profile = referenceProfile({ invalidTokens: await invalidTokens(backend.config.jwtSecret), ...o, wsUrl: backend.wsUrl, healthUrl: backend.healthUrl, token, keepalive });
  return { backend, profile, close: () => backend.close() };
}
