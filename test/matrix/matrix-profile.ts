/**
 * The detection matrix's profile: the reference profile with every budget compressed, so a
 * failing scenario costs hundreds of ms, not seconds — while the timing classes a diagnosis
 * tells apart stay far apart (immediate ≤ 100 ms vs faults at 300 ms vs budgets of 500 ms) even
 * when the suite runs next to browser tests on two busy cores: the probe and the backend share
 * a process here, and a FIN that arrives one event-loop turn after the 101 was measured up to
 * 83 ms late under that load.
 */
import type { Profile } from '../../harness/profile/schema.js';

/**
 * A short interval keeps keepalive scenarios fast; a long pong timeout keeps a busy machine's
 * event-loop stalls (hundreds of ms when browser tests run beside) from looking like dead peers.
 */
export const MATRIX_KEEPALIVE = { intervalMs: 250, timeoutMs: 1000 };

export function matrixProfile(p: Profile): Profile {
  return {
    ...p,
    welcome: { ...p.welcome!, budgetMs: 500 },
    appPing: { ...p.appPing!, budgetMs: 500 },
    protocolPing: { budgetMs: 500 },
    keepalive: { ...p.keepalive!, ...MATRIX_KEEPALIVE, toleranceMs: 1000 },
    request: { ...p.request!, budgetMs: 500 },
    health: { ...p.health!, settleMs: 1000 },
    stayOpenMs: 500,
    reconnectCycles: 10,
    idleTimeoutMs: 480,
    timeouts: { handshakeMs: 2000, immediateDisconnectMs: 100, closeMs: 500 },
  };
}
