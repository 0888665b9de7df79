/**
 * Coded errors. Config errors exit 2, environment errors exit 3; a target that misbehaves is
 * never an error: it is a failed scenario.
 */
export type ErrorCode =
  | 'WSC_ERR_USAGE'
  | 'WSC_ERR_PROFILE'
  | 'WSC_ERR_UNKNOWN_FAULT'
  | 'WSC_ERR_UNKNOWN_SCENARIO'
  | 'WSC_ERR_BAD_URL'
  | 'WSC_ERR_BASELINE'
  | 'WSC_ERR_TARGET_UNREACHABLE'
  | 'WSC_ERR_PORT_IN_USE'
  | 'WSC_ERR_BROWSER_MISSING'
  | 'WSC_ERR_ENVIRONMENT';

export class WsChaosError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: 2 | 3;
  constructor(code: ErrorCode, message: string, exitCode: 2 | 3) {
    super(message);
    this.name = 'WsChaosError';
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad input from the user: a flag, profile, URL or name. Exit code 2. */
export class ConfigError extends WsChaosError {
  constructor(code: ErrorCode, message: string) {
    super(code, message, 2);
    this.name = 'ConfigError';
  }
}

/** The environment cannot run the suite: target unreachable, port in use, browser missing. Exit 3. */
export class EnvironmentError extends WsChaosError {
  constructor(code: ErrorCode, message: string) {
    super(code, message, 3);
    this.name = 'EnvironmentError';
  }
}

export const isWsChaosError = (e: unknown): e is WsChaosError => e instanceof WsChaosError;
