/**
 * Reading `--baseline`: an earlier run's results.json (or a run directory holding one), checked
 * before the run starts. Anything wrong with it is a ConfigError (exit 2) that says what to do.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { RESULTS_SCHEMA } from '../results.js';
import type { BaselineRef } from './baseline.js';

const scenarioSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['passed', 'failed', 'skipped', 'errored']),
  diagnosis: z.object({ code: z.string() }).nullable(),
});

const resultsSchema = z.object({
  schema: z.string(),
  startedAt: z.string(),
  scenarios: z.array(scenarioSchema),
  complete: z.boolean().optional(),
  planned: z.number().int().nonnegative().optional(),
  ran: z.number().int().nonnegative().optional(),
});

const bad = (file: string, why: string): ConfigError =>
  new ConfigError('WSC_ERR_BASELINE', `--baseline ${file}: ${why}. Pass the results.json of an earlier ws-chaos run (or its run directory, e.g. reports/latest).`);

/** Parse a baseline's text; `file` is only for messages. */
export function parseBaseline(text: string, file: string): BaselineRef {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(file, `is not JSON (${(e as Error).message})`);
  }
  const schema = (json as { schema?: unknown } | null)?.schema;
  if (typeof schema !== 'string' || !schema.startsWith('ws-chaos/results@')) {
    throw bad(file, `is not a ws-chaos results file (its "schema" is ${JSON.stringify(schema ?? null)}, expected "${RESULTS_SCHEMA}")`);
  }
  if (schema !== RESULTS_SCHEMA) throw bad(file, `has schema "${schema}"; this ws-chaos reads "${RESULTS_SCHEMA}"`);
  const parsed = resultsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw bad(file, `is not a valid ${RESULTS_SCHEMA} file (${issue.path.join('.') || 'root'}: ${issue.message})`);
  }
  // A partial run (Ctrl-C, SIGTERM) would call every scenario it lacks "new": refuse it.
  if (parsed.data.complete === false) {
    const ran = parsed.data.ran ?? parsed.data.scenarios.length;
    throw bad(file, `is a partial run (it was interrupted: ${ran} of ${parsed.data.planned ?? '?'} scenarios ran), so it cannot say what the others did. Compare with a complete run instead`);
  }
  return {
    file,
    startedAt: parsed.data.startedAt,
    scenarios: parsed.data.scenarios.map((s) => ({ id: s.id, status: s.status, code: s.diagnosis?.code ?? null })),
  };
}

/** Load and check a baseline file (or a run directory's results.json). */
export function loadBaseline(file: string): BaselineRef {
  if (!existsSync(file)) throw bad(file, 'no such file');
  const path = statSync(file).isDirectory() ? join(file, 'results.json') : file;
  if (!existsSync(path)) throw bad(file, 'is a directory without a results.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw bad(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  // Recorded as the file actually read: `reports/latest` moves, the run it pointed at does not.
  return { ...parseBaseline(text, file), file: realpathSync(path) };
}
