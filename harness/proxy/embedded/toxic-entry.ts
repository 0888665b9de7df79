/** A toxic as configured on a proxy (Toxiproxy's ToxicWrapper) and its JSON form. */
import { formatFloat32, goJsonRecord, goJsonString } from './go-json-decode.js';
import type { ToxicTypeDef } from './toxic-types.js';
import type { Direction } from './ws-stream.js';

export interface ToxicEntry {
  name: string;
  type: string;
  /** As sent by the client (parsed case-insensitively, echoed verbatim). */
  stream: string;
  direction: Direction;
  /** float32, like Toxiproxy. */
  toxicity: number;
  /** Every attribute of the type, defaults filled in; replaced (never mutated) on update. */
  attributes: Readonly<Record<string, number | string>>;
  def: ToxicTypeDef;
}

/** `{"attributes":{...},"name":..,"type":..,"stream":..,"toxicity":..}` in Toxiproxy's key order. */
export function toxicJson(entry: ToxicEntry): string {
  const attrs = goJsonRecord(entry.def.attributes.map((spec) => [spec.json, entry.attributes[spec.json] ?? spec.default] as const));
  return (
    `{"attributes":${attrs},"name":${goJsonString(entry.name)},"type":${goJsonString(entry.type)},` +
    `"stream":${goJsonString(entry.stream)},"toxicity":${formatFloat32(entry.toxicity)}}`
  );
}
