/**
 * Parsing asyncapi/asyncapi.yaml with the AsyncAPI parser, offline: $refs to local files are read
 * from disk, and a $ref to http(s) is recorded (and answered with nothing) instead of fetched, so a
 * document that would need the network fails its spec rather than depending on who is online.
 */
import { fromFile, Parser, type AsyncAPIDocumentInterface, type Diagnostic, type SchemaParser } from '@asyncapi/parser';
import type { AnySchemaObject } from 'ajv/dist/2020.js';
import { createStrictAjv } from '@kafka-event-spec/events';
import { repoPath } from '../repository/repo-root.js';

export const ASYNCAPI_FILE = repoPath('asyncapi', 'asyncapi.yaml');

/**
 * AsyncAPI 3.0 names only JSON Schema draft-07 among the formats every tool supports; the schemas
 * are draft 2020-12, so the document names that the way AsyncAPI spells draft-07.
 */
export const JSON_SCHEMA_2020_12_FORMAT = 'application/schema+json;version=draft-2020-12';

export const JSON_SCHEMA_2020_12_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export interface ParsedAsyncApi {
  /** Undefined when the parser found errors. */
  document: AsyncAPIDocumentInterface | undefined;
  diagnostics: Diagnostic[];
  /** Every http(s) $ref the document or its schemas asked for: there should be none. */
  networkReads: string[];
}

/**
 * The 2020-12 payloads arrive with their $refs already inlined by the parser's resolver, so they are
 * checked against the 2020-12 meta-schema here; compiling them (and validating events with them) is
 * support/lib/events' job, on the files themselves.
 */
const jsonSchema2020Parser: SchemaParser = {
  getMimeTypes: () => [JSON_SCHEMA_2020_12_FORMAT],
  validate: () => [],
  parse: ({ data, path }) => {
    const ajv = createStrictAjv();
    const schema = data as AnySchemaObject;
    if (schema.$schema !== JSON_SCHEMA_2020_12_DIALECT) {
      throw new Error(
        `${path.join('/')}: $schema is ${JSON.stringify(schema.$schema)}, not ${JSON_SCHEMA_2020_12_DIALECT}`,
      );
    }
    if (!ajv.validateSchema(schema)) {
      throw new Error(`${path.join('/')}: not a JSON Schema 2020-12: ${ajv.errorsText(ajv.errors)}`);
    }
    return schema;
  },
};

export async function parseAsyncApiDocument(file: string = ASYNCAPI_FILE): Promise<ParsedAsyncApi> {
  const networkReads: string[] = [];
  const refuseNetwork = (scheme: 'http' | 'https') => ({
    schema: scheme,
    order: 1,
    read: (uri: { toString(): string }) => {
      networkReads.push(uri.toString());
      return '{}';
    },
  });
  const parser = new Parser({
    schemaParsers: [jsonSchema2020Parser],
    __unstable: { resolver: { cache: false, resolvers: [refuseNetwork('https'), refuseNetwork('http')] } },
  });
  const { document, diagnostics } = await fromFile(parser, file).parse();
  return { document, diagnostics, networkReads };
}
