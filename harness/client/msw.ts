/**
 * `ws-chaos/msw`: the fault catalogue for a client module in your own vitest suite, through
 * msw's `ws.link`. `useChaosLink({ url, profile, hooks })` does the whole msw set-up and
 * tear-down (chaos-link.ts); `createChaosLink(url, profile)` is the link underneath
 * (msw-link.ts); `runClientScenario` runs a client scenario against it.
 */
export { createChaosLink, installWebSocketGlobal, mswWebSocketProblem, requireWebSocketGlobal, type MswEnactor } from './msw-link.js';
export { useChaosLink, type ChaosLink, type ChaosLinkOptions } from './chaos-link.js';
export { defineClientUnderTest, type ClientUnderTest } from './subject.js';
export { runClientScenario, type ClientFactory } from './run-client-scenario.js';
export { parseClientProfile, type ClientProfile, type ClientProfileInput } from './profile.js';
