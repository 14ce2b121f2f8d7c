import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface JavaInstallation {
  executable: string;
  majorVersion: number;
}

export const MINIMUM_JAVA = 17;

function candidates(env: Record<string, string | undefined>): string[] {
  const fromJavaHome = env.JAVA_HOME === undefined || env.JAVA_HOME === '' ? [] : [join(env.JAVA_HOME, 'bin', 'java')];
  return [...fromJavaHome, 'java'];
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or `java version "1.8.0_292"` on stderr. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/** The first Java found (JAVA_HOME, then PATH), or undefined with the reason it was rejected. */
export async function findJava(
  env: Record<string, string | undefined> = process.env,
): Promise<{ java: JavaInstallation } | { java: undefined; problem: string }> {
  let problem = 'no `java` on PATH and JAVA_HOME is not set';
  for (const executable of candidates(env)) {
    try {
      const { stderr, stdout } = await run(executable, ['-version'], { timeout: 15_000 });
      const majorVersion = parseJavaMajor(stderr + stdout);
      if (majorVersion === undefined) {
        problem = `could not read the version printed by ${executable} -version`;
      } else if (majorVersion < MINIMUM_JAVA) {
        problem = `${executable} is Java ${majorVersion}; Kafka needs Java ${MINIMUM_JAVA} or newer`;
      } else {
        return { java: { executable, majorVersion } };
      }
    } catch {
      // Not runnable: try the next candidate, keep the most useful problem.
    }
  }
  return { java: undefined, problem };
}
