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
import latencyWelcome from './chaos/latency-welcome';
import latencyKeepalive from './chaos/latency-keepalive';
import jitter from './chaos/jitter';
import slicer from './chaos/slicer';
import bandwidth from './chaos/bandwidth';
import resetPeer from './chaos/reset-peer';
import halfOpen from './chaos/half-open';
import partitionRecover from './chaos/partition-recover';
import slowClose from './chaos/slow-close';
import pongLoss from './chaos/pong-loss';
import idleTimeout from './chaos/idle-timeout';

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

export const CHAOS: readonly Scenario[] = [
  latencyWelcome,
  latencyKeepalive,
  jitter,
  slicer,
  bandwidth,
  resetPeer,
  halfOpen,
  partitionRecover,
  slowClose,
  pongLoss,
  idleTimeout,
];

export const SCENARIOS: readonly Scenario[] = [...CONFORMANCE, ...CHAOS];

export function getScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
