// @ts-check
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/.sanity',
      '.lake',
      'artifacts',
      '.tmp*',
      'queries/sanity.types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {console: 'readonly', process: 'readonly', URL: 'readonly'},
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
      ],
    },
  },
  // The rules of hooks and the React Compiler's rules, every one an error, as the shared eslint
  // config of sanity-io/plugins has them.
  reactHooks.configs.flat['recommended-latest'],
  {
    name: 'react-hooks/react-compiler',
    rules: {
      // `warn` in recommended-latest.
      'react-hooks/exhaustive-deps': 'error',
      'react-hooks/incompatible-library': 'error',
      'react-hooks/unsupported-syntax': 'error',
      // Compiler rules recommended-latest leaves off.
      'react-hooks/capitalized-calls': 'error',
      'react-hooks/memoized-effect-dependencies': 'error',
      'react-hooks/no-deriving-state-in-effects': 'error',
      'react-hooks/hooks': 'error',
      'react-hooks/invariant': 'error',
      'react-hooks/rule-suppression': 'error',
      'react-hooks/syntax': 'error',
      'react-hooks/todo': 'error',
    },
  },
)
