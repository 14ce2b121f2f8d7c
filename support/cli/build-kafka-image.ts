/**
 * npm run kafka:image [-- [--force] [VERSION...]]
 *
 * Builds (or finds, by fingerprint) the locally built Apache Kafka image that
 * KAFKA_CONTAINER_IMAGE=local runs, for KAFKA_VERSION or each VERSION given. No registry is used.
 */
import { BrokerSetupError } from '../broker/broker-setup-error.js';
import { readBrokerSettings } from '../broker/settings.js';
import { ensureKafkaImage } from '../broker/container/image/kafka-image.js';

const log = (line: string) => {
  process.stdout.write(`${line}\n`);
};

async function main(args: string[]): Promise<void> {
  const force = args.includes('--force');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--force');
  if (unknown.length > 0)
    throw new BrokerSetupError(`unknown option(s): ${unknown.join(' ')} (usage: kafka:image [--force] [VERSION...])`);
  const settings = readBrokerSettings();
  const versions = args.filter((a) => !a.startsWith('-'));
  const requests =
    versions.length === 0 ? [settings] : versions.map((v) => readBrokerSettings({ ...process.env, KAFKA_VERSION: v }));
  for (const request of requests) {
    const image = await ensureKafkaImage(request, log, { force });
    log(
      `kafka: ${image.built ? 'built' : 'already built (same fingerprint)'} ${image.name} in ${image.seconds.toFixed(1)} s`,
    );
  }
  log(
    'kafka: run the suite on it with KAFKA_RUNTIME=container KAFKA_CONTAINER_IMAGE=local (see docs/container-runtime.md)',
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `kafka: ${error instanceof BrokerSetupError ? error.message : String(error instanceof Error ? error.stack : error)}\n`,
  );
  process.exitCode = 1;
});
