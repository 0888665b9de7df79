/**
 * Loading the user's own scenarios (config `scenarioFiles`): each file (TS or JS, imported with
 * jiti) exports default one scenario or an array of them. Each must be a backend scenario made by
 * `defineScenario` (or an object of the same shape), with an id in the user's own group: the
 * built-in groups (conformance, chaos, client) are reserved, so a user id can never shadow or
 * collide with a built-in one. Every problem is a ConfigError (exit 2) naming the file.
 */
import { ConfigError } from '../errors.js';
import { SCENARIO_ID, type BackendScenario } from '../scenario.js';
import { importUserModule, type ModuleImporter } from './load.js';

/** Groups only the built-in scenarios use. */
export const RESERVED_GROUPS = ['conformance', 'chaos', 'client'] as const;

function bad(file: string, what: string): never {
  throw new ConfigError('WSC_ERR_CONFIG', `scenario file ${file}: ${what}`);
}

/** Check one exported value and return it as a scenario (a plain-number timeoutMs becomes a function). */
export function checkUserScenario(value: unknown, file: string, where: string): BackendScenario {
  if (!value || typeof value !== 'object') bad(file, `${where} is not a scenario: export default defineScenario({ id, title, needs, timeoutMs, run }) (or an array of them).`);
  const s = value as Record<string, unknown>;
  if (typeof s.id !== 'string' || !SCENARIO_ID.test(s.id)) bad(file, `${where}.id ${JSON.stringify(s.id)} must be group/kebab-name, e.g. acme/login-flow.`);
  const group = s.id.split('/')[0]!;
  if ((RESERVED_GROUPS as readonly string[]).includes(group)) {
    bad(file, `${where}.id "${s.id}" uses the built-in group "${group}": put your scenarios in your own group (e.g. acme/${s.id.split('/')[1]}).`);
  }
  if (s.kind !== undefined && s.kind !== 'backend') bad(file, `${where} (${s.id}) is a ${String(s.kind)} scenario: scenario files hold backend scenarios only.`);
  if (typeof s.title !== 'string' || s.title === '') bad(file, `${where} (${s.id}) needs a title.`);
  if (!Array.isArray(s.needs)) bad(file, `${where} (${s.id}) needs a needs list (e.g. needs: ['welcome'], or []).`);
  if (typeof s.run !== 'function') bad(file, `${where} (${s.id}) needs an async run(ctx) function.`);
  const t = s.timeoutMs;
  if (!(typeof t === 'function' || (typeof t === 'number' && Number.isFinite(t) && t > 0))) bad(file, `${where} (${s.id}).timeoutMs must be a positive number of ms (or a function of the profile).`);
  return {
    ...(s as unknown as BackendScenario),
    kind: 'backend',
    description: typeof s.description === 'string' ? s.description : '',
    timeoutMs: typeof t === 'number' ? () => t : (t as BackendScenario['timeoutMs']),
  };
}

/** Every scenario the files export, in file order; duplicate ids are an error. */
export async function loadScenarioFiles(files: readonly string[], importer?: ModuleImporter): Promise<BackendScenario[]> {
  const out: BackendScenario[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const value = await importUserModule(file, 'scenario file', importer);
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) bad(file, 'exports an empty array: export at least one scenario.');
    list.forEach((v, i) => {
      const s = checkUserScenario(v, file, Array.isArray(value) ? `export default[${i}]` : 'export default');
      const other = seen.get(s.id);
      if (other) bad(file, `scenario id "${s.id}" is also defined in ${other}: ids must be unique.`);
      seen.set(s.id, file);
      out.push(s);
    });
  }
  return out;
}
