import { buildAgentEntry, buildTranscriptEntry } from './testing/handoff-payload';
import { speakerOf } from './transcript-format';

describe('speakerOf', () => {
  it('names the visitor and the assistant by their role', () => {
    expect(speakerOf(buildTranscriptEntry())).toBe('Visitor');
    expect(speakerOf(buildTranscriptEntry({ role: 'assistant' }))).toBe('Assistant');
  });

  it('names an agent, on one line, as one of the team', () => {
    expect(speakerOf(buildAgentEntry())).toBe('Dana (team)');
    expect(speakerOf(buildAgentEntry({ author: { name: 'Dana\r\nBcc: x' } }))).toBe('Dana Bcc: x (team)');
  });

  it('says "Team" for an agent message that names no author', () => {
    expect(speakerOf(buildAgentEntry({ author: null }))).toBe('Team');
  });
});
