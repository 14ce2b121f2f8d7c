import { join } from 'node:path';
import { repoPath } from '../../repository/repo-root.js';

// The shell scripts of the deliverable ship these files (they must work on their own); the suite's
// jvm runtime and tools use the same ones rather than a copy that could drift.
const DIR = repoPath('scripts', 'shell', 'lib', 'log-config');

export interface LogConfig {
  /** Read by Kafka 4.x (Log4j 2). */
  log4j2: string;
  /** Read by Kafka 3.x (reload4j). Each version ignores the other's. */
  log4j: string;
}

export const BROKER_LOG_CONFIG: LogConfig = {
  log4j2: join(DIR, 'broker-log4j2.properties'),
  log4j: join(DIR, 'broker-log4j.properties'),
};

export const TOOLS_LOG_CONFIG: LogConfig = {
  log4j2: join(DIR, 'tools-log4j2.properties'),
  log4j: join(DIR, 'tools-log4j.properties'),
};
