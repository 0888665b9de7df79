/**
 * The shared pool behind the `welcome-pool` fault: every welcome needs one of `size` slots
 * (a pooled dependency: a database connection, a token introspection client) for `holdMs`.
 * One connection alone is welcomed after `holdMs`; the twentieth of twenty concurrent ones
 * waits for the nineteen before it. The pool belongs to the behaviour value the enactor
 * resolved once for its active faults, so all its sessions share it (and switching faults
 * starts a fresh pool).
 */
export interface WelcomePoolSpec {
  size: number;
  holdMs: number;
}

interface PoolState {
  busy: number;
  waiting: Array<() => void>;
}

const pools = new WeakMap<WelcomePoolSpec, PoolState>();

function stateOf(spec: WelcomePoolSpec): PoolState {
  let s = pools.get(spec);
  if (!s) pools.set(spec, (s = { busy: 0, waiting: [] }));
  return s;
}

/**
 * Ask for a slot: `granted` runs once one is free. Returns a release function (idempotent) that
 * frees the slot when held, or leaves the queue when still waiting (the session ended first).
 */
export function acquireSlot(spec: WelcomePoolSpec, granted: () => void): () => void {
  const s = stateOf(spec);
  let held = false;
  let done = false;
  const grant = (): void => {
    held = true;
    s.busy++;
    granted();
  };
  if (s.busy < spec.size) grant();
  else s.waiting.push(grant);
  return () => {
    if (done) return;
    done = true;
    if (!held) {
      const i = s.waiting.indexOf(grant);
      if (i >= 0) s.waiting.splice(i, 1);
      return;
    }
    s.busy--;
    const next = s.waiting.shift();
    if (next) next();
  };
}
