import { LOCAL_IMAGE_REPOSITORY } from './image/image-name.js';

/** Words in Docker's and testcontainers' errors that mean an image had to be pulled and could not be. */
const PULL_FAILURE = /pull|registry|manifest|no such image|dial tcp|lookup .* on|i\/o timeout/i;

/** A container that did not start. */
export interface StartFailure {
  /** The image it was started from. */
  readonly image: string;
  /** What the start threw. */
  readonly error: unknown;
  /** Where the broker's log is. */
  readonly logFile: string;
  /** The environment whose settings the hints check; process.env unless given. */
  readonly env?: Record<string, string | undefined>;
}

/**
 * One actionable line for a container that did not start. Offline machines meet two traps that
 * otherwise read as obscure pull errors: testcontainers' Ryuk image, and a registry image.
 */
export function explainStartFailure({ image, error, logFile, env = process.env }: StartFailure): string {
  const reason = error instanceof Error ? error.message : String(error);
  const hints: string[] = [];
  if (PULL_FAILURE.test(reason)) {
    if (/ryuk/i.test(reason) || env.TESTCONTAINERS_RYUK_DISABLED !== 'true') {
      hints.push(
        'if no registry is reachable, set TESTCONTAINERS_RYUK_DISABLED=true (testcontainers pulls its Ryuk reaper image otherwise)',
      );
    }
    if (!image.startsWith(`${LOCAL_IMAGE_REPOSITORY}:`)) {
      hints.push(
        `${image} may need pulling: without a registry, use KAFKA_CONTAINER_IMAGE=local (built from the jvm runtime's jars; npm run kafka:image)`,
      );
    }
  }
  hints.push(`broker log: ${logFile}; details: docs/container-runtime.md`);
  return `Could not start ${image}: ${reason} (${hints.join('; ')})`;
}
