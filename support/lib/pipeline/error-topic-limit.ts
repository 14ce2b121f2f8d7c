/**
 * The error topic's max.message.bytes, read from the topic's config (the broker's default applies
 * when the topic sets none, and describeConfigs reports that default). Read once, and again after
 * the broker refuses a write as too large: the config may have changed.
 */
import type { Admin } from 'kafkajs';
import { ConfigResourceTypes } from '../kafkajs.js';

export interface ErrorTopicLimit {
  /** The largest record batch the topic accepts, in bytes. Throws when the topic cannot be described (e.g. it does not exist). */
  maxMessageBytes(): Promise<number>;
  forget(): void;
}

export function errorTopicLimit(admin: Admin, topic: string): ErrorTopicLimit {
  let known: number | undefined;
  return {
    async maxMessageBytes() {
      if (known !== undefined) return known;
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }],
      });
      const value = resources[0]?.configEntries.find((entry) => entry.configName === 'max.message.bytes')?.configValue;
      const bytes = Number(value);
      if (!Number.isInteger(bytes) || bytes <= 0)
        throw new Error(
          `the error topic ${topic} reports max.message.bytes=${String(value)}, not a positive whole number`,
        );
      known = bytes;
      return bytes;
    },
    forget() {
      known = undefined;
    },
  };
}
