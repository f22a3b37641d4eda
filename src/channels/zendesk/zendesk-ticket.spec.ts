import { buildHandoffPayload } from '../testing/handoff-payload';
import { zendeskErrorText, zendeskOutcome, zendeskTicketRequest } from './zendesk-ticket';

const response = (status: number, body: string, headers: Record<string, string> = {}) => ({ status, body, headers, durationMs: 1 });

describe('zendesk ticket', () => {
  it('maps the handoff, leaving out the requester and custom field when absent', () => {
    const payload = buildHandoffPayload({ visitorEmail: null, reason: null });
    expect(zendeskTicketRequest(payload, {})).toEqual({
      ticket: {
        subject: 'Chat handoff',
        comment: { html_body: expect.stringContaining('I want to talk to a person.'), public: false },
        external_id: payload.handoffId,
        tags: ['wilow', 'handoff'],
      },
    });
  });

  it('reads the ticket id from the body, else from Location, into the agent URL of the real subdomain', () => {
    expect(zendeskOutcome(response(201, '{"ticket":{"id":35436}}'), 'acme')).toMatchObject({
      status: 'delivered',
      externalId: '35436',
      externalUrl: 'https://acme.zendesk.com/agent/tickets/35436',
    });
    expect(zendeskOutcome(response(201, '{"ticket":{"url":', { location: 'https://x/api/v2/tickets/7.json' }), 'acme')).toMatchObject({ externalId: '7' });
  });

  it.each([
    [429, 'transient_failure'],
    [503, 'transient_failure'],
    [500, 'transient_failure'],
    [401, 'permanent_failure'],
    [403, 'permanent_failure'],
    [404, 'permanent_failure'],
    [422, 'permanent_failure'],
  ])('treats %i as %s', (status, outcome) => {
    expect(zendeskOutcome(response(status, '{"error":"X"}', { 'retry-after': '2' }), 'acme').status).toBe(outcome);
  });

  it('explains errors in Zendesk\'s shapes', () => {
    expect(zendeskErrorText('{"error":{"title":"Forbidden","message":"You do not have access"}}')).toBe('Forbidden You do not have access');
    expect(zendeskErrorText('not json')).toBe('not json');
  });
});
