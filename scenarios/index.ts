/**
 * The scenario registry, in run order. Ids are public and stable.
 */
import type { Scenario } from '../harness/scenario';
import handshake from './conformance/handshake';
import authRejected from './conformance/auth-rejected';
import welcomeTiming from './conformance/welcome-timing';
import staysOpen from './conformance/stays-open';
import appPingPong from './conformance/app-ping-pong';
import protocolPingPong from './conformance/protocol-ping-pong';
import serverKeepalive from './conformance/server-keepalive';
import deadClientDetected from './conformance/dead-client-detected';
import cleanClose from './conformance/clean-close';
import closeCodes from './conformance/close-codes';
import reconnectStorm from './conformance/reconnect-storm';
import messageRoundtrip from './conformance/message-roundtrip';

export const CONFORMANCE: readonly Scenario[] = [
  handshake,
  authRejected,
  welcomeTiming,
  staysOpen,
  appPingPong,
  protocolPingPong,
  serverKeepalive,
  deadClientDetected,
  cleanClose,
  closeCodes,
  reconnectStorm,
  messageRoundtrip,
];

export const SCENARIOS: readonly Scenario[] = [...CONFORMANCE];

export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
