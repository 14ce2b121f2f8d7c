/**
 * vitest globalSetup for the "verify" project (`npm test` with KAFKA_BROKERS, or KAFKA_READ_ONLY):
 * reads the user's cluster (read-cluster.ts) and hands that to the verify specs. It starts
 * nothing, stops nothing and writes nothing. Bad input fails the run with one line.
 */
import type { TestProject } from 'vitest/node';
import { BrokerSetupError } from '../broker/broker-setup-error.js';
import { readVerifyRun, verifyHeaderLines, type VerifyRun } from './read-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    verify: VerifyRun;
  }
}

function asOneLine(error: unknown): unknown {
  if (!(error instanceof BrokerSetupError)) return error;
  const clean = new Error(`verify: ${error.message}`);
  clean.stack = clean.message;
  return clean;
}

export default async function setup(project: TestProject): Promise<void> {
  try {
    const run = await readVerifyRun();
    for (const line of verifyHeaderLines(run)) process.stdout.write(`${line}\n`);
    project.provide('verify', run);
  } catch (error) {
    throw asOneLine(error);
  }
}
