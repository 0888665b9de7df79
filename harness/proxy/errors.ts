/**
 * Coded errors of the Toxiproxy layer. `exitCode` follows the ws-chaos convention:
 * 2 = bad usage (the caller asked for something malformed), 3 = environment (something the
 * machine lacks or refuses: a port in use, no binary, no Docker engine, a server not answering).
 */
export type ToxiproxyErrorCode =
  | 'WSC_ERR_TOXIPROXY_BAD_SPEC'
  | 'WSC_ERR_TOXIPROXY_UNREACHABLE'
  | 'WSC_ERR_TOXIPROXY_BINARY_NOT_FOUND'
  | 'WSC_ERR_TOXIPROXY_START_FAILED'
  | 'WSC_ERR_TOXIPROXY_CONTAINER_UNAVAILABLE'
  | 'WSC_ERR_TOXIPROXY_PORT_IN_USE'
  | 'WSC_ERR_TOXIPROXY_LISTEN_FAILED';

export abstract class WscToxiproxyError extends Error {
  abstract readonly code: ToxiproxyErrorCode;
  abstract readonly exitCode: 2 | 3;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A provider spec, URL, host or port that cannot be used as given. */
export class ToxiproxyBadSpecError extends WscToxiproxyError {
  readonly code = 'WSC_ERR_TOXIPROXY_BAD_SPEC';
  readonly exitCode = 2;
}

/** An external Toxiproxy (TOXIPROXY_URL or an explicit URL) did not answer GET /version. */
export class ToxiproxyUnreachableError extends WscToxiproxyError {
  readonly code = 'WSC_ERR_TOXIPROXY_UNREACHABLE';
  readonly exitCode = 3;
}

/** No `toxiproxy-server` on PATH, or TOXIPROXY_BIN does not point at an executable file. */
export class ToxiproxyBinaryNotFoundError extends WscToxiproxyError {
  readonly code = 'WSC_ERR_TOXIPROXY_BINARY_NOT_FOUND';
  readonly exitCode = 3;
}

/** A `toxiproxy-server` process exited early or did not answer within its deadline. */
export class ToxiproxyStartFailedError extends WscToxiproxyError {
  readonly code = 'WSC_ERR_TOXIPROXY_START_FAILED';
  readonly exitCode = 3;
}

/** The container provider cannot run here (package missing, Node too old, no Docker engine). */
export class ToxiproxyContainerUnavailableError extends WscToxiproxyError {
  readonly code = 'WSC_ERR_TOXIPROXY_CONTAINER_UNAVAILABLE';
  readonly exitCode = 3;
}

/** The embedded control API could not bind because the address is taken. */
export class ToxiproxyPortInUseError extends WscToxiproxyError {
  readonly code = 'WSC_ERR_TOXIPROXY_PORT_IN_USE';
  readonly exitCode = 3;
}

/** The embedded control API could not bind for another reason (permission, unknown address). */
export class ToxiproxyListenFailedError extends WscToxiproxyError {
  readonly code = 'WSC_ERR_TOXIPROXY_LISTEN_FAILED';
  readonly exitCode = 3;
}

export function isWscToxiproxyError(err: unknown): err is WscToxiproxyError {
  return err instanceof WscToxiproxyError;
}
