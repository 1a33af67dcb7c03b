// NestJS 11 is CommonJS, so jest runs TypeScript through ts-jest in CommonJS mode.
// Type-checking is done once by `npm run typecheck`; here ts-jest only transpiles each file on
// its own (fast): ts-jest 29.4 does that when the tsconfig sets `isolatedModules: true` (its own
// `isolatedModules` option is deprecated), which also makes tsc flag code that transpiling
// file by file would get wrong.
const moduleNameMapper = {
  '^@app/composition$': '<rootDir>/libs/composition/src',
  '^@app/config$': '<rootDir>/libs/config/src',
  '^@app/domain$': '<rootDir>/libs/domain/src',
  '^@app/event-store$': '<rootDir>/libs/event-store/src',
  '^@app/event-store/(sqlite|postgres|eventstoredb)$': '<rootDir>/libs/event-store/src/$1',
  '^@app/event-store/testing$': '<rootDir>/libs/event-store/testing',
  '^@app/ledger$': '<rootDir>/libs/ledger/src',
  '^@app/ledger/(sqlite|postgres)$': '<rootDir>/libs/ledger/src/$1',
  '^@app/process-managers$': '<rootDir>/libs/process-managers/src',
  '^@app/projections$': '<rootDir>/libs/projections/src',
  '^@app/projections/(sqlite|postgres)$': '<rootDir>/libs/projections/src/$1',
};
// Packages that ship ESM only: node loads them with require(esm), jest cannot, so ts-jest
// transpiles them to CommonJS. content-disposition 3 (used by @fastify/static, which serves
// /docs); json-schema-ref-parser (used by swagger-parser, which validates the OpenAPI document).
const ESM_ONLY_PACKAGES = ['content-disposition', '@apidevtools/json-schema-ref-parser'];
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  [`/node_modules/(${ESM_ONLY_PACKAGES.join('|')})/.+\\.js$`]: [
    'ts-jest',
    {
      tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true },
    },
  ],
};
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`];
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
};

module.exports = {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/docker: the compose files read as the ledger's configuration reads them.
      testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/docker/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/ledger-web/'],
    },
    // The dashboard's own logic (formatting, chart series): plain functions, no DOM needed.
    { ...common, displayName: 'web', testMatch: ['<rootDir>/apps/ledger-web/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'contract',
      testMatch: ['<rootDir>/test/contract/**/*.contract-spec.ts'],
    },
    // An e2e case boots the real app (and some spawn a CLI or a child process): 5 s is too
    // short on a loaded 2-core machine, so the default is 30 s; a case that needs more says so.
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
    // The dashboard in Debian's Chromium through playwright-core (test/browser/browser.ts).
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
    },
  ],
};
