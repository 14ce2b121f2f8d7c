/**
 * The topics one spec file owns: created through here (or handed over after a script or a tool
 * made them), and deleted when the file is done, whether its tests passed or not.
 */
import type { Admin } from 'kafkajs';
import { createTopics, deleteTopics, prefixed, prefixedTopic, type PrefixedTopic } from './catalog-topics.js';
import { createAsAfterStep4 } from './steps-3-and-4.js';
import { topicPrefix } from './topic-prefix.js';

export class OwnedTopics {
  private readonly names = new Set<string>();

  constructor(private readonly admin: Admin) {}

  /**
   * The catalog topic `catalogName` under a fresh prefix for `what`, owned from now on: for a test
   * that creates the topic itself (the call it teaches), so it is deleted even if the test fails.
   */
  name(what: string, catalogName: string): PrefixedTopic {
    const topic = prefixedTopic(topicPrefix(what), catalogName);
    this.own([topic]);
    return topic;
  }

  /** Creates the topics, waits for their leaders, and owns them. */
  async create(topics: readonly PrefixedTopic[]): Promise<readonly PrefixedTopic[]> {
    this.own(topics);
    await createTopics(this.admin, topics);
    return topics;
  }

  /** The catalog's topics (or only the named ones) under a fresh prefix for `what`, created and owned. */
  async createFromCatalog(what: string, only?: readonly string[]): Promise<PrefixedTopic[]> {
    const prefix = topicPrefix(what);
    const topics = only === undefined ? prefixed(prefix) : only.map((name) => prefixedTopic(prefix, name));
    await this.create(topics);
    return topics;
  }

  /** The topic as steps 3 and 4 leave it, owned. */
  async createAsAfterStep4(topic: PrefixedTopic): Promise<void> {
    this.own([topic]);
    await createAsAfterStep4(this.admin, topic);
  }

  /** Owns topics something else creates (a script, Kafka's tools), so they are deleted with the rest. */
  own(topics: readonly (PrefixedTopic | string)[]): void {
    for (const topic of topics) this.names.add(typeof topic === 'string' ? topic : topic.topic);
  }

  /** Deletes them now (a spec that must start again from nothing); they stay owned. */
  async deleteNow(topics: readonly (PrefixedTopic | string)[]): Promise<void> {
    await deleteTopics(
      this.admin,
      topics.map((t) => (typeof t === 'string' ? t : t.topic)),
    );
  }

  /** Every owned topic that still exists; a topic already gone is fine. */
  async deleteAll(): Promise<void> {
    await deleteTopics(this.admin, [...this.names]);
    this.names.clear();
  }
}
