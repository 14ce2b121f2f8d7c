import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoPath } from '../repository/repo-root.js';

export const SHELL_SCRIPTS_DIR = repoPath('scripts', 'shell');

export const SHELL_SCRIPTS = ['start_zookeeper.sh', 'start_kafka.sh', 'create_topics.sh'] as const;
export type ShellScript = (typeof SHELL_SCRIPTS)[number];

export function scriptPath(script: ShellScript): string {
  return join(SHELL_SCRIPTS_DIR, script);
}

/**
 * Every variable the scripts read. A spec passes the ones it means; the rest are removed from the
 * environment it inherits, so a KAFKA_PORT or TOPIC_PREFIX in the shell that runs `npm test`
 * cannot change what a spec proves.
 */
const SCRIPT_VARIABLES = [
  'KAFKA_HOME',
  'BOOTSTRAP_SERVER',
  'TOPIC_PREFIX',
  'TOPIC_CATALOG',
  'BROKER_WAIT_SECONDS',
  'KAFKA_MODE',
  'KAFKA_HOST',
  'KAFKA_PORT',
  'KAFKA_CONTROLLER_PORT',
  'KAFKA_DATA_DIR',
  'KAFKA_CONFIG_DIR',
  'KAFKA_CLUSTER_ID',
  'ZOOKEEPER_CONNECT',
  'ZOOKEEPER_PORT',
  'ZOOKEEPER_DATA_DIR',
  'ZOOKEEPER_WAIT_SECONDS',
  'KAFKA_HEAP_OPTS',
  'KAFKA_OPTS',
  'KAFKA_CLI_TIMEOUT_SECONDS',
  'KAFKA_COMMAND_CONFIG',
] as const;

export type ScriptEnv = Partial<Record<(typeof SCRIPT_VARIABLES)[number] | 'JAVA_HOME', string | undefined>>;

/** The spec's own environment, minus the scripts' variables, plus `env` (undefined removes one). */
export function scriptEnvironment(env: ScriptEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SCRIPT_VARIABLES) Reflect.deleteProperty(result, name);
  for (const name of Object.keys(env) as (keyof ScriptEnv)[]) {
    const value = env[name];
    if (value === undefined) Reflect.deleteProperty(result, name);
    else result[name] = value;
  }
  return result;
}

export interface ScriptRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A script that has not finished by then is killed (create_topics.sh may wait for a broker, fetch jars). */
const SCRIPT_RUN_TIMEOUT_MS = 240_000;

/** Runs a script to completion, as a person would in a terminal. Never rejects on a non-zero exit. */
export function runShellScript(script: ShellScript, args: readonly string[], env: ScriptEnv): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [scriptPath(script), ...args],
      { env: scriptEnvironment(env), timeout: SCRIPT_RUN_TIMEOUT_MS, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null && typeof error.code !== 'number') {
          reject(
            new Error(
              `${script} did not finish within ${SCRIPT_RUN_TIMEOUT_MS / 1000} s: ${error.message}\n${stdout}${stderr}`,
            ),
          );
          return;
        }
        resolve({ exitCode: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

/** The lines a script printed on stderr, without blank ones: an environment problem is exactly one. */
export function errorLines(run: ScriptRun): string[] {
  return run.stderr.split('\n').filter((line) => line.trim() !== '');
}

/**
 * A script's run for a failure message: how it exited, its first error line (the cause: a MISSING or
 * WRONG topic, Java's exception) and its last (the script's summary) first, since a checklist or a CI
 * log may show only a message's first line; then all it printed.
 */
export function shownScriptRun(script: ShellScript, run: ScriptRun): string {
  const lines = errorLines(run).map((line) => line.trim());
  const said = [...new Set([lines[0], lines.at(-1)])].filter((line) => line !== undefined);
  return `${script} exited ${run.exitCode}${said.length === 0 ? '' : `: ${said.join(' … ')}`}\n${run.stdout}${run.stderr}`;
}
