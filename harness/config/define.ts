/**
 * `defineConfig`: the typed identity a `ws-chaos.config.ts` exports default, so an editor
 * completes and checks its fields. Validation happens when the file is loaded (load.ts).
 */
import type { WsChaosConfig } from './schema.js';

export type { WsChaosConfig } from './schema.js';

export function defineConfig(config: WsChaosConfig): WsChaosConfig {
  return config;
}
