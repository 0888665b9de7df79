/**
 * The detection matrix's profile: the reference profile with every budget compressed, so a
 * failing scenario costs hundreds of ms, not seconds — while the timing classes a diagnosis
 * tells apart stay far apart (immediate ≤ 50 ms vs faults at 150 ms vs budgets of 500 ms) even
 * when the suite runs next to browser tests on two busy cores.
 */
import type { Profile } from '../../harness/profile/schema';

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
    timeouts: { handshakeMs: 2000, immediateDisconnectMs: 50, closeMs: 500 },
  };
}
