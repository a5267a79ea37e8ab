/**
 * Cycles between feature folders, over the product's own code (tests, their helpers and the entry
 * points left out, since they reach into every folder). Run after .dependency-cruiser.cjs.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles-between-feature-folders',
      comment: 'Features depend on each other one way: a feature that another uses does not use it back.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/features/[^/]+$' },
      to: { path: '^src/features/[^/]+$', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: '(^node_modules/|\\.test\\.ts$|^test/|test-support\\.ts$|test-helpers\\.ts$|test-fixtures\\.ts$|api-support\\.ts$|rules-support\\.ts$|^src/[^/]+\\.ts$|^src/demo/)',
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
