/**
 * The diagnosis of one load connection: the SAME judges the conformance scenarios use, on the
 * small timeline the light connection keeps. The connection diagnosis first (did it open and
 * survive: diagnose/connection.ts), then, when the profile has a welcome, the welcome judge
 * (late, missing, a silent server: judges/welcome.ts). A connection the client closed itself
 * after a timely welcome has nothing wrong with it (null).
 */
import { diagnoseConnection, welcomeEvent } from '../diagnose/connection.js';
import type { Diagnosis } from '../diagnose/codes.js';
import { judgeWelcome } from '../diagnose/judges/welcome.js';
import { first, type TimelineEvent } from '../timeline.js';

export interface LoadJudgeCriteria {
  immediateDisconnectMs: number;
  welcome?: { match: Record<string, unknown>; budgetMs: number };
}

/** `nowMs`: when the observation stopped, on the connection's own axis (ms since its dial). */
export function judgeLoadConnection(events: readonly TimelineEvent[], c: LoadJudgeCriteria, nowMs: number): Diagnosis | null {
  const connection = diagnoseConnection(events, { immediateDisconnectMs: c.immediateDisconnectMs, welcome: c.welcome?.match });
  if (connection) return connection;
  if (!c.welcome) return null;
  // The welcome judge is only fair once the budget has passed, or the welcome has arrived.
  const open = first(events, 'open');
  if (open && !welcomeEvent(events, c.welcome.match) && nowMs - open.t <= c.welcome.budgetMs) return null;
  return judgeWelcome(events, { match: c.welcome.match, budgetMs: c.welcome.budgetMs, immediateDisconnectMs: c.immediateDisconnectMs }, nowMs);
}
