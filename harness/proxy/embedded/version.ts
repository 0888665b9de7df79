/** The Toxiproxy release whose HTTP API and toxics the embedded server reproduces. */
export const TOXIPROXY_COMPAT_VERSION = '2.12.0';

/**
 * What `GET /version` reports. SemVer build metadata (`+...`) marks the server as ours while
 * keeping the value parseable: SemVer ignores build metadata for precedence, so a client that
 * compares versions sees exactly 2.12.0 (a `-suffix` would be a pre-release, i.e. older).
 */
export const EMBEDDED_VERSION = `${TOXIPROXY_COMPAT_VERSION}+ws-chaos-embedded`;
