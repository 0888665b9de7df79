/**
 * The scenario registry, in run order. Ids are public and stable.
 */
import type { BackendScenario } from '../harness/index.js';
import handshake from './conformance/handshake.js';
import authRejected from './conformance/auth-rejected.js';
import welcomeTiming from './conformance/welcome-timing.js';
import staysOpen from './conformance/stays-open.js';
import appPingPong from './conformance/app-ping-pong.js';
import protocolPingPong from './conformance/protocol-ping-pong.js';
import serverKeepalive from './conformance/server-keepalive.js';
import deadClientDetected from './conformance/dead-client-detected.js';
import cleanClose from './conformance/clean-close.js';
import closeCodes from './conformance/close-codes.js';
import reconnectStorm from './conformance/reconnect-storm.js';
import messageRoundtrip from './conformance/message-roundtrip.js';
import unexpectedInput from './conformance/unexpected-input.js';
import latencyWelcome from './chaos/latency-welcome.js';
import latencyKeepalive from './chaos/latency-keepalive.js';
import jitter from './chaos/jitter.js';
import slicer from './chaos/slicer.js';
import bandwidth from './chaos/bandwidth.js';
import resetPeer from './chaos/reset-peer.js';
import halfOpen from './chaos/half-open.js';
import partitionRecover from './chaos/partition-recover.js';
import slowClose from './chaos/slow-close.js';
import pongLoss from './chaos/pong-loss.js';
import idleTimeout from './chaos/idle-timeout.js';

export const CONFORMANCE: readonly BackendScenario[] = [
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
  unexpectedInput,
];

export const CHAOS: readonly BackendScenario[] = [
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

export const SCENARIOS: readonly BackendScenario[] = [...CONFORMANCE, ...CHAOS];

export function getScenario(id: string): BackendScenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
