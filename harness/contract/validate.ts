/**
 * The contract's validator: every payload schema compiled once with ajv (+ ajv-formats:
 * date-time, uuid, email...), and `checkText(text, dir)`: which declared message a wire message
 * is (by the discriminator, else by the first schema it satisfies) and, when it breaks the
 * contract, the violation — the JSON pointer, the schema rule, ajv's words.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { buildModel, type ContractMessage, type ContractModel, type WireDirection } from './model.js';
import { readAsyncApiFile, parseAsyncApi, type AsyncApiDocument } from './load.js';
import { ConfigError } from '../errors.js';

// ajv-formats is CommonJS: its default import is the plugin under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface RuleBreak {
  /** JSON pointer into the message ('' = the whole message). */
  pointer: string;
  /** The schema rule: keyword and where it sits in the schema (`required at #/required`). */
  rule: string;
  /** ajv's words for it (`must have required property 'connection_id'`). */
  detail: string;
}

export type CheckOutcome =
  | { ok: true; message: string }
  | { ok: false; message: string | undefined; problem: RuleBreak }
  /** Binary frames carry no JSON payload to check. */
  | { ok: 'skipped'; reason: string };

export interface Contract {
  readonly model: ContractModel;
  /** Where the document came from (a path), for summaries. */
  readonly source: string;
  checkText(text: string, dir: WireDirection): CheckOutcome;
  /** The declared messages travelling `dir`. */
  messagesFor(dir: WireDirection): ContractMessage[];
}

function breakOf(e: ErrorObject): RuleBreak {
  const missing = e.keyword === 'required' ? (e.params as { missingProperty?: string }).missingProperty : undefined;
  const pointer = missing !== undefined ? `${e.instancePath}/${missing.replace(/~/g, '~0').replace(/\//g, '~1')}` : e.instancePath;
  return { pointer, rule: `${e.keyword} at ${e.schemaPath}`, detail: e.message ?? e.keyword };
}

export function contractFromDocument(doc: AsyncApiDocument, source: string): Contract {
  const model = buildModel(doc);
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  const compiled = new Map<ContractMessage, ValidateFunction>();
  for (const m of model.messages) {
    try {
      compiled.set(m, ajv.compile(m.payload));
    } catch (e) {
      throw new ConfigError('WSC_ERR_CONFIG', `${source}: message "${m.name}" has a payload schema ajv cannot compile (${(e as Error).message}); fix the schema`);
    }
  }
  const messagesFor = (dir: WireDirection): ContractMessage[] => model.messages.filter((m) => m.directions.has(dir));
  const side = (dir: WireDirection): string => (dir === 'in' ? 'server → client' : 'client → server');

  const check = (value: unknown, dir: WireDirection): CheckOutcome => {
    const all = messagesFor(dir);
    const d = model.discriminator;
    let candidates = all;
    if (d !== undefined) {
      const value_ = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[d] : undefined;
      const typed = all.filter((m) => m.discriminatorValue !== undefined);
      const matching = typed.filter((m) => m.discriminatorValue === value_);
      if (matching.length > 0) candidates = matching;
      else if (typed.length === all.length) {
        const declared = typed.map((m) => JSON.stringify(m.discriminatorValue)).join(', ');
        return { ok: false, message: undefined, problem: { pointer: `/${d}`, rule: `enum (the ${side(dir)} messages of the document)`, detail: `${d} ${JSON.stringify(value_ ?? null)} is no ${side(dir)} message the document declares (declared: ${declared || 'none'})` } };
      } else candidates = all.filter((m) => m.discriminatorValue === undefined);
    }
    if (candidates.length === 0) return { ok: false, message: undefined, problem: { pointer: '', rule: 'no message', detail: `the document declares no ${side(dir)} message` } };
    let best: { m: ContractMessage; errors: ErrorObject[] } | undefined;
    for (const m of candidates) {
      const validate = compiled.get(m);
      if (!validate) continue;
      if (validate(value)) return { ok: true, message: m.name };
      const errors = validate.errors ?? [];
      if (!best || errors.length < best.errors.length) best = { m, errors };
    }
    const first = best?.errors[0];
    return { ok: false, message: best?.m.name, problem: first ? breakOf(first) : { pointer: '', rule: 'schema', detail: 'does not match' } };
  };

  return {
    model,
    source,
    messagesFor,
    checkText(text, dir) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return { ok: false, message: undefined, problem: { pointer: '', rule: 'JSON', detail: 'the message is not JSON' } };
      }
      return check(value, dir);
    },
  };
}

/** Read, resolve and compile an AsyncAPI 3.0 file (YAML or JSON). Bad input: ConfigError (exit 2). */
export function loadContract(file: string): Contract {
  return contractFromDocument(readAsyncApiFile(file), file);
}

const loaded = new Map<string, Contract>();

/** loadContract once per process and path (the runner's workers and reporter each read the run's document once). */
export function cachedContract(file: string): Contract {
  let c = loaded.get(file);
  if (!c) {
    c = loadContract(file);
    loaded.set(file, c);
  }
  return c;
}

/** The same, from the document's text. */
export function contractFromText(text: string, source = 'the AsyncAPI document'): Contract {
  return contractFromDocument(parseAsyncApi(text, source), source);
}
