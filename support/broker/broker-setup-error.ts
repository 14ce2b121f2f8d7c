/**
 * An environment problem the user can fix: the message is one actionable line, printed without
 * a stack trace by the global setup.
 */
export class BrokerSetupError extends Error {
  override readonly name = 'BrokerSetupError';
}
