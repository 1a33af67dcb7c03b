// The layers as docs/DESIGN draws them, checked on every `npm run lint` (dependency-cruiser).
// Paths are the files the imports resolve to (through tsconfig paths), so `@app/x` counts as an
// import of libs/x's entry.
/** A library's entries: its index, and the folders it publishes as entries of their own. */
const ENTRY = [
  '^libs/[^/]+/(src/index\\.ts|testing/index\\.ts)$',
  '^libs/[^/]+/src/(sqlite|postgres|eventstoredb)/index\\.ts$',
];
/**
 * Adapters, each kind on an entry of its own: `@app/event-store/sqlite|postgres|eventstoredb`,
 * `@app/projections/sqlite|postgres` (read models, ownership), `@app/ledger/sqlite|postgres`
 * (the Idempotency-Key index).
 */
const ADAPTERS = '^libs/[^/]+/src/(sqlite|postgres|eventstoredb)/';
/** The database drivers (and their types): what a port entry must never load. */
const DRIVERS =
  '^node_modules/(better-sqlite3|pg|@types/better-sqlite3|@types/pg|@eventstore/db-client)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'The domain imports nothing of ours and no framework: no @nestjs, no store, no driver ' +
        '(node:crypto for name-based ids is allowed; fast-check only in its specs).',
      severity: 'error',
      from: { path: '^libs/domain/src/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain/src/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'entries-only',
      comment:
        'Code imports another library only through its entry (`@app/domain`, …), never by a ' +
        'deep path; within a library, relative imports are free.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: { path: '^libs/', pathNot: [...ENTRY, '^libs/$2/'] },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'Libraries do not know the processes that compose them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'event-store-knows-no-ledger',
      comment: 'The event store is below everything: it imports no other library of ours.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/', pathNot: '^libs/event-store/' },
    },
    {
      name: 'ports-have-no-adapters',
      comment:
        'Outside its adapter folders a library (its port entry: `@app/event-store`, ' +
        '`@app/projections`, `@app/ledger`) imports none of its adapters: a process that opens ' +
        'PostgreSQL does not load the SQLite store, nor the reverse.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/', pathNot: [ADAPTERS, '\\.spec\\.ts$'] },
      to: { path: '^libs/$1/src/(sqlite|postgres|eventstoredb)/' },
    },
    {
      name: 'port-entries-load-no-driver',
      comment:
        "A library's main entry reaches no database driver, through any chain of imports " +
        '(type-only and lazy ones included): the drivers load from the adapter entries only.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/index\\.ts$', pathNot: '^libs/composition/' },
      to: { path: DRIVERS, reachable: true },
    },
    {
      name: 'apps-choose-adapters',
      comment:
        'Libraries work on ports; only the composition roots (the apps, and @app/composition ' +
        "which they share) import an adapter's entry (a library's own specs may open the " +
        'embedded store to test against; an adapter may build on an adapter of its own kind).',
      severity: 'error',
      from: { path: '^libs/', pathNot: ['^libs/composition/', ADAPTERS, '\\.spec\\.ts$'] },
      to: { path: ADAPTERS },
    },
    {
      name: 'adapters-stay-in-their-kind',
      comment: 'A SQLite adapter builds on SQLite adapters only, and so on for each kind.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/(sqlite|postgres|eventstoredb)/' },
      to: { path: ADAPTERS, pathNot: '^libs/[^/]+/src/$1/' },
    },
    {
      name: 'drivers-stay-in-adapters',
      comment:
        'The PostgreSQL and EventStoreDB clients are loaded only by adapters: an event-store ' +
        'adapter folder, or a file named for its store (postgres-read-model-store.ts, …).',
      severity: 'error',
      from: {
        pathNot: [
          '^libs/[^/]+/src/(postgres|eventstoredb)/',
          '(^|/)(postgres|eventstoredb)-[^/]+\\.ts$',
          '^test/',
        ],
      },
      to: { path: '^node_modules/(pg|@types/pg|@eventstore/db-client)/' },
    },
    {
      name: 'command-side-knows-no-read-side',
      comment:
        'The command side (libs/ledger) does not import read models or process managers: they ' +
        'follow it through the log. What it needs from them is a port it declares.',
      severity: 'error',
      from: { path: '^libs/ledger/' },
      to: { path: '^libs/(projections|process-managers)/' },
    },
    {
      name: 'read-models-never-write',
      comment:
        'Projections do not import the command side nor the process managers: a read model ' +
        'never writes to the log.',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^libs/(ledger|process-managers)/' },
    },
    {
      name: 'process-managers-are-composed-by-apps',
      comment: 'Only a composition root (an app) runs the process managers.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/process-managers/' },
      to: { path: '^libs/process-managers/' },
    },
    {
      name: 'composition-is-for-apps',
      comment: 'Only an app opens what the configuration names (@app/composition).',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/composition/' },
      to: { path: '^libs/composition/' },
    },
    {
      name: 'code-never-imports-tests',
      comment:
        'What ships (apps, libs) never depends on the tests or their support code (a spec beside ' +
        'the code may use the shared test support).',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'specs-are-not-imported',
      comment:
        'A spec is run, never imported: what two specs share goes in a support file ' +
        '(test/support, test/contract/support, test/e2e/*-scenario.ts).',
      severity: 'error',
      from: {},
      to: { path: '\\.(spec|e2e-spec|contract-spec|browser-spec)\\.ts$' },
    },
    {
      name: 'tests-use-entries',
      comment:
        'e2e, browser and docker specs and the shared test support use the libraries as the apps ' +
        'do, through their entries. The contract specs and the benchmarks are exempt: they test ' +
        'and measure an adapter class itself (PostgresEventStore, …), which its entry loads lazily.',
      severity: 'error',
      from: { path: '^test/', pathNot: ['^test/contract/', '^test/bench/'] },
      to: { path: '^libs/', pathNot: ENTRY },
    },
    {
      name: 'no-circular',
      comment: 'No import cycle between modules.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.json'],
    },
  },
};
