import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import type { ConversationDetail, Handoff } from '../api/client';
import { DateTime } from '../components/date-time';
import { DeleteConversation } from '../components/delete-conversation';
import { ErasureProgress } from '../components/erasure-progress';
import { HandoffCard } from '../components/handoff-card';
import { PageHeading } from '../components/page-heading';
import { ReplyForm } from '../components/reply-form';
import { useLiveConversation } from '../components/use-live-conversation';
import { plural } from '../format';
import { modeLabel, speakerOf } from '../transcript';

/**
 * `/admin/conversations?id=…`, the deep link of every delivery: who is talking, the transcript
 * (kept up to date while the page is open), a reply to the visitor, the handoffs, and "Delete
 * conversation", after which the page follows the erasure.
 */
export function ConversationPage() {
  const { query } = useLocation();
  const id = query.id ?? '';
  /** The erasure of this conversation, once deleted from this page. */
  const [erasureId, setErasureId] = useState<string | undefined>();
  useEffect(() => setErasureId(undefined), [id]);

  return (
    <>
      <PageHeading>Conversation</PageHeading>
      {erasureId ? <DeletedConversation erasureId={erasureId} /> : <ConversationView id={id} onDeleted={setErasureId} />}
      <p>
        <a href="/admin/handoffs">All handoffs</a>
      </p>
    </>
  );
}

function ConversationView({ id, onDeleted }: { id: string; onDeleted: (erasureId: string) => void }) {
  const { conversation, handoffs, problem, addSent, refresh } = useLiveConversation(id);
  return (
    <>
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
          <DeleteConversation conversationId={conversation.id} onDeleted={onDeleted} />
        </>
      )}
    </>
  );
}

/** What is left to see of a conversation deleted from this page: how its erasure goes. */
function DeletedConversation({ erasureId }: { erasureId: string }) {
  return (
    <>
      <p role="status" class="notice">
        The conversation is deleted: it is no longer in Wilow.
      </p>
      <ErasureProgress erasureId={erasureId} />
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
