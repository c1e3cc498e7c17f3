import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// eslint-disable-next-line no-restricted-syntax -- ESLint requires a default export here
export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  // Raw IPC stays inside its three wrappers (STYLE habit 2; test/unit/raw-ipc-confined.test.ts
  // proves the same by grep): ipcMain in electron/main/ipc.ts, webContents.send in
  // electron/main/push.ts, ipcRenderer in electron/preload/index.ts. Placed before the core block,
  // which bans 'electron' outright there. Each block repeats the named-exports selector because
  // a later rule setting replaces an earlier one's options.
  ...(() => {
    const namedExports = { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' };
    const raw = {
      ipcMain: ['ipcMain', 'electron/main/ipc.ts'],
      ipcRenderer: ['ipcRenderer', 'electron/preload/index.ts'],
    };
    const importBan = (names) => [
      'error',
      {
        paths: names.map((name) => ({
          name: 'electron',
          importNames: [name],
          message: `${name} is used only in ${raw[name][1]}.`,
        })),
      },
    ];
    const memberBan = (name) => ({
      selector: `:matches(MemberExpression[property.name='${name}'], ObjectPattern > Property[key.name='${name}'])`,
      message: `${name} is used only in ${raw[name][1]}.`,
    });
    const sendBan = {
      selector:
        "MemberExpression[property.name='send']:matches([object.name='webContents'], [object.property.name='webContents'])",
      message: 'webContents.send is used only in electron/main/push.ts.',
    };
    const syntax = (...bans) => ['error', namedExports, ...bans];
    return [
      {
        files: ['**/*.{ts,tsx,js,mjs,cjs}'],
        rules: {
          'no-restricted-imports': importBan(['ipcMain', 'ipcRenderer']),
          'no-restricted-syntax': syntax(memberBan('ipcMain'), memberBan('ipcRenderer'), sendBan),
        },
      },
      {
        files: ['electron/main/ipc.ts'],
        rules: {
          'no-restricted-imports': importBan(['ipcRenderer']),
          'no-restricted-syntax': syntax(memberBan('ipcRenderer'), sendBan),
        },
      },
      {
        files: ['electron/main/push.ts'],
        rules: {
          'no-restricted-syntax': syntax(memberBan('ipcMain'), memberBan('ipcRenderer')),
        },
      },
      {
        files: ['electron/preload/index.ts'],
        rules: {
          'no-restricted-imports': importBan(['ipcMain']),
          'no-restricted-syntax': syntax(memberBan('ipcMain'), sendBan),
        },
      },
    ];
  })(),
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'core, cli and shared are plain Node (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer runs in a sandboxed page: browser globals only, no Node, and the argument
    // schemas only as types so zod never reaches the bundle.
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', 'global'],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the host via bridge.ts.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node (docs/architecture.md).' },
            {
              // electron/shared is dependency-free but for call-args.ts (zod); of core, only the
              // history query is pure, so the UI filters and searches by the rule `log` uses.
              group: [
                'zod',
                'zod/*',
                '**/electron/shared/call-args',
                '**/electron/core/*',
                '!**/electron/core/history-query',
              ],
              allowTypeImports: true,
              message: 'Use `import type`: zod must not enter the renderer bundle.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
