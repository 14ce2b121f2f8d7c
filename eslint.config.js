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
      // More than three parameters read as a riddle at the call site: take a named options object.
      'max-params': ['error', 3],
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
  {
    // One way in: a spec imports support code only through the barrel of the folder that holds it
    // (#support/<folder>/index.js), never a file inside it nor a relative path into support/.
    files: ['specs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vitest',
              importNames: ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'],
              message:
                'Shared setup is a fixture (test.extend, with its cleanup) or it.beforeAll / it.afterAll, which see the fixtures.',
            },
            {
              name: '@kafka-event-spec/events',
              importNames: ['pollUntil', 'withDeadline'],
              message:
                "A spec waits with expect.poll or vi.waitFor and a message saying what it expected; pollUntil is the shipped code's own.",
            },
          ],
          patterns: [
            {
              group: ['../*', './*'],
              message: 'Specs import support code through its folder barrel: #support/<folder>/index.js.',
            },
            {
              regex: '^#support/lib/',
              message:
                'The shipped code is imported by its package name, @kafka-event-spec/events, as an engineer would.',
            },
            {
              regex: '^#support/(?:.+/)?(?!index\\.js$)[^/]+$',
              message: "Import the folder's barrel, #support/<folder>/index.js, not a file inside it.",
            },
          ],
        },
      ],
    },
  },
  {
    // The harness and the bench use the shipped code as an engineer would: by its package name, never
    // a file inside support/lib (which also keeps deep internals out of what the package must export).
    files: ['support/**/*.ts', 'bench/**/*.ts', '*.ts'],
    ignores: ['support/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:\\.\\.?/)+(?:support/)?lib/',
              message: 'Import the shipped code by its package name, @kafka-event-spec/events.',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
