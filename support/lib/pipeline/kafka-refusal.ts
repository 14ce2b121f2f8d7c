/**
 * Names why Kafka refused a write, from whatever kafkajs threw: the protocol error's type
 * (MESSAGE_TOO_LARGE, NOT_ENOUGH_REPLICAS, TOPIC_AUTHORIZATION_FAILED, UNKNOWN_TOPIC_OR_PARTITION, ...),
 * found through the wrappers kafkajs puts around it (retries exceeded, a failed send).
 */
function typeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  if ('type' in error && typeof error.type === 'string' && error.type !== '') return error.type;
  for (const inner of ['originalError', 'cause']) {
    const found = inner in error ? typeOf((error as Record<string, unknown>)[inner], depth + 1) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The Kafka error code's name, or the error's class name when it is not a Kafka error (e.g. KafkaJSConnectionError). */
export function kafkaRefusal(error: unknown): string {
  const type = typeOf(error);
  if (type !== undefined) return type;
  if (error instanceof Error) return error.name;
  return 'UNKNOWN';
}

/** Refusals that mean the error topic's own limit changed or was misread: read it again before the next try. */
export function isTooLarge(refusal: string): boolean {
  return refusal === 'MESSAGE_TOO_LARGE' || refusal === 'RECORD_LIST_TOO_LARGE' || refusal === 'INVALID_RECORD';
}
