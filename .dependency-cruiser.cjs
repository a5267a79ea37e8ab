/**
 * The house rules of the code's structure, checked by `npm run check` (docs/architecture.md):
 * dependencies point features → platform → db; a feature uses another only through its service.ts;
 * demo code and test support stay out of the product; no cycles between files or feature folders.
 */
const TEST =
  '(\\.test\\.ts$|^test/|test-support\\.ts$|test-helpers\\.ts$|test-fixtures\\.ts$|api-support\\.ts$|rules-support\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle between files: split what both need into a third, or turn one import around.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'db-is-the-bottom',
      comment: 'src/db knows nothing of the platform or the features above it.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(platform|features|demo)/' },
    },
    {
      name: 'platform-knows-no-feature',
      comment: 'src/platform serves every feature and imports none of them.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(features|demo)/' },
    },
    {
      name: 'features-meet-through-service',
      comment: "A feature uses another feature only through that feature's service.ts.",
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: TEST },
      to: { path: '^src/features/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/service\\.ts$'] },
    },
    {
      name: 'demo-uses-features-through-service',
      comment: 'The demo seeds through the services, as users would, not through feature internals.',
      severity: 'error',
      from: { path: '^src/demo/', pathNot: TEST },
      to: { path: '^src/features/', pathNot: '^src/features/[^/]+/service\\.ts$' },
    },
    {
      name: 'demo-only-for-seed-and-tests',
      comment: 'The demo partnership is seeded by the entry points and used by tests, and nothing else.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/demo/', '^src/main\\.ts$', '^src/cli\\.ts$', TEST] },
      to: { path: '^src/demo/' },
    },
    {
      name: 'no-test-support-in-the-product',
      comment: 'Production code never imports tests or their helpers.',
      severity: 'error',
      from: { path: '^(src|bench)/', pathNot: TEST },
      to: { path: TEST },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|data|scratch)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
