/**
 * The reference page's entry: read the client config from `#config=<url-encoded JSON>`, run
 * the reference client with the browser's WebSocket, show its state in #status, and expose
 * what it scheduled as `window.__wsChaosSchedule` (the hook the client scenarios read).
 */
import { ReferenceClient, type ClientEvent, type ReferenceClientConfig } from '../reference-client.js';

declare global {
  interface Window {
    __wsChaosSchedule: Array<{ retry: number; delayMs: number }>;
    __wsChaosEvents: ClientEvent[];
    __wsChaosClient?: ReferenceClient;
  }
}

const status = document.getElementById('status')!;
const log = document.getElementById('log')!;
window.__wsChaosSchedule = [];
window.__wsChaosEvents = [];

const raw = new URLSearchParams(location.hash.slice(1)).get('config');
if (!raw) {
  status.textContent = 'no config: open this page with #config=<url-encoded JSON>';
} else {
  const config = JSON.parse(raw) as ReferenceClientConfig;
  const client = new ReferenceClient(config, {
    onEvent: (e) => {
      window.__wsChaosEvents.push(e);
      if (e.kind === 'scheduled') window.__wsChaosSchedule.push({ retry: e.retry, delayMs: e.delayMs });
      if (e.kind === 'status') status.textContent = e.text;
      else if (log.childNodes.length < 200) log.append(`${Math.round(performance.now())} ms ${JSON.stringify(e)}\n`);
    },
  });
  window.__wsChaosClient = client;
  window.addEventListener('pagehide', () => client.stop());
  client.start();
}
