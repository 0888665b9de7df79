/**
 * A throwaway user project for the config tests: a temp dir whose `ws-chaos` import resolves to
 * this repository's source (node_modules/ws-chaos re-exports harness/index.ts, as the packed
 * package's dist/harness/index.js would), and a bounded run of the CLI from source in it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Project {
  dir: string;
  write(path: string, text: string): string;
  remove(): void;
}

export function makeProject(files: Record<string, string> = {}): Project {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-config-'));
  const write = (path: string, text: string): string => {
    const file = join(dir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  write('node_modules/ws-chaos/package.json', JSON.stringify({ name: 'ws-chaos', type: 'module', exports: { '.': './index.js' } }));
  write('node_modules/ws-chaos/index.js', `export * from ${JSON.stringify(pathToFileURL(join(REPO, 'harness/index.ts')).href)};\n`);
  for (const [path, text] of Object.entries(files)) write(path, text);
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import tsx cli/main.ts ...args` from the repo, the user's directory `cwd` (INIT_CWD), killed after `timeoutMs`. */
export function runCli(args: string[], cwd: string, timeoutMs = 90_000): Promise<CliResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'cli/main.ts'), ...args], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1', INIT_CWD: cwd },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGINT'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** The fenced ```ts block right after the README line `<!-- marker -->` (the examples H-pack's packed test reuses too). */
export function readmeBlock(readme: string, marker: string): string {
  const at = readme.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README has no <!-- ${marker} --> line`);
  const m = /^\s*```ts\n([\s\S]*?)\n```/.exec(readme.slice(at + marker.length + 9));
  if (!m) throw new Error(`no \`\`\`ts block right after <!-- ${marker} -->`);
  return `${m[1]}\n`;
}
