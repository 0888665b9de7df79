/**
 * The client part of the one run config (harness/runner/run-config.ts, the file the CLI writes
 * for the runner): the client profile under test, or the built-in reference page's mode.
 */
import type { ClientMode } from '../../client/reference-client.js';
import type { ClientProfile, ClientProfileInput } from './profile.js';

export interface ClientRunConfig {
  /** The client under test (validated again by the spec); absent: the reference client page. */
  profile?: ClientProfile | ClientProfileInput;
  /** The reference page's mode when there is no profile (default 'correct'). */
  referenceMode?: ClientMode;
}
