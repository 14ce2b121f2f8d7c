/**
 * kafkajs is CommonJS: Node's ESM loader sees only some of its exports as named exports
 * (ConfigResourceTypes, for one, is missing). Every runtime value comes through here instead.
 */
import kafkajs from 'kafkajs';

export const { Kafka, logLevel, ConfigResourceTypes, ConfigSource, CompressionTypes, Partitioners, AssignerProtocol } =
  kafkajs;
// ACLs, for the least-privilege broker of the verify specs.
export const { AclResourceTypes, AclOperationTypes, AclPermissionTypes, ResourcePatternTypes } = kafkajs;
