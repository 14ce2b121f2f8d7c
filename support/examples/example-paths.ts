/** Where each event type's example lives in examples/ (one story: the same order in all five). */
import {
  errorEventType,
  notificationType,
  orderConfirmedType,
  orderPickedAndPackedType,
  orderReceivedType,
  type EventType,
} from '@kafka-event-spec/events';
import { repoPath } from '../repository/repo-root.js';

function exampleFile(name: string): string {
  return repoPath('examples', name);
}

/** Event type -> absolute path of its example in examples/. */
export const examplePathByEventType = {
  [orderReceivedType]: exampleFile('order_received.json'),
  [orderConfirmedType]: exampleFile('order_confirmed.json'),
  [orderPickedAndPackedType]: exampleFile('order_picked_and_packed.json'),
  [notificationType]: exampleFile('notification.json'),
  [errorEventType]: exampleFile('error.json'),
} as const satisfies Record<EventType, string>;

/** The error example whose failed record was not JSON. */
export const notJsonErrorExamplePath = exampleFile('error_not_json.json');
