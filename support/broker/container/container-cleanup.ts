import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { delimiter, join } from 'node:path';
import { WHEN_PARENT_EXITS_SCRIPT } from '../when-parent-exits.js';

/**
 * The label on every container this suite starts; `.ci/docker-engine.sh sweep` removes by it.
 * (testcontainers adds its own org.testcontainers* labels, but those mark any project's containers.)
 */
export const SUITE_LABEL = 'kafka-event-spec.suite';

export function suiteLabels(namespace: string): Record<string, string> {
  return {
    [SUITE_LABEL]: 'kafka-event-spec',
    'kafka-event-spec.namespace': namespace,
  };
}

const WATCHDOG = WHEN_PARENT_EXITS_SCRIPT;

function dockerCliOnPath(env: Record<string, string | undefined> = process.env): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, 'docker')));
}

export interface ContainerWatchdog {
  /** The run stops the container itself: the watchdog ends without removing anything. */
  dismiss(): void;
}

/**
 * Makes sure the container does not outlive this process when the run is cut short (Ctrl-C, a
 * killed vitest) and Ryuk is not there to reap it: a detached shell, in its own process group so
 * the terminal's SIGINT does not reach it, waits for our end of its stdin to close, then runs
 * `docker rm -f`. Returns undefined, with the reason, when there is no docker CLI to do that.
 */
export function watchContainer(
  containerId: string,
): { watchdog: ContainerWatchdog } | { watchdog: undefined; reason: string } {
  if (!dockerCliOnPath()) {
    return {
      watchdog: undefined,
      reason:
        'no docker CLI on PATH to remove the container if the run is killed; .ci/docker-engine.sh sweep does it afterwards',
    };
  }
  const child = spawn('bash', [WATCHDOG, 'exec', 'docker', 'rm', '--force', '--volumes', containerId], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  child.on('error', () => undefined);
  // Neither the child nor the pipe may keep vitest alive; the pipe closes when this process exits.
  child.unref();
  (child.stdin as Socket | null)?.unref();
  return {
    watchdog: {
      dismiss: () => {
        // The whole group: the shell and the `cat` it waits on.
        if (child.pid !== undefined && child.exitCode === null) {
          try {
            process.kill(-child.pid, 'SIGTERM');
          } catch {
            // Already gone.
          }
        }
      },
    },
  };
}
