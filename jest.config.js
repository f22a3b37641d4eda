// Two sizes of test: unit specs beside the code, end-to-end specs in test/ against real peers.
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      astTransformers: { before: [require.resolve('./swagger-plugin.jest.js')] },
      // The Swagger plugin needs the type checker, so modules are not compiled in isolation;
      // type errors are reported by `npm run typecheck`, not by each test file (every file is
      // excluded from diagnostics). 151002 is ts-jest's notice about `module: nodenext` without
      // isolated modules, printed once per file: the build compiles the same way, so it says nothing.
      diagnostics: { exclude: ['**'], ignoreCodes: [151002] },
    },
  ],
};

module.exports = {
  // A global option (per-project values are ignored): end-to-end tests and drills start real
  // processes and wait on real peers; unit tests finish long before it.
  testTimeout: 120_000,
  projects: [
    {
      displayName: 'unit',
      rootDir: 'src',
      testRegex: '.*\\.spec\\.ts$',
      moduleFileExtensions: ['js', 'json', 'ts'],
      transform,
      testEnvironment: 'node',
    },
    {
      // The console's pure logic; compiled to CommonJS with the service's settings (the console's own
      // are for the bundler). Everything in a page is covered by the browser test.
      displayName: 'console',
      rootDir: 'console',
      testRegex: '.*\\.spec\\.ts$',
      moduleFileExtensions: ['js', 'json', 'ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json', diagnostics: { exclude: ['**'], ignoreCodes: [151002] } }] },
      testEnvironment: 'node',
    },
    {
      // The widget's pure logic (the polling schedule), compiled like the console's.
      displayName: 'widget',
      rootDir: 'widget',
      testRegex: '.*\\.spec\\.ts$',
      moduleFileExtensions: ['js', 'json', 'ts'],
      transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json', diagnostics: { exclude: ['**'], ignoreCodes: [151002] } }] },
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testRegex: '.*\\.e2e-spec\\.ts$',
      moduleFileExtensions: ['js', 'json', 'ts'],
      transform,
      testEnvironment: 'node',
    },
    {
      // Fault drills: real service processes, peers, Redis and Postgres broken on purpose (`npm run test:drills`).
      displayName: 'drills',
      rootDir: '.',
      roots: ['<rootDir>/test/drills'],
      testRegex: '.*\\.drill-spec\\.ts$',
      moduleFileExtensions: ['js', 'json', 'ts'],
      transform,
      testEnvironment: 'node',
    },
  ],
};
