/**
 * The client scenario registry, in run order. Ids are public and stable.
 */
import { type ClientScenario } from '../../harness/index.js';
import reconnectLimit from './reconnect-limit.js';
import backoff from './backoff.js';
import flapBounded from './flap-bounded.js';
import fatalCloseNoRetry from './fatal-close-no-retry.js';
import answersServerPing from './answers-server-ping.js';
import detectsDeadServer from './detects-dead-server.js';
import recoversAfterOutage from './recovers-after-outage.js';
import recoversAfterLongOutage from './recovers-after-long-outage.js';
import reconnectsAfterRestart from './reconnects-after-restart.js';

export const CLIENT_SCENARIOS: readonly ClientScenario[] = [
  reconnectLimit,
  backoff,
  flapBounded,
  fatalCloseNoRetry,
  answersServerPing,
  detectsDeadServer,
  recoversAfterOutage,
  recoversAfterLongOutage,
  reconnectsAfterRestart,
];

export function getClientScenario(id: string): ClientScenario | undefined {
  return CLIENT_SCENARIOS.find((s) => s.id === id);
}
