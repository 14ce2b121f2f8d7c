import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { BrokerSetupError } from '../../broker-setup-error.js';

const run = promisify(execFile);

/**
 * The image is built with the docker CLI (the package that brings the engine brings it too):
 * `docker import` of a tar of the assembled filesystem needs no base image and no registry.
 */
export async function requireDockerEngine(): Promise<string> {
  try {
    const { stdout } = await run('docker', ['version', '--format', '{{.Server.Version}}'], { timeout: 15_000 });
    return stdout.trim();
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new BrokerSetupError(
      missing
        ? 'Building the local Kafka image needs the docker CLI and a running engine: .ci/docker-engine.sh start installs and starts both.'
        : 'Building the local Kafka image needs a running Docker engine, and none answers: start one (.ci/docker-engine.sh start), or set DOCKER_HOST.',
    );
  }
}

export async function imageExists(name: string): Promise<boolean> {
  try {
    await run('docker', ['image', 'inspect', '--format', '{{.Id}}', name], { timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

/** Local images of a repository carrying a label, as repository:tag. */
export async function imagesWithLabel(repository: string, label: string): Promise<string[]> {
  const { stdout } = await run(
    'docker',
    ['image', 'ls', '--filter', `label=${label}`, '--format', '{{.Repository}}:{{.Tag}}', repository],
    {
      timeout: 15_000,
    },
  );
  return stdout.split('\n').filter((line) => line !== '' && !line.endsWith(':<none>'));
}

/** Removes an image tag; an image a container still uses stays (docker refuses), which is fine. */
export async function removeImageIfUnused(name: string): Promise<boolean> {
  try {
    await run('docker', ['image', 'rm', name], { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

function finished(child: ReturnType<typeof spawn>, what: string, stderr: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${what} exited with ${String(code)}: ${stderr().trim()}`));
    });
  });
}

/**
 * `tar -C dir -c . | docker import --change ... - name`: one layer holding dir as the image's
 * root, every file owned by root (the image's directories that its user writes are world-writable).
 */
export async function importDirectoryAsImage(dir: string, name: string, changes: readonly string[]): Promise<void> {
  const tar = spawn('tar', ['-C', dir, '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', '.'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const importer = spawn('docker', ['import', ...changes.flatMap((change) => ['--change', change]), '-', name], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let tarErrors = '';
  let importErrors = '';
  tar.stderr.on('data', (chunk: Buffer) => (tarErrors += chunk.toString()));
  importer.stderr.on('data', (chunk: Buffer) => (importErrors += chunk.toString()));
  tar.stdout.pipe(importer.stdin);
  await Promise.all([finished(tar, 'tar', () => tarErrors), finished(importer, 'docker import', () => importErrors)]);
}
