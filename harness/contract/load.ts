/**
 * Reading an AsyncAPI 3.0 document (YAML or JSON, the `yaml` package parses both) and resolving
 * its LOCAL `$ref`s (`#/components/...`, `#/channels/...`) in place: a reference resolves to the
 * very object it points at, so a message referenced from a channel and from an operation is one
 * object. References to other files or URLs are refused with a message (ws-chaos does not fetch;
 * bundle the document first, e.g. `asyncapi bundle`). `@asyncapi/parser` was not used: it pulls
 * in Spectral and a large dependency tree for what this needs.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.js';

/** A parsed document with every local `$ref` replaced by its target. */
export type AsyncApiDocument = Record<string, unknown> & { asyncapi: string };

const fixHint = 'fix the document (ws-chaos reads AsyncAPI 3.0, YAML or JSON, local $refs only)';

export function readAsyncApiFile(file: string): AsyncApiDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError('WSC_ERR_CONFIG', `--asyncapi ${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); pass the path of an AsyncAPI 3.0 document`);
  }
  return parseAsyncApi(text, file);
}

/** Parse and resolve a document's text; `source` names it in messages. */
export function parseAsyncApi(text: string, source = 'the AsyncAPI document'): AsyncApiDocument {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 1000 });
  } catch (e) {
    throw new ConfigError('WSC_ERR_CONFIG', `${source}: not valid YAML or JSON (${(e as Error).message.split('\n')[0]}); ${fixHint}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('WSC_ERR_CONFIG', `${source}: the document is not an object; ${fixHint}`);
  const version = (raw as Record<string, unknown>).asyncapi;
  if (typeof version !== 'string' || !/^3\.\d+\.\d+$/.test(version)) {
    throw new ConfigError('WSC_ERR_CONFIG', `${source}: "asyncapi" is ${JSON.stringify(version ?? null)}, ws-chaos reads 3.x documents (convert a 2.x one with \`asyncapi convert\`)`);
  }
  return resolveLocalRefs(raw as AsyncApiDocument, source);
}

function pointerTarget(root: unknown, ref: string, source: string): unknown {
  if (!ref.startsWith('#')) throw new ConfigError('WSC_ERR_CONFIG', `${source}: $ref "${ref}" points outside the document; ws-chaos resolves local references only: bundle the document first (asyncapi bundle)`);
  const parts = ref.slice(1).split('/').slice(1).map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = root;
  for (const part of parts) {
    if (!node || typeof node !== 'object' || !(part in node)) throw new ConfigError('WSC_ERR_CONFIG', `${source}: $ref "${ref}" points at nothing (no "${part}"); ${fixHint}`);
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Replace every `{ $ref: '#/...' }` by its target, in place (chains followed, cycles refused). */
function resolveLocalRefs(doc: AsyncApiDocument, source: string): AsyncApiDocument {
  const deref = (value: unknown, chain: string[] = []): unknown => {
    if (!value || typeof value !== 'object') return value;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') return value;
    if (chain.includes(ref)) throw new ConfigError('WSC_ERR_CONFIG', `${source}: $ref cycle ${[...chain, ref].join(' → ')}; ${fixHint}`);
    return deref(pointerTarget(doc, ref, source), [...chain, ref]);
  };
  const seen = new Set<object>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
    for (const [k, v] of entries) {
      const target = deref(v);
      if (target !== v) (node as Record<string | number, unknown>)[k] = target;
      walk(target);
    }
  };
  walk(doc);
  return doc;
}
