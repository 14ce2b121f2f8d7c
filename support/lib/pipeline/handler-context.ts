import type { KafkaMessage } from 'kafkajs';
import { headersFromKafkajs, type RecordHeader } from '../events/index.js';

/** What a handler learns about the record its event came in. */
export interface HandlerContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly headers: readonly RecordHeader[];
  /** 1 on the first try; a handler that threw is called again with the next attempt. */
  readonly attempt: number;
}

/** The record a handler is given, and which try at it this is. */
export interface HandledMessage {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
  readonly attempt: number;
}

/** A HandlerContext over a kafkajs message; the headers are decoded only if the handler asks. */
export class MessageContext implements HandlerContext {
  readonly topic: string;
  readonly partition: number;
  readonly attempt: number;
  readonly offset: string;
  readonly key: Buffer | null;
  private readonly message: KafkaMessage;
  private decodedHeaders: readonly RecordHeader[] | undefined;

  constructor({ topic, partition, message, attempt }: HandledMessage) {
    this.topic = topic;
    this.partition = partition;
    this.message = message;
    this.attempt = attempt;
    this.offset = message.offset;
    this.key = message.key;
  }

  get headers(): readonly RecordHeader[] {
    this.decodedHeaders ??= headersFromKafkajs(this.message.headers);
    return this.decodedHeaders;
  }
}
