/**
 * vitest globalSetup for the "kafka" project: one broker for the whole run, handed to every spec
 * through provide/inject, and stopped when the run ends, however it ends. (A Ctrl-C or a killed
 * vitest is covered by the jvm runtime's watchdog, which stops the JVM when this process is gone.)
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { BrokerConnection } from './broker/broker-connection.js';
import { BrokerSetupError } from './broker/broker-setup-error.js';
import { readBrokerSettings } from './broker/settings.js';
import { startBroker } from './broker/start-broker.js';
import { clientConfig, writeClientConfigFile } from './kafka-tools/client-config-file.js';
import { REPO_ROOT } from './repository/repo-root.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafka: BrokerConnection;
  }
}

export const BROKER_LOG = join(REPO_ROOT, 'reports', 'kafka-broker.log');

const log = (line: string) => {
  process.stdout.write(`${line}\n`);
};

/** An environment problem is reported as its one actionable line, not as a stack trace. */
function asOneLine(error: unknown): unknown {
  if (error instanceof BrokerSetupError) {
    const clean = new Error(`kafka: ${error.message}`);
    clean.stack = clean.message;
    return clean;
  }
  return error;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  let broker;
  try {
    broker = await startBroker(readBrokerSettings(), { logFile: BROKER_LOG, log });
  } catch (error) {
    throw asOneLine(error);
  }
  log(`kafka: using ${broker.description}`);
  log(
    `kafka: broker ready ${((Date.now() - started) / 1000).toFixed(1)} s after the run began; topics and groups of this run start with "${broker.connection.namespace}"`,
  );
  // Kafka's Java tools and create_topics.sh reach a TLS/SASL cluster through a client properties file.
  const config = clientConfig(broker.connection);
  const written = config.needed && 'properties' in config ? writeClientConfigFile(config.properties) : undefined;
  project.provide('kafka', {
    ...broker.connection,
    ...(written === undefined ? {} : { clientConfigFile: written.file }),
  });
  return async () => {
    written?.remove();
    await broker.stop();
  };
}
