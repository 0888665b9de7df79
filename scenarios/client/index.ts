/**
 * The client scenario registry, in run order. Ids are public and stable.
 */
import type { ClientScenario } from '../../harness/client/scenario';
import reconnectLimit from './reconnect-limit';
import backoff from './backoff';
import flapBounded from './flap-bounded';
import fatalCloseNoRetry from './fatal-close-no-retry';
import answersServerPing from './answers-server-ping';
import detectsDeadServer from './detects-dead-server';
import recoversAfterOutage from './recovers-after-outage';

export const CLIENT_SCENARIOS: readonly ClientScenario[] = [
  reconnectLimit,
  backoff,
  flapBounded,
  fatalCloseNoRetry,
  answersServerPing,
  detectsDeadServer,
  recoversAfterOutage,
];

export function getClientScenario(id: string): ClientScenario | undefined {
  return CLIENT_SCENARIOS.find((s) => s.id === id);
}
