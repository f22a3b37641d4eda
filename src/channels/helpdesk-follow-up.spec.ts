import { FollowUpMessage } from './delivery-channel';
import { carriesMarker, createdNothing, followUpMarker, followUpOutcome, followUpText } from './helpdesk-follow-up';

const response = (status: number, body = '{}', headers: Record<string, string> = {}) => ({ status, body, headers, durationMs: 1 });
const idOf = (body: string) => (JSON.parse(body) as { id?: number }).id?.toString();
const message = (role: FollowUpMessage['role'], extra: Partial<FollowUpMessage> = {}): FollowUpMessage => ({
  id: 'm1',
  sequence: 4,
  role,
  content: 'Where is my order?',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  author: null,
  source: null,
  ...extra,
});

describe('helpdesk follow-ups', () => {
  it('marks the text with the delivery id, and finds only that delivery\'s marker', () => {
    const text = followUpText(message('user'), 'd-1', { bySpeaker: true });
    expect(text).toBe(`Where is my order?\n\n${followUpMarker('d-1')}`);
    expect(carriesMarker(text, 'd-1')).toBe(true);
    expect(carriesMarker(text, 'd-2')).toBe(false);
    expect(carriesMarker(undefined, 'd-1')).toBe(false);
  });

  it('says who spoke when the helpdesk shows the note as its own agent\'s', () => {
    expect(followUpText(message('assistant'), 'd', { bySpeaker: false })).toMatch(/^The assistant:\nWhere is my order\?/);
    expect(followUpText(message('agent', { author: { name: 'Ana' }, source: 'admin' }), 'd', { bySpeaker: false })).toMatch(/^Ana \(answered in admin\):\n/);
  });

  it('reads what was created from a success', () => {
    expect(followUpOutcome(response(201, '{"id":77}'), idOf, () => undefined)).toMatchObject({ status: 'delivered', externalId: '77' });
  });

  it.each([
    [429, { 'retry-after': '3' }, 'transient_failure', true],
    [503, { 'retry-after': '3' }, 'transient_failure', true],
    [503, {}, 'transient_failure', false],
    [500, {}, 'transient_failure', false],
    [502, {}, 'transient_failure', false],
    [400, {}, 'permanent_failure', false],
    [401, {}, 'permanent_failure', false],
    [404, {}, 'permanent_failure', false],
    [422, {}, 'permanent_failure', false],
  ])('treats %i %j as %s, surely creating nothing: %s', (status, headers, outcome, nothing) => {
    const result = followUpOutcome(response(status, '{}', headers), idOf, () => 'why');
    expect(result.status).toBe(outcome);
    expect(createdNothing(result)).toBe(nothing);
  });

  it('knows a refused connection created nothing, and a timeout may have', () => {
    expect(createdNothing({ status: 'transient_failure', error: 'connection refused' })).toBe(true);
    expect(createdNothing({ status: 'transient_failure', error: 'timed out after 2000 ms' })).toBe(false);
    expect(createdNothing({ status: 'transient_failure', error: 'connection reset' })).toBe(false);
  });
});
