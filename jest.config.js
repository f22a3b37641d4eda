// Two sizes of test: unit specs beside the code, end-to-end specs in test/ against real peers.
const transform = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      astTransformers: { before: [require.resolve('./swagger-plugin.jest.js')] },
      // The Swagger plugin needs the type checker, so modules are not compiled in isolation;
      // type errors are reported by `npm run typecheck`, not by each test file.
      diagnostics: false,
    },
  ],
};

module.exports = {
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
      displayName: 'e2e',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testRegex: '.*\\.e2e-spec\\.ts$',
      moduleFileExtensions: ['js', 'json', 'ts'],
      transform,
      testEnvironment: 'node',
      testTimeout: 60000,
    },
  ],
};
