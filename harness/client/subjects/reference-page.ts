/**
 * The reference client in a page: the page server's index.html with the client config in the
 * URL fragment, and the profile for it (page URL, the socket pattern to intercept, #status).
 */
import type { ClientMode } from '../../../client/reference-client.js';
import type { ClientProfile } from '../profile.js';
import { referenceClientConfig } from '../reference-config.js';

/** Where the reference page dials when a route enactor intercepts it: never reached on a network. */
export const REFERENCE_PAGE_WS_URL = 'ws://ws-chaos.test/ws';
export const REFERENCE_PAGE_WS_PATTERN = 'ws://ws-chaos.test/**';

let loads = 0;

/** A fresh URL each call (a `?load=n` nonce), so reusing one page still reloads it. */
export function referencePageUrl(pageServerUrl: string, profile: ClientProfile, mode: ClientMode, wsUrl = REFERENCE_PAGE_WS_URL): string {
  const config = referenceClientConfig(profile, mode, wsUrl);
  return `${pageServerUrl}?load=${++loads}#config=${encodeURIComponent(JSON.stringify(config))}`;
}

/** The profile with its page part pointing at the reference page in `mode`. */
export function withReferencePage(profile: ClientProfile, pageServerUrl: string, mode: ClientMode, wsUrl = REFERENCE_PAGE_WS_URL): ClientProfile {
  return {
    ...profile,
    page: {
      url: referencePageUrl(pageServerUrl, profile, mode, wsUrl),
      wsPattern: wsUrl === REFERENCE_PAGE_WS_URL ? REFERENCE_PAGE_WS_PATTERN : '/^$/',
      statusSelector: '#status',
      scheduleGlobal: '__wsChaosSchedule',
    },
  };
}
