/**
 * What ships is a package of its own (support/lib, `@kafka-event-spec/events`): checked here without a
 * broker, on its source, so that a change which would tie it to the repository fails before any pack.
 * - It imports only itself, its three dependencies and Node's built-ins other than the file system:
 *   it reads no file (the schemas come from the generated literals) and knows no repository path.
 * - Its manifest names it, exports one entry point with types, and carries a license and a README.
 * - It exports the runtime API only: the readers of examples/ and the repository's paths stay in the harness.
 * specs/kafka/step-7-installed-package.spec.ts then installs the packed package and runs its README.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from '#support/repository/index.js';
import { PACKAGE_SOURCE, USAGE_MARKER } from '#support/shipped-package/index.js';

const DEPENDENCIES = ['ajv', 'ajv-formats', 'kafkajs'];
// Types only: the event types are derived from the schemas at compile time (support/lib/events/types.ts).
const TYPE_ONLY_PEER = 'json-schema-to-ts';

function sourceFiles(): string[] {
  return readdirSync(PACKAGE_SOURCE, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.startsWith('dist/') && !file.startsWith('node_modules/'))
    .map((file) => join(PACKAGE_SOURCE, file));
}

/** Every module specifier a file imports or re-exports from, and whether it is for types only. */
function specifiers(file: string): { specifier: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:^|\s)(import|export)(\s+type)?\b[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/gm),
  ].map((match) => ({ specifier: match[3] ?? match[4] ?? '', typeOnly: match[2] !== undefined }));
}

describe('the shipped package, support/lib, needs nothing of the repository', () => {
  const files = sourceFiles();

  it.each(files.map((file) => [relative(repoPath(), file), file]))(
    '%s imports only the package, its dependencies and Node',
    (_, file) => {
      for (const { specifier, typeOnly } of specifiers(file)) {
        const where = `${relative(repoPath(), file)} imports '${specifier}'`;
        if (specifier.startsWith('.')) {
          const target = resolve(file, '..', specifier);
          expect(target.startsWith(PACKAGE_SOURCE + '/'), `${where}: a file outside support/lib`).toBe(true);
        } else if (specifier.startsWith('node:')) {
          expect(specifier, `${where}: the package reads no file`).not.toMatch(/^node:fs/);
        } else if (typeOnly && specifier === TYPE_ONLY_PEER) {
          // Erased from the JavaScript; the declarations need it, so it is an optional peer dependency.
        } else {
          const name = specifier.split('/')[0] ?? specifier;
          expect(DEPENDENCIES, `${where}: not one of its dependencies`).toContain(name);
        }
      }
      expect(readFileSync(file, 'utf8'), `${relative(repoPath(), file)}: the package reads no file`).not.toMatch(
        /readFileSync|import\.meta\.(url|dirname)/,
      );
    },
  );

  it('its package.json names it, exports one entry point with types, and depends on kafkajs, ajv and ajv-formats only', () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE_SOURCE, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license: string;
      type: string;
      exports: Record<string, { types?: string; default?: string }>;
      dependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional: boolean }>;
    };
    expect(manifest.name, 'support/lib/package.json name').toBe('@kafka-event-spec/events');
    expect(manifest.version, 'support/lib/package.json version').toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.license, 'support/lib/package.json license').toBe('Apache-2.0');
    expect(manifest.type, 'support/lib/package.json type (ESM)').toBe('module');
    expect(Object.keys(manifest.exports), 'support/lib/package.json exports').toEqual(['.']);
    expect(manifest.exports['.']?.types, "support/lib/package.json exports['.'].types").toBeDefined();
    expect(Object.keys(manifest.dependencies).sort(), 'support/lib/package.json dependencies').toEqual(DEPENDENCIES);
    expect(manifest.peerDependenciesMeta, 'support/lib/package.json: json-schema-to-ts, for the types only').toEqual({
      [TYPE_ONLY_PEER]: { optional: true },
    });
    expect(readFileSync(join(PACKAGE_SOURCE, 'LICENSE'), 'utf8'), 'support/lib/LICENSE').toContain('Apache License');
    expect(
      readFileSync(join(PACKAGE_SOURCE, 'README.md'), 'utf8'),
      'support/lib/README.md: the usage a spec runs',
    ).toContain(USAGE_MARKER);
  });

  it('exports the runtime API, not the readers of test data nor repository paths', async () => {
    // The whole module, as an engineer's `import *` sees it (a namespace import would also reach pollUntil).
    const exported = Object.keys(await import('@kafka-event-spec/events'));
    expect(exported, 'the package exports EventConsumer, validateEvent and setTopicConfigs').toEqual(
      expect.arrayContaining(['EventConsumer', 'validateEvent', 'setTopicConfigs', 'Kafka']),
    );
    for (const harnessOnly of [
      'readInvalidTwins',
      'describeInvalidExample',
      'projectPath',
      'readExample',
      'readValidExample',
      'examplePathByEventType',
      'readSchemaFiles',
      'REPO_ROOT',
      'repoPath',
    ])
      expect(exported, `the package exports ${harnessOnly}, which belongs to the harness`).not.toContain(harnessOnly);
  });
});
