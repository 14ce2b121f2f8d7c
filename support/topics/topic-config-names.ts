/**
 * The topic-level configs Kafka knows (kafka-configs.sh --entity-type topics, Kafka 3.7 to 4.x),
 * each with the type of its value, so that a catalog line is checked before any broker sees it:
 * `retension.ms` is not a config, `2592OOOOO` is not a number.
 */

/** The config steps 4 and 5 raise: how long a topic keeps its records. */
export const RETENTION_MS = 'retention.ms';

type ConfigType =
  | { kind: 'int' }
  | { kind: 'double' }
  | { kind: 'boolean' }
  | { kind: 'one of'; values: readonly string[] }
  | { kind: 'list of'; values: readonly string[] }
  | { kind: 'string' };

const INT: ConfigType = { kind: 'int' };
const BOOLEAN: ConfigType = { kind: 'boolean' };
const STRING: ConfigType = { kind: 'string' };

export const TOPIC_CONFIG_TYPES: Readonly<Record<string, ConfigType>> = {
  'cleanup.policy': { kind: 'list of', values: ['delete', 'compact'] },
  'compression.type': { kind: 'one of', values: ['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer'] },
  'compression.gzip.level': INT,
  'compression.lz4.level': INT,
  'compression.zstd.level': INT,
  'delete.retention.ms': INT,
  'file.delete.delay.ms': INT,
  'flush.messages': INT,
  'flush.ms': INT,
  'follower.replication.throttled.replicas': STRING,
  'index.interval.bytes': INT,
  'leader.replication.throttled.replicas': STRING,
  'local.retention.bytes': INT,
  'local.retention.ms': INT,
  'max.compaction.lag.ms': INT,
  'max.message.bytes': INT,
  'message.downconversion.enable': BOOLEAN,
  'message.format.version': STRING,
  'message.timestamp.after.max.ms': INT,
  'message.timestamp.before.max.ms': INT,
  'message.timestamp.difference.max.ms': INT,
  'message.timestamp.type': { kind: 'one of', values: ['CreateTime', 'LogAppendTime'] },
  'min.cleanable.dirty.ratio': { kind: 'double' },
  'min.compaction.lag.ms': INT,
  'min.insync.replicas': INT,
  preallocate: BOOLEAN,
  'remote.log.copy.disable': BOOLEAN,
  'remote.log.delete.on.disable': BOOLEAN,
  'remote.storage.enable': BOOLEAN,
  'retention.bytes': INT,
  'retention.ms': INT,
  'segment.bytes': INT,
  'segment.index.bytes': INT,
  'segment.jitter.ms': INT,
  'segment.ms': INT,
  'unclean.leader.election.enable': BOOLEAN,
};

/** Why `value` is not a value of config `name`, or undefined when it is one (or the config is unknown). */
export function topicConfigValueProblem(name: string, value: string): string | undefined {
  const type = TOPIC_CONFIG_TYPES[name];
  if (type === undefined) return undefined;
  switch (type.kind) {
    case 'int':
      return /^-?\d+$/.test(value) ? undefined : `"${value}" is not a whole number`;
    case 'double':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : `"${value}" is not a number`;
    case 'boolean':
      return ['true', 'false'].includes(value) ? undefined : `"${value}" is not true or false`;
    case 'one of':
      return type.values.includes(value) ? undefined : `"${value}" is not one of ${type.values.join(', ')}`;
    case 'list of': {
      // In a catalog line a list is written with ';' between its items (',' separates the configs).
      const items = value.replace(/^\[|\]$/g, '').split(/[;,]/);
      const bad = items.filter((item) => !type.values.includes(item));
      return bad.length === 0 ? undefined : `"${value}" is not a list of ${type.values.join(', ')}`;
    }
    case 'string':
      return undefined;
  }
}
