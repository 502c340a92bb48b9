// Dependency direction: core <- stages <- composition root (src/service.ts with src/service/, src/cli/).
// Stages exchange records defined in core and never import each other.
const stages =
  'config|sources|matching|counting|decisions|firewall|actions|persistence|control|observability';

module.exports = {
  forbidden: [
    {
      name: 'core-is-a-leaf',
      severity: 'error',
      comment: 'src/core holds shared vocabulary and imports nothing else from src.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'stages-do-not-import-each-other',
      severity: 'error',
      comment: 'A stage imports only itself and core; wiring happens in src/service.ts or src/cli.',
      from: { path: `^src/(${stages})/` },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/$1/'] },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/cli/', '^src/service(\\.ts$|/)'] },
      to: { path: ['^src/cli/', '^src/service(\\.ts$|/)'] },
    },
    {
      name: 'worker-entry-imports-only-pure-matching',
      severity: 'error',
      comment:
        'Every worker thread loads what its entry imports: only matching code and core, never the pool, the engine or other stages.',
      from: { path: '^src/matching/match-worker\\.ts$' },
      to: { path: ['^src/matching/match-engine', 'node_modules/piscina', '^src/(?!matching/|core/)'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-does-not-import-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
