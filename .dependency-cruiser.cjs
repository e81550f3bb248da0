// Import rules of Sila's layout (docs/ARCHITECTURE.md, docs/decisions/005-area-boundaries.md).
// `npm run lint` runs them; tests/unit/import-rules.test.ts proves each one bites on a fixture.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-pure',
      comment:
        'domain/ is pure rules that the browser loads too: of our code it imports only domain/ (never contracts, platform or an area); browser-safe npm packages are fine.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(?!domain/)' },
    },
    {
      name: 'domain-pure',
      comment: 'domain/ is safe in the browser: no Node built-ins (node:crypto, node:fs …), even through a bare name.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contracts-domain-only',
      comment:
        'contracts/ are the API schemas the browser shares: they may use domain/ vocabularies and zod, never the server (modules, platform, cli, app).',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/(modules|platform|cli|web|app\\.ts)', dependencyTypes: ['local', 'core'] },
    },
    {
      name: 'contracts-domain-only',
      comment: 'contracts/ load in the browser: no Node built-ins.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'platform-no-modules',
      comment:
        'platform/ is the plumbing every area stands on (db, http, crypto, files, transports); if it imported an area, that area could never use it without a cycle.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|cli|web|app\\.ts)' },
    },
    {
      name: 'web-no-server',
      comment:
        'web/ is bundled for the browser: server code (modules, platform, cli, app.ts) would leak secrets and Node built-ins into the bundle.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(modules|platform|cli|app\\.ts)' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle between files means neither can be understood, tested or loaded alone.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular',
      comment:
        "A cycle between areas (folders) hides behind acyclic files: area A uses B and B uses A, so neither can change alone. Areas react to each other through events and hooks wired in app.ts; the browser app's screens share their pieces through web/ui, and the router (web/app) hands one area's section to another's page.",
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'area-public-face-only',
      comment:
        'An area is entered only through its one public file (src/modules/<area>/index.ts): its repo, service internals and tables are its own, so it can change them without breaking another area.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'area-public-face-only',
      comment: 'The composition (app.ts) and the command line enter areas through their public file too, like any other area.',
      severity: 'error',
      from: { path: '^src/(app\\.ts|cli/)' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/[^/]+/index\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['\\.test\\.tsx?$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
