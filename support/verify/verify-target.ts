/**
 * What `npm run verify` checks, from the environment: the user's cluster (KAFKA_BROKERS and the
 * TLS/SASL variables the external runtime reads), the topic catalog and the prefix of their names.
 * Every bad input is one line that says what to do.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SaslSettings, TlsSettings } from '../broker/broker-connection.js';
import { BrokerSetupError } from '../broker/broker-setup-error.js';
import { readBrokerSettings } from '../broker/settings.js';
import { catalogDifferences, pinnedToMilestone } from '../topics/catalog-vs-milestone.js';
import { parseTopicCatalog, TOPIC_CATALOG_FILE, type CatalogTopic } from '../topics/topic-catalog.js';

/** Plain JSON: it crosses from the verify globalSetup to the specs through provide/inject. */
export interface VerifyTarget {
  brokers: string[];
  tls: TlsSettings | undefined;
  sasl: SaslSettings | undefined;
  catalogFile: string;
  /** The catalog's topics, each with the milestone's 3-day retention whatever the file says. */
  catalog: CatalogTopic[];
  /** How the file differs from the milestone, one phrase each (empty when it does not). */
  catalogDifferences: string[];
  /** Put in front of every catalog name, e.g. "staging." ('' for none). */
  prefix: string;
}

type Env = Record<string, string | undefined>;

/** A problem with what the user asked verify to check; shown as its one line. */
export class VerifyInputError extends BrokerSetupError {}

function readCatalog(file: string): CatalogTopic[] {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new VerifyInputError(
      `TOPIC_CATALOG=${file} is not a file: point it at a topic catalog like ${TOPIC_CATALOG_FILE}.`,
    );
  }
  let catalog: CatalogTopic[];
  try {
    catalog = parseTopicCatalog(readFileSync(file, 'utf8'), file);
  } catch (error) {
    throw new VerifyInputError(
      `the topic catalog is malformed: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (catalog.length === 0) throw new VerifyInputError(`the topic catalog ${file} lists no topics.`);
  const seen = new Set<string>();
  for (const topic of catalog) {
    if (seen.has(topic.name)) throw new VerifyInputError(`the topic catalog ${file} lists ${topic.name} twice.`);
    seen.add(topic.name);
  }
  return catalog;
}

export function readVerifyTarget(env: Env = process.env): VerifyTarget {
  const settings = readBrokerSettings(env);
  if (settings.brokers === undefined) {
    throw new VerifyInputError(
      'npm run verify checks your own cluster: set KAFKA_BROKERS=host:port[,host:port...] (and the KAFKA_SSL_*/KAFKA_SASL_* variables it needs).',
    );
  }
  const catalogFile = resolve(env.TOPIC_CATALOG?.trim() || TOPIC_CATALOG_FILE);
  const prefix = env.TOPIC_PREFIX?.trim() ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(prefix)) {
    throw new VerifyInputError(
      `TOPIC_PREFIX=${prefix} cannot start a topic name: Kafka allows letters, digits, '.', '_' and '-'.`,
    );
  }
  if (['1', 'true', 'yes'].includes(env.VERIFY_PUBLISH?.trim().toLowerCase() ?? '')) {
    // Said rather than ignored: a run that skipped step 6 must not look as if it proved it.
    throw new VerifyInputError(
      'VERIFY_PUBLISH=true (step 6 on your own topics) is not available yet: reading the records back without leaving a consumer group behind needs a reader kafkajs does not have. Unset it; steps 2-5 are checked without it.',
    );
  }
  const catalog = readCatalog(catalogFile);
  return {
    brokers: settings.brokers,
    tls: settings.tls,
    sasl: settings.sasl,
    catalogFile,
    catalog: pinnedToMilestone(catalog),
    catalogDifferences: catalogDifferences(catalog),
    prefix,
  };
}
