/**
 * Fault specs as users write them: `name` or `name:param=value:param=value`, several joined
 * by commas (`--fault flap:afterMs=200:code=1011,no-keepalive`). Unknown names and impossible
 * values are ConfigErrors that list what is allowed.
 */
import { ConfigError } from '../errors.js';
import { mergeBehaviours, type FaultBehaviour } from './behaviour.js';
import { FAULT_NAMES, getFault, type FaultDefinition } from './catalogue.js';

export interface ActiveFault {
  name: string;
  params: Record<string, number>;
}

export type FaultSpecInput = string | { name: string; params?: Record<string, number> };

export function parseFaultList(text: string): ActiveFault[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, ...pairs] = s.split(':');
      const params: Record<string, number> = {};
      for (const pair of pairs) {
        const [k, v] = pair.split('=');
        if (!k || v === undefined || v.trim() === '' || !Number.isFinite(Number(v))) {
          throw new ConfigError('WSC_ERR_UNKNOWN_FAULT', `fault "${s}": "${pair}" is not param=number (example: flap:afterMs=200:code=1011).`);
        }
        params[k] = Number(v);
      }
      return resolveFault({ name: name!, params });
    });
}

export function resolveFault(input: FaultSpecInput): ActiveFault {
  const spec = typeof input === 'string' ? { name: input, params: {} } : input;
  const def: FaultDefinition | undefined = getFault(spec.name);
  if (!def) {
    throw new ConfigError('WSC_ERR_UNKNOWN_FAULT', `unknown fault "${spec.name}". Known faults: ${FAULT_NAMES.join(', ')} (list them with: pnpm scenarios --list-faults).`);
  }
  const params: Record<string, number> = {};
  for (const [key, p] of Object.entries(def.params)) params[key] = p.default;
  for (const [key, value] of Object.entries(spec.params ?? {})) {
    const p = def.params[key];
    if (!p) {
      const known = Object.keys(def.params);
      throw new ConfigError(
        'WSC_ERR_UNKNOWN_FAULT',
        `fault "${def.name}" has no parameter "${key}"${known.length ? `; it takes ${known.join(', ')}` : '; it takes none'}.`,
      );
    }
    if (!Number.isInteger(value) || value < p.min || value > p.max) {
      throw new ConfigError('WSC_ERR_UNKNOWN_FAULT', `fault "${def.name}": ${key}=${value} is out of range; use an integer from ${p.min} to ${p.max}.`);
    }
    params[key] = value;
  }
  return { name: def.name, params };
}

export function formatFault(f: ActiveFault): string {
  const def = getFault(f.name);
  const changed = Object.entries(f.params).filter(([k, v]) => def?.params[k]?.default !== v);
  return [f.name, ...changed.map(([k, v]) => `${k}=${v}`)].join(':');
}

/** The faults resolved (validated, defaults filled) and their behaviours merged, as every enactor plays them. */
export function resolveFaults(faults: readonly FaultSpecInput[]): { active: ActiveFault[]; behaviour: FaultBehaviour } {
  const active = faults.map(resolveFault);
  return { active, behaviour: mergeBehaviours(active.map((f) => getFault(f.name)!.behaviour(f.params))) };
}
