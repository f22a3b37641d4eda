// Applies the Nest Swagger CLI plugin under ts-jest too, with the options of nest-cli.json,
// so tests see the same schemas as `nest build`.
const plugin = require('@nestjs/swagger/plugin');
const { options } = require('./nest-cli.json').compilerOptions.plugins[0];

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler) => plugin.before(options, compiler.program),
};
