/**
 * Coded errors of the Toxiproxy layer: named subclasses of the one hierarchy in harness/errors.ts
 * (a bad spec is a ConfigError, exit 2; everything the machine lacks or refuses is an
 * EnvironmentError, exit 3), so the CLI checks one kind of error and the codes live in one list.
 */
import { ConfigError, EnvironmentError } from '../errors.js';

type Options = { cause?: unknown };

/** A provider spec, URL, host or port that cannot be used as given. */
export class ToxiproxyBadSpecError extends ConfigError {
  constructor(message: string, options?: Options) {
    super('WSC_ERR_TOXIPROXY_BAD_SPEC', message, options);
  }
}

/** An external Toxiproxy (TOXIPROXY_URL or an explicit URL) did not answer GET /version. */
export class ToxiproxyUnreachableError extends EnvironmentError {
  constructor(message: string, options?: Options) {
    super('WSC_ERR_TOXIPROXY_UNREACHABLE', message, options);
  }
}

/** No `toxiproxy-server` on PATH, or TOXIPROXY_BIN does not point at an executable file. */
export class ToxiproxyBinaryNotFoundError extends EnvironmentError {
  constructor(message: string, options?: Options) {
    super('WSC_ERR_TOXIPROXY_BINARY_NOT_FOUND', message, options);
  }
}

/** A `toxiproxy-server` process exited early or did not answer within its deadline. */
export class ToxiproxyStartFailedError extends EnvironmentError {
  constructor(message: string, options?: Options) {
    super('WSC_ERR_TOXIPROXY_START_FAILED', message, options);
  }
}

/** The container provider cannot run here (package missing, Node too old, no Docker engine). */
export class ToxiproxyContainerUnavailableError extends EnvironmentError {
  constructor(message: string, options?: Options) {
    super('WSC_ERR_TOXIPROXY_CONTAINER_UNAVAILABLE', message, options);
  }
}

/** The embedded control API could not bind because the address is taken. */
export class ToxiproxyPortInUseError extends EnvironmentError {
  constructor(message: string, options?: Options) {
    super('WSC_ERR_TOXIPROXY_PORT_IN_USE', message, options);
  }
}

/** The embedded control API could not bind for another reason (permission, unknown address). */
export class ToxiproxyListenFailedError extends EnvironmentError {
  constructor(message: string, options?: Options) {
    super('WSC_ERR_TOXIPROXY_LISTEN_FAILED', message, options);
  }
}
