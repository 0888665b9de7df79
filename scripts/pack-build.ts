/**
 * `pnpm build` (and `prepack`): the package's dist/ from a clean slate. tsc emits JS and
 * `.d.ts` for everything that runs installed (tsconfig.build.json); this adds what tsc does not
 * write: the reference client page's index.html and its script bundled once (served from dist/
 * by harness/client/bundle.ts, so an installed ws-chaos needs no esbuild), and the bin's mode.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referencePageScript } from '../harness/client/bundle.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
/** Files tsc does not emit that the installed package reads at run time. */
const ASSETS = ['client/page/index.html'];
const BIN = 'dist/cli/main.js';
/** Where harness/client/bundle.ts looks for the prebuilt page script (PREBUILT_PAGE). */
const PAGE_BUNDLE = 'dist/client/page/boot.bundle.js';

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
} catch {
  process.stderr.write('pack-build: tsc reported the errors above; nothing is packed until they are fixed.\n');
  process.exit(1);
}
for (const asset of ASSETS) {
  const to = join(DIST, asset);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(join(ROOT, asset), to);
}
writeFileSync(join(ROOT, PAGE_BUNDLE), await referencePageScript());
const bin = join(ROOT, BIN);
if (!existsSync(bin) || !readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')) {
  process.stderr.write(`pack-build: ${BIN} must start with "#!/usr/bin/env node" (the first line of cli/main.ts)\n`);
  process.exit(1);
}
chmodSync(bin, 0o755);
process.stdout.write(`pack-build: wrote ${DIST}\n`);
