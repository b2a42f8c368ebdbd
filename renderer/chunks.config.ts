import type { BuildEnvironmentOptions } from 'vite';

type RolldownOptions = NonNullable<BuildEnvironmentOptions['rolldownOptions']>;
type OutputOptions = Extract<NonNullable<RolldownOptions['output']>, { codeSplitting?: unknown }>;

/** Module ids inside node_modules/<pkg>/, where <pkg> matches one of the given regex sources. */
function inPackages(...pkgs: string[]): RegExp {
  return new RegExp(`[\\\\/]node_modules[\\\\/](?:${pkgs.join('|')})[\\\\/]`);
}

/**
 * How the renderer bundle is cut. Every view is already a chunk of its own (a
 * dynamic import in renderer/views/registry.ts); these groups give the large
 * libraries chunks of their own too, so a view's chunk holds only its code,
 * the first paint fetches neither charts nor terminals, and a library upgrade
 * renames one file rather than all of them. All of it is bundled and served by
 * the app itself: the CSP allows script only from 'self'.
 *
 * A group also takes the dependencies of what it captures, so the groups the
 * others depend on (React, then the UI kit) have the higher priority and claim
 * their modules first.
 */
export const rendererChunking: OutputOptions['codeSplitting'] = {
  groups: [
    { name: 'react', test: inPackages('react', 'react-dom', 'scheduler'), priority: 50 },
    // The shell's UI kit and what it is built on: needed on first paint anyway,
    // and one chunk instead of one per component a view happens to use.
    {
      name: 'mantine',
      test: inPackages(
        '@mantine',
        '@floating-ui',
        'react-remove-scroll(?:-bar)?',
        'react-style-singleton',
        'use-callback-ref',
        'use-sidecar',
        'get-nonce',
        'detect-node-es',
        'tslib',
        'clsx',
        'react-transition-group',
        'react-number-format',
        'react-textarea-autosize',
        '@babel[\\\\/]runtime',
      ),
      priority: 40,
    },
    { name: 'icons', test: inPackages('@tabler[\\\\/]icons-react'), priority: 40 },
    { name: 'zod', test: inPackages('zod'), priority: 40 },
    { name: 'virtual', test: inPackages('@tanstack[\\\\/][a-z-]+'), priority: 40 },
    // recharts 3 with d3 (some through victory-vendor) and its redux store; only chart views load it.
    {
      name: 'charts',
      test: inPackages(
        'recharts',
        'victory-vendor',
        'd3-[a-z-]+',
        'internmap',
        'decimal\\.js-light',
        'es-toolkit',
        '@reduxjs[\\\\/]toolkit',
        'redux(?:-thunk)?',
        'reselect',
        'immer',
        'react-redux',
        'eventemitter3',
        'tiny-invariant',
      ),
      priority: 30,
    },
    { name: 'xterm', test: inPackages('@xterm[\\\\/][a-z-]+'), priority: 30 },
  ],
};
