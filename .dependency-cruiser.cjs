/**
 * The import boundaries of ws-chaos, checked by dependency-cruiser in `pnpm lint`.
 * docs/architecture.md explains the picture; each rule below says why it exists.
 * Paths are relative to the repository root (depcruise runs there).
 */

/** Leaves the pure judges may use: no I/O, no engine state, nothing above them. */
const DIAGNOSE_LEAVES = [
  '^harness/diagnose/',
  '^harness/match[.]ts$',
  '^harness/timeline[.]ts$',
  '^harness/close-codes[.]ts$',
  '^harness/clock[.]ts$',
  '^harness/results[.]ts$',
  '^harness/results-sections[.]ts$',
  '^harness/client/policy[.]ts$',
  '^harness/client/recommended[.]ts$', // the recommended client policy: data, imports nothing
  '^harness/client/profile[.]ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle makes load order matter (a half-initialised module), hides which file owns a ' +
        'concept, and makes parts impossible to use alone. Move the shared type or function down into a ' +
        'file both can import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-not-above',
      severity: 'error',
      comment:
        'harness/ is the library core. The CLI, the Playwright fixtures, the built-in scenarios and the ' +
        'reference backend are its clients: the engine takes them as parameters, never imports them ' +
        '(otherwise a user cannot run the engine with their own scenarios or against their own backend).',
      from: { path: '^harness/' },
      to: { path: '^(cli|fixtures|scenarios|mock-backend)/' },
    },
    {
      name: 'diagnose-is-pure',
      severity: 'error',
      comment:
        'The judges in harness/diagnose/ are pure functions of observations (DESIGN.md), the most ' +
        'unit-tested code: they import only each other and a few pure leaves (match, timeline, ' +
        'close codes, the clock constants, the result and client-policy types) — no I/O, no probe, no ' +
        'Node or npm module.',
      from: { path: '^harness/diagnose/' },
      to: { pathNot: DIAGNOSE_LEAVES },
    },
    {
      name: 'results-contract-no-reporter',
      severity: 'error',
      comment:
        'results.json is the contract every report derives from. The contract (harness/results.ts and ' +
        'everything it reaches) must not depend on a reporter, or a reporter change could change the ' +
        'contract, and the contract could not be used without the reporters.',
      from: { path: '^harness/results[.]ts$' },
      to: { path: '^harness/reporters/', reachable: true },
    },
    {
      name: 'scenarios-use-public-api',
      severity: 'error',
      comment:
        'Built-in scenarios are written like a user\'s: from the engine they import only the public API ' +
        '(harness/index.ts, `ws-chaos`). Whatever a built-in scenario needs, a user scenario can have. ' +
        'The Playwright specs (*.spec.ts) are runner glue and are exempt.',
      from: { path: '^scenarios/', pathNot: '[.]spec[.]ts$' },
      to: { path: '^(harness|cli|fixtures|mock-backend)/', pathNot: '^harness/index[.]ts$' },
    },
    {
      name: 'mock-backend-uses-public-api-and-faults',
      severity: 'error',
      comment:
        'The reference backend is a client of the engine like any backend under test: it imports the ' +
        'public API (harness/index.ts) and the fault catalogue with its one interpreter (harness/faults/), ' +
        'which it enacts. Nothing else of the engine, and nothing of the CLI, fixtures or scenarios.',
      from: { path: '^mock-backend/' },
      to: {
        path: '^(harness|cli|fixtures|scenarios)/',
        pathNot: ['^harness/index[.]ts$', '^harness/faults/'],
      },
    },
    {
      name: 'cli-is-top',
      severity: 'error',
      comment:
        'cli/ is the `ws-chaos` bin, the top of the graph: nothing in the engine, fixtures, scenarios or ' +
        'the reference backend may import it (the CLI calls them, and a package user never has it).',
      from: { path: '^(harness|fixtures|scenarios|mock-backend)/' },
      to: { path: '^cli/' },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment:
        'test/ is not shipped. Product code that imports it breaks once installed from the package, and ' +
        'test helpers become a hidden API.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'resolvable',
      severity: 'error',
      comment:
        'An import that resolves to nothing is a typo or a file that moved; tsc reports it too, but ' +
        'depcruise would otherwise silently drop the edge and miss a violation behind it.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|reports|test-results|[.]tmp)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    cache: false,
  },
};
