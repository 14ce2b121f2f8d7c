import { randomBytes } from 'node:crypto';
import { BrokerSetupError } from './broker-setup-error.js';
import { containerRuntimeAvailable, startContainerBroker } from './container/container-runtime.js';
import { useExternalBroker } from './external/external-runtime.js';
import { findJava } from './jvm/find-java.js';
import { startJvmBroker } from './jvm/jvm-runtime.js';
import { RUN_NAMESPACE_PREFIX, type RunningBroker } from './running-broker.js';
import type { BrokerSettings } from './settings.js';

export interface StartOptions {
  logFile: string;
  log: (line: string) => void;
}

/** A prefix unique to this run, so two runs on one cluster never share a topic or a group. */
function runNamespace(): string {
  return `${RUN_NAMESPACE_PREFIX}${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

const THREE_WAYS =
  'No way to get a Kafka broker was found. Use one of: ' +
  '(1) Docker: start a Docker engine (KAFKA_RUNTIME=container); ' +
  '(2) Java: install a JDK 17+ and Maven, or set KAFKA_HOME to a Kafka distribution (KAFKA_RUNTIME=jvm); ' +
  '(3) an existing cluster: KAFKA_BROKERS=host:port (KAFKA_RUNTIME=external).';

/** KAFKA_RUNTIME=auto: an external cluster if named, else a container if Docker runs, else the JVM. */
async function chooseAutomatically(settings: BrokerSettings): Promise<'external' | 'container' | 'jvm'> {
  if (settings.brokers !== undefined) return 'external';
  if ((await containerRuntimeAvailable()).available) return 'container';
  if ((await findJava()).java !== undefined) return 'jvm';
  throw new BrokerSetupError(THREE_WAYS);
}

export async function startBroker(settings: BrokerSettings, options: StartOptions): Promise<RunningBroker> {
  const runtime = settings.runtime === 'auto' ? await chooseAutomatically(settings) : settings.runtime;
  if (settings.runtime === 'auto') options.log(`kafka: KAFKA_RUNTIME=auto chose the ${runtime} runtime`);
  const namespace = runNamespace();
  switch (runtime) {
    case 'external':
      return useExternalBroker(settings, namespace, options.log);
    case 'container':
      return startContainerBroker(settings, namespace, options);
    case 'jvm':
      return startJvmBroker(settings, namespace, options);
  }
}
