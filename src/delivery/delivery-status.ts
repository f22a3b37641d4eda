import { DeliveryOutcome } from '../channels/delivery-channel';
import { DeliveryStatus } from './entities/delivery.entity';

/**
 * A delivery's state after an attempt: a transient failure goes back to `pending` for the queue's
 * next try while attempts remain (`attempts` counts the one just made), and fails for good after.
 */
export function nextDeliveryStatus(outcome: DeliveryOutcome['status'], attempts: number, maxAttempts: number): DeliveryStatus {
  switch (outcome) {
    case 'delivered':
      return DeliveryStatus.Delivered;
    case 'permanent_failure':
      return DeliveryStatus.Failed;
    case 'transient_failure':
      return attempts < maxAttempts ? DeliveryStatus.Pending : DeliveryStatus.Failed;
  }
}
