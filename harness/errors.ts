/**
 * The one hierarchy of coded errors. Every error ws-chaos raises on purpose is a WsChaosError
 * with a `WSC_ERR_*` code; the code fixes the exit code (2: bad usage or config, 3: the
 * environment cannot run the suite), so one code never means two things. A target that
 * misbehaves is never an error: it is a failed scenario. Each code's meaning is listed in
 * docs/architecture.md (test/architecture/error-codes.test.ts checks every code is documented
 * and thrown somewhere). The Toxiproxy layer's errors (harness/proxy/errors.ts) are subclasses.
 */

/** Every code and its exit code. Add a code here, in docs/architecture.md, and throw it. */
export const ERROR_CODES = {
  WSC_ERR_USAGE: 2,
  WSC_ERR_CONFIG: 2,
  WSC_ERR_PROFILE: 2,
  WSC_ERR_UNKNOWN_FAULT: 2,
  WSC_ERR_FAULT_UNSUPPORTED: 2,
  WSC_ERR_UNKNOWN_SCENARIO: 2,
  WSC_ERR_BAD_URL: 2,
  WSC_ERR_BASELINE: 2,
  WSC_ERR_TOXIPROXY_BAD_SPEC: 2,
  WSC_ERR_TARGET_UNREACHABLE: 3,
  WSC_ERR_PORT_IN_USE: 3,
  WSC_ERR_BROWSER_MISSING: 3,
  WSC_ERR_ENVIRONMENT: 3,
  WSC_ERR_TOXIPROXY_UNREACHABLE: 3,
  WSC_ERR_TOXIPROXY_BINARY_NOT_FOUND: 3,
  WSC_ERR_TOXIPROXY_START_FAILED: 3,
  WSC_ERR_TOXIPROXY_CONTAINER_UNAVAILABLE: 3,
  WSC_ERR_TOXIPROXY_PORT_IN_USE: 3,
  WSC_ERR_TOXIPROXY_LISTEN_FAILED: 3,
} as const satisfies Record<`WSC_ERR_${string}`, 2 | 3>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ExitCode = (typeof ERROR_CODES)[ErrorCode];
/** The codes of bad usage or config (exit 2). */
export type ConfigErrorCode = { [C in ErrorCode]: (typeof ERROR_CODES)[C] extends 2 ? C : never }[ErrorCode];
/** The codes of an environment that cannot run the suite (exit 3). */
export type EnvironmentErrorCode = { [C in ErrorCode]: (typeof ERROR_CODES)[C] extends 3 ? C : never }[ErrorCode];

export class WsChaosError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = ERROR_CODES[code];
  }
}

/** Bad input from the user: a flag, config file, profile, URL or name. Exit code 2. */
export class ConfigError extends WsChaosError {
  declare readonly code: ConfigErrorCode;
  constructor(code: ConfigErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** The environment cannot run the suite: target unreachable, port in use, browser missing. Exit 3. */
export class EnvironmentError extends WsChaosError {
  declare readonly code: EnvironmentErrorCode;
  constructor(code: EnvironmentErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export const isWsChaosError = (e: unknown): e is WsChaosError => e instanceof WsChaosError;
