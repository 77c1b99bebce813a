// One swc configuration for the server: used by the build (tools/build/server.mjs) and by Jest.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const tsconfig = require(path.join(root, 'tsconfig.base.json'));

/** @param {{ paths?: boolean, sourceMaps?: boolean | 'inline' }} opts */
function swcOptions(opts = {}) {
  const paths = {};
  for (const [alias, targets] of Object.entries(tsconfig.compilerOptions.paths)) {
    paths[alias] = targets.map((t) => t.replace(/\.ts$/, ''));
  }
  return {
    sourceMaps: opts.sourceMaps ?? true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      ...(opts.paths ? { baseUrl: root, paths } : {}),
    },
  };
}

module.exports = { swcOptions, root };
