import { FollowUpMessage } from '../delivery-channel';
import { followUpMarker } from '../helpdesk-follow-up';
import { createdNoteId, freshdeskNoteRequest, markedNote } from './freshdesk-note';

const message = (role: FollowUpMessage['role']): FollowUpMessage => ({
  id: 'm1',
  sequence: 2,
  role,
  content: 'Two\nlines & <i>tags</i>',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  author: null,
  source: null,
});

describe('freshdesk notes', () => {
  it("makes a visitor's message a public note, escaped, with the marker", () => {
    expect(freshdeskNoteRequest(message('user'), 'd-1')).toEqual({
      body: `The visitor:<br>Two<br>lines &amp; &lt;i&gt;tags&lt;/i&gt;<br><br>${followUpMarker('d-1')}`,
      private: false,
    });
  });

  it("makes the assistant's and agents' messages private notes", () => {
    expect(freshdeskNoteRequest(message('assistant'), 'd')).toMatchObject({ private: true });
    expect(freshdeskNoteRequest(message('agent'), 'd')).toMatchObject({ private: true });
  });

  it('reads the note id, and finds the marked one among the conversations', () => {
    expect(createdNoteId('{"id":44,"private":false}')).toBe('44');
    const conversations = JSON.stringify([{ id: 1, body_text: 'hello' }, { id: 2, body_text: `x ${followUpMarker('d-1')}` }]);
    expect(markedNote(conversations, 'd-1')).toEqual({ found: '2', listed: true });
    expect(markedNote(conversations, 'd-2')).toEqual({ found: undefined, listed: true });
    expect(markedNote('{"description":"x"}', 'd-1')).toEqual({ listed: false });
  });
});
