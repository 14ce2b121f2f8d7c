/** Starts support/consumer-harness/confirm-consumer-child.ts as a process of its own, as a user starts a service. */
import type { ConfirmTopics } from '@kafka-event-spec/events';
import type { BrokerConnection } from '../broker/broker-connection.js';
import { BackgroundHand } from '../docs/hand-shell.js';
import { repoPath } from '../repository/index.js';

export interface ConfirmChildOptions {
  readonly broker: Pick<BrokerConnection, 'brokers' | 'tls' | 'sasl'>;
  readonly groupId: string;
  readonly topics: ConfirmTopics;
  /** e.g. 'sent:3': the process stops dead right after the 3rd transaction's sends, before its commit. */
  readonly freeze?: `${'sent' | 'committed'}:${number}`;
}

export function startConfirmChild({ broker, groupId, topics, freeze }: ConfirmChildOptions): BackgroundHand {
  const { brokers, tls, sasl } = broker;
  // exec node --import tsx: one process, the consumer itself, which a SIGKILL ends at once.
  return new BackgroundHand(
    `exec node --import tsx ${repoPath('support', 'consumer-harness', 'confirm-consumer-child.ts')}`,
    repoPath(),
    {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      CONFIRM_KAFKA: JSON.stringify({ brokers, tls, sasl }),
      CONFIRM_GROUP: groupId,
      CONFIRM_TOPICS: JSON.stringify(topics),
      ...(freeze === undefined ? {} : { CONFIRM_FREEZE: freeze }),
    },
  );
}
