import type { Admin } from 'kafkajs';
import { msWithHumanUnits } from '../reporting/duration.js';
import { topicLevelConfigs } from '@kafka-event-spec/events';
import { describeTopic, replicationFactorOf, type TopicDescription } from './topic-description.js';

/** What "the same configuration" means in step 5: layout plus the configs set on the topic. */
export interface TopicSettings {
  partitions: number;
  replicationFactor: number;
  /** Topic-level configs only: a broker default is not part of the topic's configuration. */
  configs: Readonly<Record<string, string>>;
}

export function topicSettings(description: TopicDescription, configs: Readonly<Record<string, string>>): TopicSettings {
  return { partitions: description.partitions.length, replicationFactor: replicationFactorOf(description), configs };
}

/** A topic's settings as a program reads them: Metadata plus DescribeConfigs. */
export async function readTopicSettings(admin: Admin, topic: string): Promise<TopicSettings> {
  const [description, configs] = await Promise.all([describeTopic(admin, topic), topicLevelConfigs(admin, topic)]);
  return topicSettings(description, configs);
}

/** A config value in human terms: durations (*.ms) also in days/hours; an absent one says so. */
export function showConfigValue(name: string, value: string | undefined): string {
  if (value === undefined) return '(not set on the topic)';
  return name.endsWith('.ms') ? msWithHumanUnits(value) : value;
}

/** A labelled set of configs, e.g. { label: 'OrderReceived', configs }. */
export interface Labelled<T> {
  label: string;
  value: T;
}

/** One line per config that differs, e.g. "retention.ms: OrderReceived 259200000 (3 days), Notification 10800000 (3 hours)". */
export function diffConfigs(
  a: Labelled<Readonly<Record<string, string>>>,
  b: Labelled<Readonly<Record<string, string>>>,
): string[] {
  const names = [...new Set([...Object.keys(a.value), ...Object.keys(b.value)])].sort();
  return names
    .filter((name) => a.value[name] !== b.value[name])
    .map(
      (name) =>
        `${name}: ${a.label} ${showConfigValue(name, a.value[name])}, ${b.label} ${showConfigValue(name, b.value[name])}`,
    );
}

/** One line per difference in partitions, replication factor or topic-level configs. */
export function diffTopicSettings(a: Labelled<TopicSettings>, b: Labelled<TopicSettings>): string[] {
  const lines: string[] = [];
  if (a.value.partitions !== b.value.partitions) {
    lines.push(`partitions: ${a.label} ${a.value.partitions}, ${b.label} ${b.value.partitions}`);
  }
  if (a.value.replicationFactor !== b.value.replicationFactor) {
    lines.push(`replication factor: ${a.label} ${a.value.replicationFactor}, ${b.label} ${b.value.replicationFactor}`);
  }
  return [
    ...lines,
    ...diffConfigs({ label: a.label, value: a.value.configs }, { label: b.label, value: b.value.configs }),
  ];
}
