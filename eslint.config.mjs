// ESLint (flat config) for the mail-merge plugin (admin and server) and the admin customisation.
// Run with `npm run lint`.
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/dist/**', '**/build/**', '**/node_modules/**', '**/.tmp/**', '**/.cache/**', '**/.strapi/**']),
  {
    files: [
      'src/plugins/mail-merge/admin/src/**/*.{ts,tsx,js,jsx}',
      'src/plugins/mail-merge/server/src/**/*.{ts,tsx,js}',
      'src/plugins/mail-merge/shared/**/*.ts',
      'src/admin/**/*.{ts,tsx,js,jsx}',
    ],
    extends: [tseslint.configs.recommended],
    plugins: { 'react-hooks': reactHooks },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The two classic hooks rules, both as errors. The React Compiler rules that
      // eslint-plugin-react-hooks 7 adds to its « recommended » preset (purity, refs,
      // set-state-in-effect, …) are not enabled: they target code written for the compiler,
      // which this plugin does not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',

      // Turned off from typescript-eslint's « recommended »:
      // - no-explicit-any: the Strapi APIs the plugin plugs into (app.registerPlugin, the
      //   Content Manager's APIs, strapi.db, ctx) are typed loosely or not at all, and the
      //   plugin's own types are being tightened separately; 'off' for now.
      '@typescript-eslint/no-explicit-any': 'off',
      // Kept, with the codebase's convention: a leading underscore marks an argument or a
      // destructured value left unused on purpose (e.g. a rest omit `{ key: _key, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The contracts type each route as content-releases does: one `export declare namespace` per
    // action (types only, nothing emitted), which the rule allows as declarations.
    files: ['src/plugins/mail-merge/shared/contracts/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }] },
  },
  {
    // The server's worker-thread and child-process programs (mime-worker.js, sqlite-child.js, …)
    // are plain CommonJS run by Node as they are, not bundled: require() is how they import.
    files: ['src/plugins/mail-merge/server/src/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  }
);
