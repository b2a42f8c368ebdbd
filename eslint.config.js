// Lint config. Besides ordinary hygiene it enforces the process boundaries of
// DESIGN.md §1: renderer -> shared only, preload -> electron + shared, shared ->
// zod only, and 'electron' only inside main/electron/ and the preload bridge.
// The boundaries are one local rule (opsroom/boundaries) that resolves relative
// imports against the file's real location, so '../../main/x' is caught however
// deep the importer sits, and dynamic import()/require() are checked too.
import path from 'node:path';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const repoRoot = import.meta.dirname;
const nodeBuiltins = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))];

// ---------------------------------------------------------------------------
// opsroom/boundaries
// options: [{ modules?: string[], anyNode?: boolean, areas?: string[],
//             onlyWithin?: string, allowModules?: string[], allowTypeImports?: boolean,
//             message: string }]
//   modules      bare specifiers refused ('electron' also refuses 'electron/x')
//   anyNode      refuse every Node built-in ('node:*' and the bare names)
//   areas        repo folders a relative import may not land in ('main', 'preload'...)
//   onlyWithin   relative imports must stay inside this folder, and bare specifiers
//                must be in allowModules
// ---------------------------------------------------------------------------
const isRelative = (spec) => spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../');
const matchesModule = (spec, name) => spec === name || spec.startsWith(`${name}/`);
const isNodeBuiltin = (spec) => spec.startsWith('node:') || nodeBuiltins.some((m) => matchesModule(spec, m));
const isInside = (rel, folder) => rel === folder || rel.startsWith(`${folder}/`);

function violated(restriction, spec, fromFile) {
  if (isRelative(spec)) {
    const target = path
      .relative(repoRoot, path.resolve(path.dirname(fromFile), spec))
      .split(path.sep)
      .join('/');
    if (restriction.areas?.some((a) => isInside(target, a))) return true;
    if (restriction.onlyWithin && !isInside(target, restriction.onlyWithin)) return true;
    return false;
  }
  if (restriction.modules?.some((m) => matchesModule(spec, m))) return true;
  if (restriction.anyNode && isNodeBuiltin(spec)) return true;
  if (restriction.onlyWithin && !(restriction.allowModules ?? []).some((m) => matchesModule(spec, m))) return true;
  return false;
}

const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each process to the imports its side of the boundary may use (DESIGN.md §1)' },
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
    messages: { boundary: "'{{spec}}': {{message}}" },
  },
  create(context) {
    const restrictions = context.options;
    const file = context.filename;
    function check(node, spec, typeOnly) {
      if (typeof spec !== 'string') return;
      for (const r of restrictions) {
        if (typeOnly && r.allowTypeImports) continue;
        if (violated(r, spec, file)) {
          context.report({ node, messageId: 'boundary', data: { spec, message: r.message } });
          return;
        }
      }
    }
    const fromSource = (node) =>
      check(node.source, node.source?.value, node.importKind === 'type' || node.exportKind === 'type');
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: (node) => node.source && fromSource(node),
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value, false),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node.moduleReference.expression, node.moduleReference.expression.value, node.importKind === 'type'),
      CallExpression: (node) => {
        const [arg] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && arg?.type === 'Literal') {
          check(arg, arg.value, false);
        }
      },
    };
  },
};

// --- the restrictions, one message each --------------------------------------
const noElectron = {
  modules: ['electron'],
  message: 'Only main/electron/ (and the preload bridge) may import electron; go through the router instead.',
};
const noUiFromMain = {
  areas: ['renderer', 'preload'],
  message: 'main/ must not import renderer/ or preload/: they run in other processes. Share types through shared/.',
};
const rendererRules = [
  {
    areas: ['main', 'preload'],
    message:
      'The renderer must not import main/ or preload/: they run in another process. Use shared/api and the typed client.',
  },
  {
    anyNode: true,
    message:
      'The renderer runs sandboxed in a browser and has no Node built-ins; ask the main process through the router.',
  },
  {
    modules: ['better-sqlite3', 'ws', 'electron'],
    message:
      'Server-side and Electron modules do not belong in the renderer; go through the typed client and the router.',
  },
];
const preloadRules = [
  {
    areas: ['main', 'renderer'],
    message: 'The preload bridge may import electron and shared/ only, never main/ or renderer/.',
  },
  {
    anyNode: true,
    message: 'A sandboxed preload has no Node built-ins; keep the bridge to electron + shared/.',
  },
  {
    modules: ['better-sqlite3', 'ws', 'react', 'react-dom'],
    message: 'The preload bridge may import electron and shared/ only.',
  },
];
const sharedRules = [
  {
    onlyWithin: 'shared',
    allowModules: ['zod'],
    message:
      'shared/ is the contract: it may import only zod and other files inside shared/ (no main, renderer, preload, Node, React or electron).',
  },
];

const sharedForbiddenGlobals = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'HTMLElement',
  'process',
  'Buffer',
  'require',
  '__dirname',
  '__filename',
  'global',
].map((name) => ({
  name,
  message: `shared/ runs in every process, so it may not use the DOM or Node global '${name}'; pass what you need in as an argument.`,
}));

export default defineConfig(
  globalIgnores([
    'out/',
    'dist/',
    'coverage/',
    'node_modules/',
    'test/fixtures/lint/',
    '.opsroom-dev/',
    'test-results/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { opsroom: { rules: { boundaries: boundariesRule } } },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },

  // Node-side code: the main process, the CLI, scripts, tests, build config.
  {
    files: ['main/**', 'scripts/**', 'bin/**', 'test/**', '*.{js,mjs,cjs,ts}', '**/*.config.{js,mjs,cjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },

  // Boundaries. For one rule the last matching block wins, so each block below
  // lists every restriction of its area; more specific areas come later.
  {
    // scripts/ is left out on purpose: the launcher runs in plain Node and may
    // resolve the electron package to find its binary.
    files: ['main/**', 'renderer/**', 'shared/**', 'test/**', 'bin/**'],
    rules: { 'opsroom/boundaries': ['error', noElectron] },
  },
  {
    // Tests may name Electron's types when they build stand-ins for it.
    files: ['test/**'],
    rules: { 'opsroom/boundaries': ['error', { ...noElectron, allowTypeImports: true }] },
  },
  {
    files: ['main/**'],
    rules: { 'opsroom/boundaries': ['error', noElectron, noUiFromMain] },
  },
  {
    files: ['main/electron/**'],
    rules: { 'opsroom/boundaries': ['error', noUiFromMain] },
  },
  {
    files: ['preload/**'],
    rules: { 'opsroom/boundaries': ['error', ...preloadRules] },
  },
  {
    files: ['renderer/**'],
    // Build config that sits beside the renderer runs in Node at build time, not in the window.
    ignores: ['renderer/**/*.config.{js,mjs,cjs,ts}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'opsroom/boundaries': ['error', ...rendererRules],
      ...reactHooks.configs['recommended-latest'].rules,
      // Lint runs with --max-warnings 0, so every rule is an error or off.
      'react-hooks/exhaustive-deps': 'error',
      // Informational compiler notes (e.g. about @tanstack/react-virtual), not defects.
      'react-hooks/incompatible-library': 'off',
      'react-hooks/unsupported-syntax': 'off',
      // These two assume the React Compiler, which this build does not use: they
      // refuse the ordinary latest-value ref and a loading flag set as a fetch
      // effect starts, both correct without the compiler.
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'opsroom/boundaries': ['error', ...sharedRules],
      'no-restricted-globals': ['error', ...sharedForbiddenGlobals],
    },
  },

  // Logging: the main process has a logger (main/applog), the renderer shows
  // errors in the UI; only the CLI and scripts talk to a terminal.
  {
    files: ['main/**', 'renderer/**', 'shared/**', 'preload/**'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['main/cli/**'],
    rules: { 'no-console': 'off' },
  },

  // Tests build odd inputs on purpose.
  {
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
    },
  },
);
