import { getContainerRuntimeClient } from 'testcontainers';
import type { KafkaToolName, KafkaToolRun } from './kafka-tool-command.js';

const EXEC_TIMEOUT_MS = 120_000;

/**
 * Confluent's images put the tools on PATH without .sh (kafka-topics); Apache's image keeps
 * kafka-topics.sh in /opt/kafka/bin. Run whichever the image has. $0 is the tool's name.
 */
const RUN_WHICHEVER_EXISTS = [
  'for candidate in "$0" "$0.sh" "/opt/kafka/bin/$0.sh"; do',
  '  if command -v "$candidate" >/dev/null 2>&1; then exec "$candidate" "$@"; fi',
  'done',
  'echo "$0: neither $0, $0.sh nor /opt/kafka/bin/$0.sh is in this container" >&2',
  'exit 127',
].join('\n');

/** Runs a tool inside the broker's container, against the listener meant for clients in there. */
export async function runToolInContainer(
  access: { containerId: string; bootstrapInside: string },
  tool: KafkaToolName,
  args: readonly string[],
): Promise<KafkaToolRun> {
  const client = await getContainerRuntimeClient();
  const container = client.container.getById(access.containerId);
  const exec = client.container.exec(container, [
    'sh',
    '-c',
    RUN_WHICHEVER_EXISTS,
    tool,
    '--bootstrap-server',
    access.bootstrapInside,
    ...args,
  ]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${tool} did not finish within ${EXEC_TIMEOUT_MS / 1000} s in container ${access.containerId}`));
    }, EXEC_TIMEOUT_MS);
  });
  try {
    const result = await Promise.race([exec, timeout]);
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  } finally {
    clearTimeout(timer);
  }
}
