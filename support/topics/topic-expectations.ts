/**
 * Assertions shared by the admin-API and the command-line specs of steps 3-5, so both prove the
 * same end state and fail with the same message: the step, the topic, expected vs actual in
 * human units.
 */
import { expect } from 'vitest';
import { msWithHumanUnits } from '../reporting/duration.js';
import type { TopicConfigValue } from '@kafka-event-spec/events';
import type { TopicDescription } from './topic-description.js';
import {
  diffConfigs,
  diffTopicSettings,
  showConfigValue,
  type Labelled,
  type TopicSettings,
} from './topic-settings.js';

/** Which step is checking which topic, e.g. { step: 'step 3', topic: 'OrderReceived' }. */
export interface Checking {
  step: string;
  /** The catalog name, which a reader recognises; the prefixed name is noise in a message. */
  topic: string;
}

export function expectListed(at: Checking, listed: readonly string[], topicName: string): void {
  expect(
    listed.includes(topicName),
    `${at.step}: ${at.topic} (${topicName}) is not among the ${listed.length} topics listed`,
  ).toBe(true);
}

export function expectLayout(
  at: Checking,
  description: TopicDescription,
  expected: { partitions: number; replicationFactor: number },
): void {
  const { partitions } = description;
  expect(
    partitions.length,
    `${at.step}: ${at.topic} has ${partitions.length} partitions, expected ${expected.partitions}`,
  ).toBe(expected.partitions);
  for (const p of partitions) {
    expect(
      p.replicas.length,
      `${at.step}: ${at.topic} partition ${p.partition} has ${p.replicas.length} replicas, expected replication factor ${expected.replicationFactor}`,
    ).toBe(expected.replicationFactor);
    expect(p.leader, `${at.step}: ${at.topic} partition ${p.partition} has no leader`).toBeDefined();
  }
}

/** Exactly these configs are set on the topic: none lost, none extra. */
export function expectTopicLevelConfigs(
  at: Checking,
  actual: Readonly<Record<string, string>>,
  expected: Readonly<Record<string, string>>,
): void {
  const diff = diffConfigs({ label: 'expected', value: expected }, { label: 'got', value: actual });
  expect(diff, `${at.step}: ${at.topic}'s topic-level configs differ:\n  ${diff.join('\n  ')}\n`).toEqual([]);
}

/** e.g. "step 4: OrderReceived retention.ms expected 259200000 (3 days), got 10800000 (3 hours)". */
export function expectRetention(at: Checking, actual: string | undefined, expectedMs: number): void {
  const got = actual === undefined ? 'nothing' : msWithHumanUnits(actual);
  expect(actual, `${at.step}: ${at.topic} retention.ms expected ${msWithHumanUnits(expectedMs)}, got ${got}`).toBe(
    String(expectedMs),
  );
}

/** The value belongs to the topic, not inherited from the broker (which would change with it). */
export function expectSetOnTopic(at: Checking, config: TopicConfigValue): void {
  expect(
    config.setOnTopic,
    `${at.step}: ${at.topic} ${config.name} is not set on the topic: ${showConfigValue(config.name, config.value)} comes from ${config.source}`,
  ).toBe(true);
}

export function expectNotSetOnTopic(at: Checking, config: TopicConfigValue): void {
  expect(
    config.setOnTopic,
    `${at.step}: ${at.topic} ${config.name} is already set on the topic (${showConfigValue(config.name, config.value)})`,
  ).toBe(false);
}

/** Step 5's rule: every topic is configured like the reference topic; on failure, the diff. */
export function expectSameSettings(
  step: string,
  reference: Labelled<TopicSettings>,
  other: Labelled<TopicSettings>,
): void {
  const diff = diffTopicSettings(reference, other);
  expect(diff, `${step}: ${other.label} is not configured like ${reference.label}:\n  ${diff.join('\n  ')}\n`).toEqual(
    [],
  );
}
