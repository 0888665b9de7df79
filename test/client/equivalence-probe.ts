/**
 * A small client for the enactor-equivalence test that sees a whole session, not just its end:
 * when the welcome came, whether its app ping got a pong, how many keepalive pings the server
 * sent (each answered `pongDelayMs` later, or never; and how many came after the server had
 * answered the probe's script), the order of the chat replies, error messages, and the close.
 * `probeSession` is self-contained (no imports, no closures) so the same function runs in Node
 * against the global WebSocket and in Chromium via page.evaluate.
 */
export interface ProbeScript {
  url: string;
  /** Answer each server keepalive ping this long after it; null: never answer. */
  pongDelayMs: number | null;
  /** Sent this long after open. */
  sendAtMs: number;
  send: string[];
  /** The client closes 1000 "probe done" this long after open, if the server has not ended it. */
  watchMs: number;
}

export interface ProbeSeen {
  opened: boolean;
  code: number | null;
  reason: string;
  /** From open (or from dial, when it never opened) to the close. */
  closeAfterMs: number | null;
  /** From open to the probe's own close(1000, "probe done") call; null: the server ended it first. */
  closeCalledAfterMs: number | null;
  welcomeAfterMs: number | null;
  appPongs: number;
  serverPings: number;
  /**
   * Keepalive pings the server sent after it had handled the probe's script: those that arrived
   * after the first other message the server sent once the probe had spoken (all pings, when the
   * script sends nothing). The channel is in order, so such a ping left the server after the
   * answer. Unlike `serverPings`, this does not depend on the race between the server's
   * keepalive clock and the probe's message in flight: a real socket in a busy Chromium can
   * dispatch `open` tens of ms late, and a message through routeWebSocket can take 150 ms to
   * reach the mocked server, so a ping sent at 100 ms can arrive before the answer to a
   * message sent "40 ms after open" (both seen under load).
   */
  serverPingsAfterReply: number;
  chatSeqs: number[];
  errors: number;
  /** The welcome came without its connection_id. */
  welcomeWithoutId: boolean;
  /** A chat reply's timestamp was not a string. */
  replyRetyped: boolean;
}

export function probeSession(s: ProbeScript): Promise<ProbeSeen> {
  return new Promise((resolve) => {
    type Sock = {
      readyState: number;
      send(t: string): void;
      close(code?: number, reason?: string): void;
      onopen: (() => void) | null;
      onmessage: ((e: { data: unknown }) => void) | null;
      onclose: ((e: { code: number; reason: string }) => void) | null;
      onerror: (() => void) | null;
    };
    const Ctor = (globalThis as unknown as { WebSocket: new (url: string) => Sock }).WebSocket;
    const seen: ProbeSeen = { opened: false, code: null, reason: '', closeAfterMs: null, closeCalledAfterMs: null, welcomeAfterMs: null, appPongs: 0, serverPings: 0, serverPingsAfterReply: 0, chatSeqs: [], errors: 0, welcomeWithoutId: false, replyRetyped: false };
    const dialAt = performance.now();
    let openAt: number | null = null;
    let sent = false;
    let answered = s.send.length === 0;
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      resolve(seen);
    };
    const ws = new Ctor(s.url);
    // Node 22's WebSocket (undici) reports a refused handshake with `error` alone, no `close`;
    // browsers and Node 20/24 follow it with close 1006. The probe reads such an error as that
    // close, once a close has had time to come.
    ws.onerror = () => {
      if (openAt !== null) return;
      const at = performance.now();
      timers.push(
        setTimeout(() => {
          if (done) return;
          seen.code = 1006;
          seen.closeAfterMs = at - dialAt;
          finish();
        }, 300),
      );
    };
    ws.onopen = () => {
      openAt = performance.now();
      seen.opened = true;
      timers.push(
        setTimeout(() => {
          if (ws.readyState !== 1) return;
          sent = true;
          s.send.forEach((t) => ws.send(t));
        }, s.sendAtMs),
      );
      timers.push(
        setTimeout(() => {
          if (ws.readyState !== 1) return;
          seen.closeCalledAfterMs = performance.now() - (openAt ?? dialAt);
          ws.close(1000, 'probe done');
        }, s.watchMs),
      );
    };
    ws.onmessage = (e) => {
      const at = performance.now();
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(String(e.data)) as Record<string, unknown>;
      } catch {
        return;
      }
      if (sent && msg.type !== 'ping') answered = true;
      if (msg.type === 'connection_established' && seen.welcomeAfterMs === null) {
        seen.welcomeAfterMs = at - (openAt ?? dialAt);
        seen.welcomeWithoutId = msg.connection_id === undefined;
      } else if (msg.type === 'pong') seen.appPongs++;
      else if (msg.type === 'chat_response') {
        seen.chatSeqs.push(Number(msg.seq));
        if (typeof msg.timestamp !== 'string') seen.replyRetyped = true;
      }
      else if (msg.type === 'error') seen.errors++;
      else if (msg.type === 'ping') {
        seen.serverPings++;
        if (answered) seen.serverPingsAfterReply++;
        if (s.pongDelayMs !== null) timers.push(setTimeout(() => ws.readyState === 1 && ws.send(JSON.stringify({ type: 'pong', id: msg.id })), s.pongDelayMs));
      }
    };
    ws.onclose = (e) => {
      if (done) return;
      seen.code = e.code;
      seen.reason = e.reason;
      seen.closeAfterMs = performance.now() - (openAt ?? dialAt);
      finish();
    };
    // Bounded: a close that never comes still ends the probe.
    timers.push(setTimeout(finish, s.watchMs + 5000));
  });
}
