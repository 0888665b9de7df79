/**
 * Playwright's HTML report for a merged run: each shard's run wrote a blob report into
 * `<run>/blob/` (playwright.config.ts adds the blob reporter under --shard); Playwright's own
 * `merge-reports` turns them into one `<out>/html/`. When a shard has no blob, the merged run has
 * ws-chaos's index.html only, and the returned note says why.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How long merge-reports may take before it is stopped (it is seconds for a few hundred tests). */
export const MERGE_REPORTS_TIMEOUT_MS = 120_000;

function blobsOf(runDir: string): string[] {
  const dir = join(runDir, 'blob');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.zip')).map((n) => join(dir, n)) : [];
}

/** Merge the shards' blob reports into `<outDir>/html`; returns a note when it could not. */
export async function mergeHtmlReports(shardRunDirs: readonly string[], outDir: string): Promise<string | undefined> {
  const blobs = shardRunDirs.map(blobsOf);
  const without = shardRunDirs.filter((_, k) => blobs[k]!.length === 0);
  if (without.length) return `no Playwright HTML report merged: ${without.join(', ')} has no blob/ report (the merged run has ws-chaos's index.html only)`;
  const staging = mkdtempSync(join(tmpdir(), 'ws-chaos-blobs-'));
  try {
    blobs.flat().forEach((file, k) => copyFileSync(file, join(staging, `${String(k + 1).padStart(3, '0')}-${file.split(/[\\/]/).pop()!}`)));
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const code = await new Promise<number | string>((done) => {
      const child = spawn(process.execPath, [cli, 'merge-reports', '--reporter', 'html', staging], {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, PLAYWRIGHT_HTML_OUTPUT_DIR: join(outDir, 'html'), PLAYWRIGHT_HTML_OPEN: 'never' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), MERGE_REPORTS_TIMEOUT_MS);
      child.on('error', (e) => {
        clearTimeout(timer);
        done(e.message);
      });
      child.on('close', (c) => {
        clearTimeout(timer);
        done(c === 0 ? 0 : stderr.trim().split('\n')[0] || `exit ${c}`);
      });
    });
    return code === 0 ? undefined : `Playwright's merge-reports failed (${code}): the merged run has ws-chaos's index.html only`;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
