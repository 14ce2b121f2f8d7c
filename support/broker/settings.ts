import { BrokerSetupError } from './broker-setup-error.js';
import type { SaslSettings, TlsSettings } from './broker-connection.js';
import { DEFAULT_KAFKA_VERSION } from './kafka-versions.js';

export const RUNTIME_CHOICES = ['auto', 'jvm', 'container', 'external'] as const;
export type RuntimeChoice = (typeof RUNTIME_CHOICES)[number];

/** Every environment variable the suite reads, parsed once and checked. */
export interface BrokerSettings {
  runtime: RuntimeChoice;
  kafkaVersion: string;
  kafkaVersionExplicit: boolean;
  kafkaHome: string | undefined;
  jarsCache: string | undefined;
  brokers: string[] | undefined;
  tls: TlsSettings | undefined;
  sasl: SaslSettings | undefined;
  containerImage: string | undefined;
  bootTimeoutMs: number;
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function parseBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = nonEmpty(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes'].includes(value)) return true;
  if (['0', 'false', 'no'].includes(value)) return false;
  throw new BrokerSetupError(`${name}=${value} is not a boolean: use true or false.`);
}

function parseRuntime(env: Env): RuntimeChoice {
  const value = (nonEmpty(env, 'KAFKA_RUNTIME') ?? 'auto').toLowerCase();
  const choice = RUNTIME_CHOICES.find((c) => c === value);
  if (choice === undefined) {
    throw new BrokerSetupError(`KAFKA_RUNTIME=${value} is not one of: ${RUNTIME_CHOICES.join(', ')}.`);
  }
  return choice;
}

function parseBrokers(env: Env): string[] | undefined {
  const value = nonEmpty(env, 'KAFKA_BROKERS');
  if (value === undefined) return undefined;
  const brokers = value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(broker)) {
      throw new BrokerSetupError(`KAFKA_BROKERS: "${broker}" is not host:port (e.g. localhost:9092,other:9092).`);
    }
  }
  return brokers;
}

function parseTls(env: Env): TlsSettings | undefined {
  const caFile = nonEmpty(env, 'KAFKA_SSL_CA_FILE');
  const certFile = nonEmpty(env, 'KAFKA_SSL_CERT_FILE');
  const keyFile = nonEmpty(env, 'KAFKA_SSL_KEY_FILE');
  const enabled = parseBoolean(env, 'KAFKA_SSL', caFile !== undefined || certFile !== undefined);
  if (!enabled) return undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new BrokerSetupError('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together: set both or neither.');
  }
  const tls: TlsSettings = { rejectUnauthorized: parseBoolean(env, 'KAFKA_SSL_REJECT_UNAUTHORIZED', true) };
  if (caFile !== undefined) tls.caFile = caFile;
  if (certFile !== undefined) tls.certFile = certFile;
  if (keyFile !== undefined) tls.keyFile = keyFile;
  return tls;
}

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

function parseSasl(env: Env): SaslSettings | undefined {
  const raw = nonEmpty(env, 'KAFKA_SASL_MECHANISM');
  if (raw === undefined) return undefined;
  const mechanism = SASL_MECHANISMS.find((m) => m === raw.toLowerCase());
  if (mechanism === undefined) {
    throw new BrokerSetupError(`KAFKA_SASL_MECHANISM=${raw} is not one of: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512.`);
  }
  const username = nonEmpty(env, 'KAFKA_SASL_USERNAME');
  const password = env.KAFKA_SASL_PASSWORD;
  if (username === undefined || password === undefined) {
    throw new BrokerSetupError('KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.');
  }
  return { mechanism, username, password };
}

function parsePositiveInt(env: Env, name: string, fallback: number): number {
  const value = nonEmpty(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new BrokerSetupError(`${name}=${value} is not a positive whole number.`);
  }
  return parsed;
}

export function readBrokerSettings(env: Env = process.env): BrokerSettings {
  const explicitVersion = nonEmpty(env, 'KAFKA_VERSION');
  if (explicitVersion !== undefined && !/^\d+\.\d+\.\d+$/.test(explicitVersion)) {
    throw new BrokerSetupError(
      `KAFKA_VERSION=${explicitVersion} is not a release number like ${DEFAULT_KAFKA_VERSION}.`,
    );
  }
  return {
    runtime: parseRuntime(env),
    kafkaVersion: explicitVersion ?? DEFAULT_KAFKA_VERSION,
    kafkaVersionExplicit: explicitVersion !== undefined,
    kafkaHome: nonEmpty(env, 'KAFKA_HOME'),
    jarsCache: nonEmpty(env, 'KAFKA_JARS_CACHE'),
    brokers: parseBrokers(env),
    tls: parseTls(env),
    sasl: parseSasl(env),
    containerImage: nonEmpty(env, 'KAFKA_CONTAINER_IMAGE'),
    bootTimeoutMs: parsePositiveInt(env, 'KAFKA_BOOT_TIMEOUT_MS', 120_000),
  };
}
