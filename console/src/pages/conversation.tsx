import { useLocation } from 'preact-iso/router';
import type { ConversationDetail, Handoff } from '../api/client';
import { DateTime } from '../components/date-time';
import { HandoffCard } from '../components/handoff-card';
import { PageHeading } from '../components/page-heading';
import { ReplyForm } from '../components/reply-form';
import { useLiveConversation } from '../components/use-live-conversation';
import { plural } from '../format';
import { modeLabel, speakerOf } from '../transcript';

/**
 * `/admin/conversations?id=…`, the deep link of every delivery: who is talking, the transcript
 * (kept up to date while the page is open), a reply to the visitor, and the handoffs.
 */
export function ConversationPage() {
  const { query } = useLocation();
  const { conversation, handoffs, problem, addSent, refresh } = useLiveConversation(query.id ?? '');

  return (
    <>
      <PageHeading>Conversation</PageHeading>
      <p role="status" class="page-status">
        {(!conversation || !handoffs) && !problem ? 'Loading the conversation…' : ''}
      </p>
      <p role="alert" class="problem">
        {problem}
      </p>
      {conversation && handoffs && (
        <>
          <p class="conversation-meta">
            Started <DateTime value={conversation.createdAt} /> · {plural(conversation.messageCount, 'message')} ·{' '}
            <span class={`badge badge-mode-${conversation.mode}`}>{modeLabel(conversation.mode, conversation.agent)}</span>
          </p>
          <Transcript conversation={conversation} />
          <ReplyForm conversationId={conversation.id} mode={conversation.mode} onSent={addSent} />
          <Handoffs handoffs={handoffs} onChange={refresh} />
        </>
      )}
      <p>
        <a href="/admin/handoffs">All handoffs</a>
      </p>
    </>
  );
}

function Transcript({ conversation }: { conversation: ConversationDetail }) {
  return (
    <section aria-labelledby="transcript-heading">
      <h2 id="transcript-heading">Transcript</h2>
      {conversation.messages.length === 0 ? (
        <p class="muted">No messages yet.</p>
      ) : (
        <ol class="transcript">
          {conversation.messages.map((message) => (
            <li key={message.id} class={`message message-${message.role}`}>
              <p class="message-meta">
                <span class="message-role">{speakerOf(message)}</span> <DateTime value={message.createdAt} withSeconds />
              </p>
              <p class="message-content">{message.content}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Handoffs({ handoffs, onChange }: { handoffs: Handoff[]; onChange: () => void }) {
  return (
    <section aria-labelledby="handoffs-heading">
      <h2 id="handoffs-heading">Handoffs</h2>
      {handoffs.length === 0 ? (
        <p class="muted">The visitor has not asked for a person in this conversation.</p>
      ) : (
        <div class="handoff-list">
          {handoffs.map((handoff) => (
            <HandoffCard key={handoff.id} handoff={handoff} headingLevel={3} showConversationLink={false} onChange={onChange} />
          ))}
        </div>
      )}
    </section>
  );
}
