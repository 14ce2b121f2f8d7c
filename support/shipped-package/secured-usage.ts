/**
 * The README's usage connects with `brokers` alone, as most readers' local Kafka allows. On a run
 * whose broker wants TLS or SASL, the spec gives that `new Kafka({...})` the run's `ssl` and `sasl`
 * (kafkajs' own options, what the README tells such a reader to add), and changes nothing else.
 */
import type { BrokerConnection } from '../broker/broker-connection.js';
import { kafkajsConfig } from '../broker/kafkajs-config.js';

const CLIENT_LINE = "new Kafka({ clientId: 'inventory',";
export const SECURITY_VARIABLE = 'KAFKAJS_SECURITY';

/** The usage as it runs against `broker`, and the environment it then needs. */
export function usageFor(
  usage: string,
  broker: Pick<BrokerConnection, 'brokers' | 'tls' | 'sasl'>,
): { code: string; env: Record<string, string> } {
  if (broker.tls === undefined && broker.sasl === undefined) return { code: usage, env: {} };
  if (!usage.includes(CLIENT_LINE)) throw new Error(`the README's usage no longer has \`${CLIENT_LINE}\``);
  const { ssl, sasl } = kafkajsConfig(broker, 'inventory');
  return {
    code: usage.replace(
      CLIENT_LINE,
      `new Kafka({ ...JSON.parse(process.env.${SECURITY_VARIABLE}), clientId: 'inventory',`,
    ),
    env: { [SECURITY_VARIABLE]: JSON.stringify({ ssl, sasl }) },
  };
}
