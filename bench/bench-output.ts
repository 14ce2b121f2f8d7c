import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../support/repository/repo-root.js';

/** How the benches print: plain lines on stdout. */
export const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Runs a command from the repository root with the bench's environment (plus `env`); its output is kept, not shown. */
export function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ ms: number; exitCode: number; output: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ ms: Date.now() - started, exitCode: code ?? 1, output });
    });
  });
}
