// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '**/dist/**', '.cache/**', 'reports/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only', message: 'CI runs every spec.' },
        { object: 'it', property: 'skip', message: 'A spec that cannot run says why, visibly.' },
        { object: 'describe', property: 'only', message: 'CI runs every spec.' },
        { object: 'describe', property: 'skip', message: 'A spec that cannot run says why, visibly.' },
        { object: 'test', property: 'only', message: 'CI runs every spec.' },
        { object: 'test', property: 'skip', message: 'A spec that cannot run says why, visibly.' },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
