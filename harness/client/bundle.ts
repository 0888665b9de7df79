/**
 * The reference page's script, bundled at test time with esbuild — the one tsx already
 * ships (pnpm keeps it out of the project's own node_modules, so it is resolved through tsx).
 * From source, no build step: the first request builds it in memory, later ones reuse it.
 * Installed, the bundle `pnpm build` wrote into dist/ is served as it is.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../errors.js';

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles?: Array<{ text: string }> }>;
}

export const PAGE_ENTRY = fileURLToPath(new URL('../../client/page/boot.ts', import.meta.url));
/** Installed (dist/), the script bundled when the package was built (scripts/pack-build.ts): no esbuild at run time. */
export const PREBUILT_PAGE = import.meta.url.endsWith('.js') ? new URL('../../client/page/boot.bundle.js', import.meta.url) : undefined;

function loadEsbuild(): EsbuildLike {
  const require = createRequire(import.meta.url);
  try {
    return require(createRequire(require.resolve('tsx/package.json')).resolve('esbuild')) as EsbuildLike;
  } catch (e) {
    throw new EnvironmentError(
      'WSC_ERR_ENVIRONMENT',
      `cannot load esbuild (a dependency of tsx) to bundle the reference client page: ${(e as Error).message}. Run pnpm install.`,
    );
  }
}

let cached: Promise<string> | undefined;

/** The reference client page script as one ES module (ES2020, browser platform). */
export function referencePageScript(): Promise<string> {
  cached ??= PREBUILT_PAGE ? readFile(PREBUILT_PAGE, 'utf8') : (async () => {
    const out = await loadEsbuild().build({
      entryPoints: [PAGE_ENTRY],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      logLevel: 'silent',
    });
    const text = out.outputFiles?.[0]?.text;
    if (!text) throw new EnvironmentError('WSC_ERR_ENVIRONMENT', 'esbuild produced no output for the reference client page');
    return text;
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}
