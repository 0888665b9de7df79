/**
 * No secret reaches any output: a real run against a backend that needs a real token, with a
 * profile that carries it (and an API key, a signature and an access-token in the URL, a cookie header and a recognisable
 * invalid token), then every file of the run's report directory is searched for each secret —
 * including the data the Playwright HTML report keeps zipped and base64-encoded in index.html —
 * and so is everything the CLI printed.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSED_KEEPALIVE, referenceProfile } from '../../mock-backend/profile.js';
import { signToken } from '../../mock-backend/auth.js';
import { startReferenceBackend, type RunningBackend } from '../../mock-backend/server.js';
import { killAllClis, runCli, type CliResult } from './helpers/cli.js';
import { htmlReportData } from './helpers/unzip.js';

const canary = (what: string): string => `wsc-canary-${what}-${randomBytes(6).toString('hex')}`;

/** The ways a secret could be written down: as is, URL-encoded, and base64 at each alignment. */
function spellings(secret: string): string[] {
  const out = new Set([secret, encodeURIComponent(secret)]);
  for (let shift = 0; shift < 3; shift++) {
    const b64 = Buffer.from(`${'x'.repeat(shift)}${secret}`).toString('base64');
    // Drop the characters that depend on what surrounds the secret.
    out.add(b64.slice(Math.ceil((shift * 4) / 3) + 1, -4));
  }
  return [...out].filter((s) => s.length >= 8);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (lstatSync(path).isSymbolicLink()) return [];
    return e.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('redaction across every output of a real run', () => {
  const root = mkdtempSync(join(tmpdir(), 'wsc-redact-'));
  const secrets: Record<string, string> = {};
  let backend: RunningBackend;
  let cli: CliResult;

  beforeAll(async () => {
    backend = await startReferenceBackend({ keepalive: COMPRESSED_KEEPALIVE, faults: ['no-app-pong'] });
    secrets.token = await signToken(backend.config.jwtSecret, canary('subject'));
    secrets.tokenSignature = secrets.token.split('.')[2]!;
    secrets.apiKey = canary('apikey');
    secrets.sig = canary('sig');
    secrets.accessToken = canary('access-token');
    secrets.cookie = canary('cookie');
    secrets.invalidToken = canary('invalid');
    const base = referenceProfile({ wsUrl: backend.wsUrl, healthUrl: backend.healthUrl, token: secrets.token, keepalive: COMPRESSED_KEEPALIVE });
    const profile = {
      ...base,
      name: 'redaction-check',
      // Credential parameters outside any fixed list (issue 8 item 25), beside the usual api_key.
      url: `${backend.wsUrl}?api_key=${secrets.apiKey}&sig=${secrets.sig}&access-token=${secrets.accessToken}&room=lobby`,
      headers: { Cookie: `session=${secrets.cookie}` },
      auth: { mode: 'query', param: 'token', token: '${WSC_TEST_TOKEN}' },
      invalidAuth: { ...base.invalidAuth, token: secrets.invalidToken },
    };
    writeFileSync(join(root, 'profile.json'), JSON.stringify(profile));
    // Every conformance scenario, and chaos ones whose timelines carry proxy URLs and notes.
    const grep = '^(conformance/|chaos/(partition-recover|reset-peer|latency-welcome)$)';
    cli = await runCli(['--profile', join(root, 'profile.json'), '--grep', grep, '--out', join(root, 'reports'), '--verbose'], {
      env: { WSC_TEST_TOKEN: secrets.token },
      timeoutMs: 100_000,
    });
  }, 110_000);

  afterAll(async () => {
    killAllClis();
    await backend?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('ran the scenarios with the real credentials (so the secrets were really in play)', () => {
    expect(cli.code, cli.stdout + cli.stderr).toBe(1);
    expect(cli.stdout).toMatch(/✓ conformance\/handshake/);
    expect(cli.stdout).toMatch(/✓ chaos\/partition-recover/);
    expect(cli.stdout).toMatch(/✗ conformance\/app-ping-pong .*APP_PONG_MISSING/);
    expect(cli.stdout).toContain('[REDACTED]');
  });

  it('writes none of the secrets to any report file, the HTML report data, or the console', () => {
    const runDir = join(root, 'reports', 'latest');
    const files = filesUnder(join(root, 'reports'));
    const texts: Array<[string, string]> = files.map((f) => [f, readFileSync(f, 'latin1')]);
    const index = files.find((f) => f.endsWith(join('html', 'index.html')))!;
    const embedded = htmlReportData(readFileSync(index, 'utf8'));
    expect(embedded.size).toBeGreaterThan(1);
    for (const [name, body] of embedded) texts.push([`${index} » ${name}`, body.toString('utf8')]);
    texts.push(['stdout', cli.stdout], ['stderr', cli.stderr]);

    // What was searched: every kind of output.
    const searched = texts.map(([f]) => f.replace(root, ''));
    for (const kind of ['results.json', 'junit.xml', 'summary.md', 'index.html', '.svg', 'report.json', 'error-context.md']) {
      expect(searched.some((f) => f.includes(kind)), `no ${kind} searched`).toBe(true);
    }

    const leaks: string[] = [];
    for (const [what, secret] of Object.entries(secrets)) {
      for (const spelling of spellings(secret)) {
        for (const [file, body] of texts) if (body.includes(spelling)) leaks.push(`${what} (${spelling.slice(0, 12)}…) in ${file.replace(root, '')}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(readFileSync(join(runDir, 'results.json'), 'utf8')).toContain('token=[REDACTED]');
  });
});
