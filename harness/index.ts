/**
 * The public API of ws-chaos (`import ... from 'ws-chaos'`): what a user's config, a user's
 * scenarios and the built-in scenarios may import. Everything else in harness/ is internal.
 */
export { defineScenario, fail, pass, SkipScenario, SCENARIO_ID, DIAGNOSIS_CODE } from './scenario.js';
export type { BackendScenario, BegunPlan, ClientRequirement, ClientScenario, ClientScenarioContext, ConnectOptions, NeededClientProfile, NeededPolicy, NeededProfile, Requirement, Scenario, ScenarioContext, ScenarioGroup, Verdict } from './scenario.js';
export { invalidAuthName, invalidAuthVariantsOf, keepaliveName, keepalivesOf, type InvalidAuth, type Keepalive, type Profile, type ProfileInput, type ProfilePart } from './profile/schema.js';
export type { ClientProfile, ClientProfileInput, ClientProfilePart } from './client/profile.js';
export { expectedDelayMs, firstCappedRetry, maxDelayMs, retryWindowMs, type ClientPolicy } from './client/policy.js';
export { RECOMMENDED_POLICY, recommendedNote, recommendedNoteFor, withNote, type RecommendedPart } from './client/recommended.js';
export { diagnosis, type AnyDiagnosisCode, type Diagnosis, type DiagnosisCode } from './diagnose/codes.js';
export { diagnoseConnection, diagnoseHandshake, gapBounds, welcomeEvent } from './diagnose/connection.js';
export * from './diagnose/judges/index.js';
export { formatMs, CONNECTION_MS, DURATION_MS, POLICY_MS, SECONDS, SUMMARY_MS, TIMELINE_MS, WHOLE_MS, type MsFormat } from './diagnose/format.js';
export { prefixSummary } from './diagnose/codes.js';
export { judgeAttemptLimit, judgeBackoff, judgeDeadServer, judgeFatalClose, judgeRecovery, judgeServerPings, wireDelays, type AttemptSummary } from './diagnose/client.js';
export { describeClose, isValidWireCloseCode } from './close-codes.js';
export { isReplyTo, matches, parseJson, tagged, textMatches } from './match.js';
export type { Probe } from './probe.js';
export type { ChaosTools, TargetProxy } from './chaos.js';
export { all, first, type EventOf, type TimelineEvent } from './timeline.js';
export type { RunResults, RunResults as ResultsFile, ScenarioResult, ScenarioStatus, Totals } from './results.js';
export { RESULTS_SCHEMA } from './results.js';
export { mergeShardResults, type ShardInput } from './reporters/merge.js';
export { renderJunit } from './reporters/junit.js';
export { defineConfig, type WsChaosConfig } from './config/define.js';
export type { ScenarioSelection } from './config/schema.js';
export type { Expectation, ExpectedFailures, ExpectedOutcome } from './expected-failures.js';
export { now } from './clock.js';
export { ConfigError, EnvironmentError } from './errors.js';
export { ERROR_CODES, isWsChaosError, WsChaosError, type ErrorCode } from './errors.js';
export { profileSchema } from './profile/schema.js';
export { authMessageFor, greet, negotiationProblem, refuseMessageAuth, runHandshake } from './profile/handshake.js';
export { redactString } from './redact.js';
export type { Closer } from './timeline.js';
export { scaledPolicy } from './client/policy.js';
export type { ClientEnactor, EnactorKind, PlayedPlan, ServerPlan } from './client/enactors/enactor.js';
export { AttemptLog, AttemptRecorder, guardHandler } from './client/enactors/recorder.js';
export { runScenario, skipReason, type RunScenarioOptions } from './run-scenario.js';
export { runClientScenario, clientSkipReason, type ClientFactory, type RunClientScenarioOptions } from './client/run-client-scenario.js';
export { loadContract, contractFromText, type Contract, type CheckOutcome } from './contract/validate.js';
export { clientShapes, searchBadInput, type Generated, type ShapeSet } from './contract/fuzz.js';
export type { ContractReport, ContractViolation } from './contract/check.js';
export { loadProfile, parseProfile } from './profile/load.js';
export { loadClientProfile } from './client/profile.js';
export { runClientScenarios, type RunClientScenariosOptions } from './client/run-client-scenarios.js';
