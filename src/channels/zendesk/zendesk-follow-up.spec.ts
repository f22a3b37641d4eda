import { FollowUpMessage } from '../delivery-channel';
import { followUpMarker } from '../helpdesk-follow-up';
import { createdCommentId, markedComment, refusedAsClosed, ticketIdsOf, zendeskCommentRequest, zendeskTicketState } from './zendesk-follow-up';

const message = (role: FollowUpMessage['role']): FollowUpMessage => ({
  id: 'm1',
  sequence: 2,
  role,
  content: 'Hello <b>there</b>',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  author: role === 'agent' ? { name: 'Ana' } : null,
  source: role === 'agent' ? 'admin' : null,
});

const CLOSED = JSON.stringify({
  error: 'RecordInvalid',
  description: 'Record validation errors',
  details: { status: [{ description: 'Status: closed prevents ticket update' }] },
});

describe('zendesk follow-ups', () => {
  it("makes a visitor's message a public comment by the requester", () => {
    expect(zendeskCommentRequest(message('user'), 'd-1', 501)).toEqual({
      ticket: { comment: { body: `Hello <b>there</b>\n\n${followUpMarker('d-1')}`, public: true, author_id: 501 } },
    });
  });

  it('makes a visitor\'s message a private note on a ticket without a requester, and every other message one', () => {
    expect(zendeskCommentRequest(message('user'), 'd', null)).toEqual({ ticket: { comment: { body: expect.stringMatching(/^The visitor:\n/), public: false } } });
    expect(zendeskCommentRequest(message('assistant'), 'd', 501)).toEqual({ ticket: { comment: { body: expect.stringMatching(/^The assistant:\n/), public: false } } });
    expect(zendeskCommentRequest(message('agent'), 'd', 501)).toEqual({ ticket: { comment: { body: expect.stringMatching(/^Ana \(answered in admin\):\n/), public: false } } });
  });

  it("reads the ticket's status and requester", () => {
    expect(zendeskTicketState('{"ticket":{"id":1,"status":"open","requester_id":9}}')).toEqual({ status: 'open', requesterId: 9 });
    expect(zendeskTicketState('{"ticket":{"id":1,"status":"new","requester_id":null}}')).toEqual({ status: 'new', requesterId: null });
    expect(zendeskTicketState('<html>')).toBeUndefined();
  });

  it('reads the created comment from the audit events', () => {
    const body = JSON.stringify({ ticket: { id: 1 }, audit: { events: [{ id: 5, type: 'Change' }, { id: 6, type: 'Comment', public: true }] } });
    expect(createdCommentId(body)).toBe('6');
    expect(createdCommentId('{"ticket":{}}')).toBeUndefined();
  });

  it('recognises the refusal of a closed ticket, and only it', () => {
    expect(refusedAsClosed({ status: 'permanent_failure', error: 'x', responseStatus: 422, responseBody: CLOSED })).toBe(true);
    const otherInvalid = JSON.stringify({ error: 'RecordInvalid', details: { base: [{ description: 'Comment limit reached' }] } });
    expect(refusedAsClosed({ status: 'permanent_failure', error: 'x', responseStatus: 422, responseBody: otherInvalid })).toBe(false);
    expect(refusedAsClosed({ status: 'permanent_failure', error: 'x', responseStatus: 403, responseBody: CLOSED })).toBe(false);
  });

  it('finds the marked comment in a listing, tells a listing without it from an unreadable answer', () => {
    const listing = JSON.stringify({ comments: [{ id: 1, body: 'hi' }, { id: 2, body: `x\n\n${followUpMarker('d-1')}` }] });
    expect(markedComment(listing, 'd-1')).toEqual({ found: '2', listed: true });
    expect(markedComment(listing, 'd-9')).toEqual({ found: undefined, listed: true });
    expect(markedComment('{"error":"x"}', 'd-1')).toEqual({ listed: false });
  });

  it("lists the handoff's tickets", () => {
    expect(ticketIdsOf('{"tickets":[{"id":3},{"id":8}]}')).toEqual(['3', '8']);
    expect(ticketIdsOf('{}')).toBeUndefined();
  });
});
