import { buildHandoffPayload } from '../testing/handoff-payload';
import { freshdeskErrorText, freshdeskOutcome, freshdeskTicketRequest } from './freshdesk-ticket';

const response = (status: number, body: string, headers: Record<string, string> = {}) => ({ status, body, headers, durationMs: 1 });

describe('freshdesk ticket', () => {
  it('files for the visitor, with default priority, as an open chat ticket', () => {
    expect(freshdeskTicketRequest(buildHandoffPayload(), { fallbackRequesterEmail: 'desk@acme.example' })).toMatchObject({
      email: 'visitor@example.org',
      subject: 'Billing question',
      status: 2,
      priority: 1,
      source: 7,
    });
  });

  it('retries only a 429: anything else may have made a ticket', () => {
    expect(freshdeskOutcome(response(429, '', { 'retry-after': '1' }), 'acme')).toMatchObject({ status: 'transient_failure', retryAfterMs: 1000 });
    expect(freshdeskOutcome(response(503, ''), 'acme').status).toBe('permanent_failure');
    expect(freshdeskOutcome(response(201, '{"id":9}'), 'acme')).toMatchObject({ externalId: '9', externalUrl: 'https://acme.freshdesk.com/a/tickets/9' });
  });

  it('explains errors', () => {
    expect(freshdeskErrorText('{"code":"invalid_credentials","message":"You have to be logged in to perform this action."}')).toBe(
      'You have to be logged in to perform this action.',
    );
  });
});
