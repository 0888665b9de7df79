/**
 * `ws-chaos/scenarios`: the built-in scenario registries for a user's own runs — the backend
 * scenarios (for `runScenario`, the fixtures' `runScenario`) and the client scenarios (for
 * `useChaosLink().run`, `runClientScenarios`). The engine (`ws-chaos`) carries no scenarios.
 */
export { CHAOS, CONFORMANCE, SCENARIOS, getScenario } from './index.js';
export { CLIENT_SCENARIOS, getClientScenario } from './client/index.js';
