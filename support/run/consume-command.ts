/**
 * `npm run consume` (support/cli/consume.ts) as a user starts it, for the specs that prove it: a
 * child in a process group of its own (so SIGINT reaches it as Ctrl-C in a terminal does), with
 * the settings of the broker it is pointed at and none of this run's other settings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { BackgroundHand } from '../docs/hand-shell.js';
import { REPO_ROOT } from '../repository/repo-root.js';
import type { ProjectSettings } from './npm-script.js';

/** As a user types it; `-s` keeps npm's own error lines out, so a bad input shows as the one line consume prints. */
export const CONSUME_COMMAND = 'npm run consume';
export const CONSUME_COMMAND_SILENT = 'npm run -s consume';

/**
 * What `npm run consume` runs (package.json's script, `node --import tsx support/cli/consume.ts`),
 * for a spec that judges its exit status: npm itself, sent Ctrl-C with its script, ends by that
 * signal once the script has exited, whatever the script's own status. One process, not `tsx`'s
 * CLI: specs/contracts/ctrl-c-reaches-the-script.spec.ts says why.
 */
export function consumeScript(): string {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = scripts?.consume;
  if (script === undefined) throw new Error('package.json has no "consume" script');
  return script;
}

/** Variables of the parent run that would change what the child does: the child gets only what a case sets. */
const INHERITED_SETTINGS = /^(KAFKA_|TOPIC_|VERIFY_|CONSUMER_GROUP$|VITEST|npm_)/;

/** The variables that point consume at `connection`: KAFKA_BROKERS and its TLS/SASL settings. */
export function brokerSettings(connection: Pick<BrokerConnection, 'brokers' | 'tls' | 'sasl'>): ProjectSettings {
  const { tls, sasl } = connection;
  return {
    KAFKA_BROKERS: connection.brokers.join(','),
    ...(tls === undefined
      ? {}
      : {
          KAFKA_SSL: 'true',
          KAFKA_SSL_CA_FILE: tls.caFile,
          KAFKA_SSL_CERT_FILE: tls.certFile,
          KAFKA_SSL_KEY_FILE: tls.keyFile,
          KAFKA_SSL_REJECT_UNAUTHORIZED: String(tls.rejectUnauthorized),
        }),
    ...(sasl === undefined
      ? {}
      : {
          KAFKA_SASL_MECHANISM: sasl.mechanism,
          KAFKA_SASL_USERNAME: sasl.username,
          KAFKA_SASL_PASSWORD: sasl.password,
        }),
  };
}

/** Starts `command` (npm run consume, or its script) in the repository with only `settings` of this project's variables. */
export function startConsume(settings: ProjectSettings, command: string = CONSUME_COMMAND): BackgroundHand {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !INHERITED_SETTINGS.test(name)) env[name] = value;
  for (const [name, value] of Object.entries(settings)) if (value !== undefined) env[name] = value;
  // node_modules/.bin first, as npm puts it for a script.
  const path = `${join(REPO_ROOT, 'node_modules', '.bin')}:${env.PATH ?? ''}`;
  return new BackgroundHand(command, REPO_ROOT, { ...env, PATH: path, NO_COLOR: '1', FORCE_COLOR: '0' });
}
