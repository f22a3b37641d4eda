import { buildAgentEntry, buildHandoffPayload, buildTranscriptEntry } from './testing/handoff-payload';
import { escapeHtml, renderTicketHtml } from './ticket-html';

const SCRIPT = '<script>alert(1)</script>';

describe('renderTicketHtml', () => {
  it('shows each message with its speaker and time, an agent\'s under the agent\'s name', () => {
    const transcript = [buildTranscriptEntry({ content: 'Anyone?' }), buildAgentEntry({ createdAt: new Date('2025-03-03T14:03:00Z') })];

    const html = renderTicketHtml(buildHandoffPayload({ transcript }));

    expect(html).toContain('<p><strong>Visitor</strong> · 2025-03-03 14:01:00 UTC<br>Anyone?</p>');
    expect(html).toContain('<p><strong>Dana (team)</strong> · 2025-03-03 14:03:00 UTC<br>Hi, Dana here: let me look.</p>');
  });

  it('escapes an agent\'s name and words like the visitor\'s', () => {
    const html = renderTicketHtml(buildHandoffPayload({ transcript: [buildAgentEntry({ author: { name: SCRIPT }, content: SCRIPT })] }));

    expect(html).not.toContain('<script');
    expect(html).toContain(`<strong>${escapeHtml(SCRIPT)} (team)</strong>`);
    expect(html).toContain(`<br>${escapeHtml(SCRIPT)}</p>`);
  });
});
