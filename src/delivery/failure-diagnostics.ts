import { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DeliveryOutcome } from '../channels/delivery-channel';

/**
 * Keeps a failure's diagnostic (the transport's or library's own words) in the log under a new
 * reference, and returns the outcome a tenant may see: the classified error quoting that
 * reference, and no diagnostic.
 */
export function logDiagnostic(outcome: DeliveryOutcome, logger: LoggerService, context: Record<string, unknown>): DeliveryOutcome {
  if (outcome.status === 'delivered' || outcome.diagnostic === undefined) return outcome;
  const errorId = randomUUID();
  logger.warn({ ...context, errorId, diagnostic: outcome.diagnostic }, 'Delivery failure details');
  const shown = { ...outcome, error: `${outcome.error} (reference ${errorId})` };
  delete shown.diagnostic;
  return shown;
}
