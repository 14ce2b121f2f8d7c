/** What `npm run soak` is asked for: runs per project and a bound per run, checked before anything starts. */

/** Bad input: one `soak: …` line, exit status 1. */
export class SoakInputError extends Error {}

export interface SoakPlan {
  readonly kafka: number;
  readonly cluster: number;
  readonly timeoutS: number;
}

function count(what: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text)) throw new SoakInputError(`${what} must be a whole number of runs, got '${text}'`);
  return Number(text);
}

export function soakPlan(argv: readonly string[], env: NodeJS.ProcessEnv): SoakPlan {
  let kafka = env.SOAK_KAFKA_RUNS;
  let cluster = env.SOAK_CLUSTER_RUNS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--kafka') kafka = argv[++i];
    else if (arg === '--cluster') cluster = argv[++i];
    else throw new SoakInputError(`unknown option '${arg}' (use --kafka N and --cluster M)`);
  }
  const timeoutS = count('SOAK_RUN_TIMEOUT_SECONDS', env.SOAK_RUN_TIMEOUT_SECONDS, 1800);
  if (timeoutS === 0) throw new SoakInputError('SOAK_RUN_TIMEOUT_SECONDS must be at least 1');
  return { kafka: count('--kafka', kafka, 10), cluster: count('--cluster', cluster, 10), timeoutS };
}
