/**
 * The config file's schema (`ws-chaos.config.{ts,mts,js,mjs,json}`): strict, so a misspelt field
 * is an error with a "did you mean", never silently ignored. Paths in it are relative to the file
 * (resolved by load.ts); flags override it (flags.ts).
 */
import { z } from 'zod';
import { DIAGNOSIS_CODE, SCENARIO_ID } from '../scenario.js';
import { loadConfigSchema } from '../load/config.js';

const scenarioId = z.string().regex(SCENARIO_ID, 'must be a scenario id, group/kebab-name (e.g. acme/login-flow)');
/** An id, or a group's every scenario as `group/*`. */
const idPattern = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*\/(\*|[a-z0-9]+(-[a-z0-9]+)*)$/, 'must be a scenario id or group/* (e.g. chaos/*)');

const wsUrl = z
  .string()
  .refine((s) => /^wss?:\/\/[^\s]+$/.test(s) && URL.canParse(s), 'must be a ws:// or wss:// URL (e.g. ws://127.0.0.1:9000/ws)');

export const scenarioSelectionSchema = z.union([
  z.string().min(1).describe('a regular expression matched against ids and titles (like --grep)'),
  z.array(idPattern).min(1).describe('the ids to run (group/* for a whole group)'),
  z
    .strictObject({
      grep: z.string().min(1).optional(),
      include: z.array(idPattern).min(1).optional(),
      exclude: z.array(idPattern).min(1).optional(),
    })
    .describe('include (ids), exclude (ids) and grep, all of which must hold'),
]);

export const configSchema = z.strictObject({
  target: wsUrl.optional().describe('the backend to test (default: the built-in reference backend)'),
  profile: z
    .union([z.string().min(1), z.record(z.string(), z.unknown())])
    .optional()
    .describe('a backend profile: a path to its JSON (relative to this file) or the profile itself'),
  faults: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .describe('faults for the reference backend to play, as for --fault'),
  scenarios: scenarioSelectionSchema.optional(),
  scenarioFiles: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('your own scenario files or globs (TS or JS, relative to this file), each exporting default a scenario or an array'),
  expectedFailures: z
    .record(scenarioId, z.string().regex(DIAGNOSIS_CODE, 'must be a diagnosis code, UPPER_SNAKE (e.g. WELCOME_TIMEOUT)'))
    .optional()
    .describe('scenario id → the diagnosis code it is known to fail with: reported as an expected failure, not failing the run'),
  out: z.string().min(1).optional().describe('reports root (relative to this file)'),
  keep: z.number().int().min(1).max(1000).optional().describe('runs kept under out'),
  baseline: z.string().min(1).optional().describe("an earlier run's results.json or run directory (relative to this file)"),
  asyncapi: z.string().min(1).optional().describe('an AsyncAPI 3.0 document (relative to this file), as for --asyncapi'),
  reporters: z
    .array(z.enum(['junit', 'summary', 'html', 'timelines']))
    .optional()
    .describe('the outputs written besides results.json (always written): junit.xml, summary.md, index.html, timelines/ (default: all)'),
  quiet: z.boolean().optional(),
  verbose: z.boolean().optional(),
  toxiproxy: z.string().min(1).optional().describe('auto | embedded | binary | container | <url>'),
  client: z
    .union([z.literal(true), z.string().min(1)])
    .optional()
    .describe('run the client scenarios: true (the reference client page) or a client profile path (relative to this file)'),
  clientMode: z.string().min(1).optional().describe("with client: true, the reference client's mode"),
  load: loadConfigSchema
    .optional()
    .describe('`ws-chaos load`: connections, arrivalRate or ramp, duration, appPingEvery, thresholds, storm, reconnectPolicy, herdBudget, restartCommand, soak, churn, workers, processes (flags override each)'),
});

/** What `defineConfig` takes (every field optional). */
export type WsChaosConfig = z.input<typeof configSchema>;
export type ScenarioSelection = z.infer<typeof scenarioSelectionSchema>;
