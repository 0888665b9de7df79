/**
 * Finding and reading the config file: `ws-chaos.config.{ts,mts,js,mjs,json}` in the user's
 * directory, or the file `--config` names. TypeScript and JavaScript are imported with jiti
 * (no native build step, so it installs under pnpm's defaults); every failure (missing file, syntax error, a bad field) is a ConfigError (exit 2)
 * naming the file and the field. Paths in the file are resolved against the file's directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { createJiti } from 'jiti';
import { ConfigError } from '../errors.js';
import { formatIssue } from '../profile/fields.js';
import { configSchema, type ScenarioSelection } from './schema.js';
import type { LoadConfig } from '../load/config.js';

export const CONFIG_NAMES = ['ws-chaos.config.ts', 'ws-chaos.config.mts', 'ws-chaos.config.js', 'ws-chaos.config.mjs', 'ws-chaos.config.json'] as const;

/** The config file, validated, every path in it absolute. */
export interface ConfigFile {
  file: string;
  target?: string;
  /** An absolute path, or the inline profile object. */
  profile?: string | Record<string, unknown>;
  faults?: string;
  scenarios?: ScenarioSelection;
  /** The user's scenario files, globs expanded, absolute, in a stable order. */
  scenarioFiles: string[];
  expectedFailures: Record<string, string>;
  out?: string;
  keep?: number;
  baseline?: string;
  /** An absolute path to the AsyncAPI document. */
  asyncapi?: string;
  quiet?: boolean;
  verbose?: boolean;
  reporters?: Array<'junit' | 'summary' | 'html' | 'timelines'>;
  toxiproxy?: string;
  client?: string | true;
  clientMode?: string;
  /** The `load:` section, for `ws-chaos load`. */
  load?: LoadConfig;
}

/** The first config file in `dir`, by CONFIG_NAMES order; two of them is an error (which one counts?). */
export function findConfigFile(dir: string): string | undefined {
  const found = CONFIG_NAMES.map((n) => resolve(dir, n)).filter((f) => existsSync(f));
  if (found.length > 1) {
    throw new ConfigError('WSC_ERR_CONFIG', `${dir} has ${found.length} config files (${found.map((f) => f.slice(dir.length + 1)).join(', ')}): keep one, or name it with --config.`);
  }
  return found[0];
}

/** How a module is imported: jiti by default; the Playwright specs pass their own `import()` (Playwright's loader compiles TS). */
export type ModuleImporter = (url: string) => Promise<unknown>;

const jiti = createJiti(import.meta.url, { moduleCache: true });
const withJiti: ModuleImporter = (url) => jiti.import(fileURLToPath(url));

/** Whether Node treats `file` as an ES module: by extension, else the nearest package.json's "type". */
export function isEsmScope(file: string): boolean {
  const ext = extname(file);
  if (ext === '.mts' || ext === '.mjs') return true;
  if (ext === '.cts' || ext === '.cjs') return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return (JSON.parse(readFileSync(pkg, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

/**
 * For the Playwright specs, whose loader compiles TypeScript: `import()` for ES modules, and
 * `require` for a file in a CommonJS-scope project (no "type": "module"), which `import()`
 * would hand to Node's CommonJS translator untransformed; Playwright's require hook compiles it.
 */
export const playwrightImporter: ModuleImporter = async (url) => {
  const file = fileURLToPath(url);
  return isEsmScope(file) ? import(url) : createRequire(import.meta.url)(file);
};

/** Import a TS/JS module; its default export (or the namespace when it has none). */
export async function importUserModule(file: string, what: string, importer: ModuleImporter = withJiti): Promise<unknown> {
  let mod: Record<string, unknown>;
  try {
    mod = (await importer(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    const first = String((e as Error).message ?? e).split('\n').find((l) => l.trim() !== '') ?? 'error';
    throw new ConfigError('WSC_ERR_CONFIG', `cannot load ${what} ${file}: ${first.trim()}. Fix the file (it must import and run without errors).`);
  }
  let value: unknown = 'default' in mod ? mod.default : mod;
  // A CommonJS module compiled from `export default` nests it one level deeper.
  if (value && typeof value === 'object' && 'default' in value && Object.keys(value).length === 1) value = (value as { default: unknown }).default;
  return value;
}

async function readRaw(file: string): Promise<unknown> {
  if (!existsSync(file)) throw new ConfigError('WSC_ERR_CONFIG', `config file ${file} does not exist: check the path given to --config.`);
  const ext = extname(file);
  if (ext === '.json') {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError('WSC_ERR_CONFIG', `config file ${file} is not valid JSON: ${(e as Error).message}.`);
    }
  }
  if (!['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].includes(ext)) {
    throw new ConfigError('WSC_ERR_CONFIG', `config file ${file} must be .ts, .mts, .js, .mjs or .json.`);
  }
  return importUserModule(file, 'config file');
}

/** Expand the scenario file entries (files or globs, relative to `dir`) into absolute paths. */
export async function expandScenarioFiles(entries: readonly string[], dir: string, file: string): Promise<string[]> {
  const out: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const isGlob = /[*?[\]{}]/.test(entry);
    const matches = isGlob
      ? (await glob(entry, { cwd: dir, absolute: true, onlyFiles: true })).sort()
      : existsSync(resolve(dir, entry))
        ? [resolve(dir, entry)]
        : [];
    if (matches.length === 0) {
      throw new ConfigError('WSC_ERR_CONFIG', `${file}: config.scenarioFiles[${i}] "${entry}" ${isGlob ? 'matches no file' : 'does not exist'} (paths are relative to the config file).`);
    }
    for (const m of matches) if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** Read, validate and resolve the config file. */
export async function loadConfigFile(file: string): Promise<ConfigFile> {
  const raw = await readRaw(file);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((i) => formatIssue(i, 'config', configSchema)).join('; ');
    throw new ConfigError('WSC_ERR_CONFIG', `invalid config file ${file}: ${issues}. Fields: see defineConfig in the README ("Config file").`);
  }
  const c = parsed.data;
  const dir = dirname(file);
  const at = (p: string | undefined): string | undefined => (p === undefined ? undefined : isAbsolute(p) ? p : resolve(dir, p));
  return {
    file,
    target: c.target,
    profile: typeof c.profile === 'string' ? at(c.profile) : c.profile,
    faults: Array.isArray(c.faults) ? c.faults.join(',') : c.faults,
    scenarios: c.scenarios,
    scenarioFiles: c.scenarioFiles ? await expandScenarioFiles(c.scenarioFiles, dir, file) : [],
    expectedFailures: c.expectedFailures ?? {},
    out: at(c.out),
    keep: c.keep,
    baseline: at(c.baseline),
    asyncapi: at(c.asyncapi),
    quiet: c.quiet,
    verbose: c.verbose,
    reporters: c.reporters,
    toxiproxy: c.toxiproxy,
    client: typeof c.client === 'string' ? at(c.client) : c.client,
    clientMode: c.clientMode,
    load: c.load && { ...c.load, reconnectPolicy: c.load.reconnectPolicy && /\.json$/i.test(c.load.reconnectPolicy.trim()) ? at(c.load.reconnectPolicy.trim()) : c.load.reconnectPolicy },
  };
}
