/**
 * `npm run soak` reads the `fault …` lines the cluster specs print and adds them up: held here to
 * the one format support/cluster/fault-proof.ts writes, so a change to either fails without a broker.
 */
import { describe, expect, it } from 'vitest';
import { faultLine, type FaultCount } from '#support/cluster/index.js';
import {
  failureLines,
  faultLines,
  runLines,
  SoakInputError,
  soakPlan,
  soakTotals,
  totalLines,
  type SoakRun,
} from '#support/soak/index.js';

const outcome = (lost: number, handledTwice: number, deadLetteredTwice: number): FaultCount =>
  ({
    lost: Array.from({ length: lost }, (_, i) => `0/${i}`),
    handledTwice,
    deadLetteredTwice,
  }) as unknown as FaultCount;

describe('npm run soak: what it reads from a run and what it prints', () => {
  it('reads back every fault line the cluster specs print, with its numbers', () => {
    const output = [
      'some vitest line',
      `cluster: ${faultLine('leader-killed', outcome(0, 2900, 0), { ms: 3_240, since: 'kill' })}`,
      `\u001b[2mcluster: ${faultLine('two-down', outcome(1, 0, 4), { ms: undefined, since: 'restart' })}\u001b[22m`,
    ].join('\n');

    const faults = faultLines(output);

    expect(
      faults.map(({ name, lost, handledTwice, deadLetteredTwice, firstCommitS }) => ({
        name,
        lost,
        handledTwice,
        deadLetteredTwice,
        firstCommitS,
      })),
      'npm run soak: the fault lines it reads back from a run of the cluster project',
    ).toEqual([
      { name: 'leader-killed', lost: 0, handledTwice: 2900, deadLetteredTwice: 0, firstCommitS: 3.2 },
      { name: 'two-down', lost: 1, handledTwice: 0, deadLetteredTwice: 4, firstCommitS: undefined },
    ]);
  });

  it('adds up runs, failures, records lost and the worst recovery, and shows each failed run first lines', () => {
    const faults = faultLines(
      [
        faultLine('leader-killed', outcome(0, 10, 0), { ms: 2_800, since: 'kill' }),
        faultLine('coordinator-killed', outcome(0, 0, 0), { ms: 3_900, since: 'kill' }),
      ].join('\n'),
    );
    const runs: SoakRun[] = [
      { project: 'kafka', index: 1, passed: true, seconds: 181.2, faults: [], why: [] },
      {
        project: 'kafka',
        index: 2,
        passed: false,
        seconds: 190.4,
        faults: [],
        why: failureLines('\n FAIL  kafka  specs/a.spec.ts > x\nAssertionError: step 7: expected 1 to be 0\n'),
      },
      { project: 'cluster', index: 1, passed: true, seconds: 150, faults, why: [] },
    ];

    expect(soakTotals(runs), 'npm run soak: the totals of 3 runs, one failed').toEqual({
      runs: 3,
      failures: 1,
      faults: 2,
      lost: 0,
      worstRecoveryS: 3.9,
      noRecovery: 0,
    });
    expect(runLines(runs[1] as SoakRun, 10), 'npm run soak: the line of a failed run').toEqual([
      'kafka 2/10  FAIL  190.4 s',
      '    ! FAIL  kafka  specs/a.spec.ts > x',
      '    ! AssertionError: step 7: expected 1 to be 0',
    ]);
    expect(totalLines(runs, ['1 planned run(s) (stopped)']), 'npm run soak: its closing lines').toEqual([
      'soak kafka: 2 runs, 1 failed; 181-190 s a run',
      'soak cluster: 1 runs, 0 failed, 2 faults, lost 0, worst recovery 3.9 s; 150-150 s a run',
      'soak: 3 runs, 1 failed, lost 0, worst recovery 3.9 s',
      'soak: not run: 1 planned run(s) (stopped)',
      'failed: kafka run 2:',
      '    FAIL  kafka  specs/a.spec.ts > x',
      '    AssertionError: step 7: expected 1 to be 0',
    ]);
  });

  it('takes --kafka and --cluster (defaults 10 and 10) and refuses anything else in one line', () => {
    expect(soakPlan([], {})).toEqual({ kafka: 10, cluster: 10, timeoutS: 1800 });
    expect(soakPlan(['--kafka', '3', '--cluster', '0'], {})).toEqual({ kafka: 3, cluster: 0, timeoutS: 1800 });
    expect(soakPlan([], { SOAK_KAFKA_RUNS: '2', SOAK_CLUSTER_RUNS: '1' })).toMatchObject({ kafka: 2, cluster: 1 });
    expect(() => soakPlan(['--kafka', 'ten'], {})).toThrow(
      new SoakInputError("--kafka must be a whole number of runs, got 'ten'"),
    );
    expect(() => soakPlan(['--runs', '3'], {})).toThrow("unknown option '--runs' (use --kafka N and --cluster M)");
  });
});
