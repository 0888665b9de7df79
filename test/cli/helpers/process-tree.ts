/**
 * What a process leaves behind, read from /proc (Linux): its descendants (by PPID chain) and the
 * TCP ports they listen on. Recorded while a CLI runs, checked after it was signalled.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function ppidOf(pid: number): number | undefined {
  try {
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

const allPids = (): number[] => readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);

/** Every live process whose PPID chain leads to `root` (not `root` itself). */
export function descendantsOf(root: number): number[] {
  const parent = new Map<number, number>();
  for (const pid of allPids()) {
    const pp = ppidOf(pid);
    if (pp !== undefined) parent.set(pid, pp);
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    for (let hops = 0; p !== undefined && p > 1 && hops < 64; hops++) {
      if (p === root) {
        out.push(pid);
        break;
      }
      p = parent.get(p);
    }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // A zombie (state Z) has ended; only its parent has not reaped it yet.
    return state.slice(state.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Listening TCP sockets on this machine: inode → port. */
function listeningSockets(): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue;
      out.set(f[9]!, parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return out;
}

/** The ports these processes listen on. */
export function listeningPortsOf(pids: readonly number[]): number[] {
  const sockets = listeningSockets();
  const ports = new Set<number>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        const port = m ? sockets.get(m[1]!) : undefined;
        if (port !== undefined) ports.add(port);
      } catch {
        // The fd closed while we looked.
      }
    }
  }
  return [...ports];
}

/** Of these ports, the ones something still listens on. */
export function stillListening(ports: readonly number[]): number[] {
  const open = new Set(listeningSockets().values());
  return ports.filter((p) => open.has(p));
}
