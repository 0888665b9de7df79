/**
 * ws-chaos installed like a user installs it (issue 9, item 1 and "Done when"): one `pnpm pack`,
 * `npm publish --dry-run` of that tarball, then a fresh project per package manager that
 * installs it and runs the CLI (reference backend, shards + merge, a foreign backend through a profile,
 * the README's examples, `ws-chaos load`: steps-load.ts), Playwright with ws-chaos/test and with ws-chaos's config, and tsc.
 * `pnpm test:package` (a step of .ci/run); minutes, not seconds, so not part of `pnpm test`.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startForeignBackend, type ForeignBackend } from './foreign-backend.js';
import { makeProject, makeWorkDir, packTarball, type Client, type Project } from './project.js';
import { stepLoadFault, stepLoadForeign, stepLoadReference, stepLoadShardsMerge, stepLoadStorms } from './steps-load.js';
import { stepOwnPlaywrightSuite, stepPackagePlaywrightConfig, stepReadmeExamples, stepShardsMerge } from './steps-more.js';
import { stepForeignBackend, stepInstall, stepPublishDryRun, stepReferenceRun, stepSubcommandHelp, stepTypecheck, stepVersion } from './steps.js';

const work = makeWorkDir();
let tarball = '';
let foreign: ForeignBackend | undefined;
let foreignUrl = '';

beforeAll(async () => {
  tarball = await packTarball(work.dir);
  foreign = await startForeignBackend();
  foreignUrl = foreign.url;
});

afterAll(async () => {
  await foreign?.close();
  work.remove();
});

it('npm publish --dry-run succeeds and lists only what a user needs', () => stepPublishDryRun(tarball, work.dir));

describe.each<Client>(['npm', 'pnpm'])('installed with %s', (client) => {
  let project: Project;
  beforeAll(async () => {
    project = await makeProject(client, work.dir, tarball);
  });

  it('installs under the client defaults', () => stepInstall(project));
  it('ws-chaos --version prints the package version', () => stepVersion(project));
  it('ws-chaos runs every scenario against the built-in reference backend, exit 0', () => stepReferenceRun(project));
  it('ws-chaos --shard 1/2, --shard 2/2 and merge equal the unsharded run', () => stepShardsMerge(project));
  it("playwright test -c ws-chaos's own config runs the built-in scenarios", () => stepPackagePlaywrightConfig(project));
  it('a spec in the project imports ws-chaos/test and passes under its own Playwright config', () => stepOwnPlaywrightSuite(project));
  it('ws-chaos mock-backend --help', () => stepSubcommandHelp(project, 'mock-backend'));
  it('ws-chaos toxiproxy --help', () => stepSubcommandHelp(project, 'toxiproxy'));
  it('a foreign backend (op field, Authorization header) passes through a JSON profile', () => stepForeignBackend(project, foreignUrl));
  it('ws-chaos load: 200 connections against the reference backend, thresholds held, exit 0', () => stepLoadReference(project));
  it('ws-chaos load --fault welcome-pool breaches welcome.p99, exit 1 naming it', () => stepLoadFault(project));
  // Once: the storm adds no module a plain load run does not load, and it is the slowest load step.
  if (client === 'npm') it('ws-chaos load load/deploy-storm: no-jitter is RECONNECT_HERD (exit 1), jittered exit 0', () => stepLoadStorms(project));
  it('ws-chaos load against the foreign backend through its JSON profile, exit 0', () => stepLoadForeign(project, foreignUrl));
  it('ws-chaos load --shard 1/2, --shard 2/2 and merge: the merged totals are the sum', () => stepLoadShardsMerge(project));
  it('ws-chaos, ws-chaos/msw and ws-chaos/test type-check under NodeNext and Bundler', () => stepTypecheck(project));
  // Last: it leaves a ws-chaos.config.ts only for its own run.
  it("the README's config and custom-scenario examples, copied verbatim, pass against the reference backend", () => stepReadmeExamples(project));
});
