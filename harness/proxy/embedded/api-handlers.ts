/**
 * The control API's operations, Toxiproxy's api.go request by request. Each returns the status
 * and the JSON text (sent as is: json.Marshal output has no trailing newline) or throws an ApiError.
 */
import { ApiError, badRequestBody, missingField, toxicNotFound } from './api-error.js';
import { decodeFields, goJsonString, valueMismatch, type FieldSpec } from './go-json-decode.js';
import { GoNumber, GoObject, goParseJson, type GoValue } from './go-json-parse.js';
import { Proxy } from './proxy.js';
import type { ProxyRegistry } from './proxy-registry.js';
import { toxicJson } from './toxic-entry.js';
import { EMBEDDED_VERSION } from './version.js';

export interface ApiResult {
  status: number;
  /** JSON text; undefined for 204. */
  json?: string;
  /** Overrides `application/json` (GET /version). */
  contentType?: string;
  /** Exact body, used as is (GET /version). */
  raw?: string;
}

const PROXY_FIELDS: FieldSpec[] = [
  { json: 'name', kind: 'string' },
  { json: 'listen', kind: 'string' },
  { json: 'upstream', kind: 'string' },
  { json: 'enabled', kind: 'bool' },
];
const POPULATE_ELEMENT = 'struct { toxiproxy.Proxy; Enabled *bool "json:\\"enabled\\"" }';
/** Used when a proxy is created without `listen` (Toxiproxy would bind every interface). */
export const DEFAULT_LISTEN = '127.0.0.1:0';

function kindName(v: GoValue): string {
  if (v instanceof GoObject) return 'object';
  if (Array.isArray(v)) return 'array';
  if (v instanceof GoNumber) return 'number';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

function parse(body: string): GoValue {
  const parsed = goParseJson(body);
  if (!parsed.ok) throw badRequestBody(parsed.error);
  return parsed.value;
}

export class ApiHandlers {
  constructor(private readonly registry: ProxyRegistry) {}

  version(): ApiResult {
    return { status: 200, raw: `{"version": "${EMBEDDED_VERSION}"}\n`, contentType: 'application/json;charset=utf-8' };
  }

  proxyIndex(): ApiResult {
    const entries = this.registry.sorted().map((p) => `${goJsonString(p.name)}:${p.toJson()}`);
    return { status: 200, json: `{${entries.join(',')}}` };
  }

  async proxyCreate(body: string): Promise<ApiResult> {
    const doc = parse(body);
    if (doc !== null && !(doc instanceof GoObject)) throw badRequestBody(valueMismatch(kindName(doc), 'toxiproxy.Proxy'));
    const decoded = decodeFields(doc, PROXY_FIELDS, 'Proxy');
    if (decoded.error) throw badRequestBody(decoded.error);
    const v = decoded.values;
    if (!v.name) throw missingField('name');
    if (!v.upstream) throw missingField('upstream');
    const proxy = new Proxy(v.name as string, (v.listen as string | undefined) || DEFAULT_LISTEN, v.upstream as string);
    await this.registry.add(proxy, (v.enabled as boolean | undefined) ?? true);
    return { status: 201, json: proxy.toJson() };
  }

  /** POST /populate. Errors keep application/json and carry the proxies applied so far. */
  async populate(body: string): Promise<ApiResult> {
    const applied: Proxy[] = [];
    const result = (status: number, err?: ApiError): ApiResult => {
      const proxies = applied.length === 0 ? 'null' : `[${applied.map((p) => p.toJson()).join(',')}]`;
      const head = err ? `"error":${goJsonString(err.message)},"status":${err.status},` : '';
      return { status, json: `{${head}"proxies":${proxies}}` };
    };
    try {
      const doc = parse(body);
      if (doc !== null && !Array.isArray(doc)) throw badRequestBody(valueMismatch(kindName(doc), `[]${POPULATE_ELEMENT}`));
      const inputs = (doc ?? []).map((item) => {
        if (item !== null && !(item instanceof GoObject)) throw badRequestBody(valueMismatch(kindName(item), POPULATE_ELEMENT));
        const decoded = decodeFields(item, PROXY_FIELDS, 'Proxy');
        if (decoded.error) throw badRequestBody(decoded.error);
        return decoded.values;
      });
      inputs.forEach((v, i) => {
        if (!v.name) throw missingField(`name at proxy ${i + 1}`);
        if (!v.upstream) throw missingField(`upstream at proxy ${i + 1}`);
      });
      for (const v of inputs) {
        const proxy = new Proxy(v.name as string, (v.listen as string | undefined) || DEFAULT_LISTEN, v.upstream as string);
        applied.push(await this.registry.addOrReplace(proxy, (v.enabled as boolean | undefined) ?? true));
      }
      return result(201);
    } catch (err) {
      if (err instanceof ApiError) return result(err.status, err);
      throw err;
    }
  }

  proxyShow(name: string): ApiResult {
    return { status: 200, json: this.registry.get(name).toJson() };
  }

  async proxyUpdate(name: string, body: string): Promise<ApiResult> {
    const proxy = this.registry.get(name);
    const doc = parse(body);
    if (doc !== null && !(doc instanceof GoObject)) throw badRequestBody(valueMismatch(kindName(doc), 'toxiproxy.Proxy'));
    const decoded = decodeFields(doc, PROXY_FIELDS, 'Proxy');
    if (decoded.error) throw badRequestBody(decoded.error);
    const v = decoded.values;
    await proxy.update({
      listen: (v.listen as string | undefined) ?? proxy.listen,
      upstream: (v.upstream as string | undefined) ?? proxy.upstream,
      enabled: (v.enabled as boolean | undefined) ?? proxy.enabled,
    });
    return { status: 200, json: proxy.toJson() };
  }

  proxyDelete(name: string): ApiResult {
    this.registry.remove(name);
    return { status: 204 };
  }

  toxicIndex(proxyName: string): ApiResult {
    const toxics = this.registry.get(proxyName).toxics.list();
    return { status: 200, json: `[${toxics.map(toxicJson).join(',')}]` };
  }

  toxicCreate(proxyName: string, body: string): ApiResult {
    const entry = this.registry.get(proxyName).toxics.addJson(body);
    return { status: 200, json: toxicJson(entry) };
  }

  toxicShow(proxyName: string, toxicName: string): ApiResult {
    const entry = this.registry.get(proxyName).toxics.find(toxicName);
    if (!entry) throw toxicNotFound();
    return { status: 200, json: toxicJson(entry) };
  }

  toxicUpdate(proxyName: string, toxicName: string, body: string): ApiResult {
    const entry = this.registry.get(proxyName).toxics.updateJson(toxicName, body);
    return { status: 200, json: toxicJson(entry) };
  }

  toxicDelete(proxyName: string, toxicName: string): ApiResult {
    this.registry.get(proxyName).toxics.remove(toxicName);
    return { status: 204 };
  }

  async reset(): Promise<ApiResult> {
    await this.registry.reset();
    return { status: 204 };
  }
}
