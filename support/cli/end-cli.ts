/**
 * How every `npm run` command ends: the status its main resolves to (0 when it resolves to nothing),
 * or, when it throws, one `<name>: <message>` line and status 1. An error the command expects (bad
 * input, a broker it cannot use: BrokerSetupError and its kin) is its message alone; anything else
 * keeps its stack, since that is a bug to report.
 */
import { BrokerSetupError } from '../broker/broker-setup-error.js';

export interface EndCliOptions {
  /** Errors whose message is the whole story; BrokerSetupError always is. */
  readonly expected?: (error: unknown) => boolean;
  /**
   * 'now' for a command that keeps Kafka clients or child processes open (a consumer, a broker):
   * an error ends it at once. 'when-idle' lets buffered output drain first.
   */
  readonly exit: 'now' | 'when-idle';
}

export function endCli(name: string, main: () => Promise<unknown>, options: EndCliOptions): void {
  main().then(
    (status) => {
      process.exitCode = typeof status === 'number' ? status : 0;
    },
    (error: unknown) => {
      const expected = error instanceof BrokerSetupError || options.expected?.(error) === true;
      const message =
        expected && error instanceof Error
          ? error.message
          : error instanceof Error
            ? (error.stack ?? error.message)
            : String(error);
      process.stderr.write(`${name}: ${message}\n`);
      if (options.exit === 'now') process.exit(1);
      process.exitCode = 1;
    },
  );
}
