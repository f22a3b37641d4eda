import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { type ApiClient, ApiProblem, type ConversationDetail, type Handoff, messageOf, unwrap } from '../api/client';
import { DateTime } from '../components/date-time';
import { HandoffCard } from '../components/handoff-card';
import { PageHeading } from '../components/page-heading';
import { plural } from '../format';
import { useSignedIn } from '../signed-in';

/** Every handoff of one conversation fits on the page: a visitor asks again only after a resolve. */
const HANDOFFS_SHOWN = 100;

const ROLE_NAMES: Record<string, string> = { user: 'Visitor', assistant: 'Assistant' };

interface Loaded {
  conversation: ConversationDetail;
  handoffs: Handoff[];
}

/** `/admin/conversations?id=…`, the deep link of every delivery: the transcript and its handoffs. */
export function ConversationPage() {
  const { api } = useSignedIn();
  const { query } = useLocation();
  const id = query.id ?? '';
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [problem, setProblem] = useState('');

  useEffect(() => {
    setLoaded(undefined);
    setProblem('');
    if (!id) {
      setProblem('This link names no conversation.');
      return;
    }
    Promise.all([
      readWholeConversation(api, id),
      unwrap(api.GET('/v1/admin/handoffs', { params: { query: { conversationId: id, limit: HANDOFFS_SHOWN } } })),
    ]).then(
      ([conversation, handoffs]) => setLoaded({ conversation, handoffs: handoffs.items }),
      (error: unknown) => setProblem(conversationProblem(error)),
    );
  }, [id]);

  return (
    <>
      <PageHeading>Conversation</PageHeading>
      <p role="status" class="page-status">
        {!loaded && !problem ? 'Loading the conversation…' : ''}
      </p>
      <p role="alert" class="problem">
        {problem}
      </p>
      {loaded && <ConversationDetails {...loaded} />}
      <p>
        <a href="/admin/handoffs">All handoffs</a>
      </p>
    </>
  );
}

function ConversationDetails({ conversation, handoffs }: Loaded) {
  return (
    <>
      <p class="conversation-meta">
        Started <DateTime value={conversation.createdAt} /> · {plural(conversation.messageCount, 'message')}
      </p>
      <section aria-labelledby="transcript-heading">
        <h2 id="transcript-heading">Transcript</h2>
        {conversation.messages.length === 0 ? (
          <p class="muted">No messages yet.</p>
        ) : (
          <ol class="transcript">
            {conversation.messages.map((message) => (
              <li key={message.id} class={`message message-${message.role}`}>
                <p class="message-meta">
                  <span class="message-role">{ROLE_NAMES[message.role] ?? message.role}</span> <DateTime value={message.createdAt} withSeconds />
                </p>
                <p class="message-content">{message.content}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="handoffs-heading">
        <h2 id="handoffs-heading">Handoffs</h2>
        {handoffs.length === 0 ? (
          <p class="muted">The visitor has not asked for a person in this conversation.</p>
        ) : (
          <div class="handoff-list">
            {handoffs.map((handoff) => (
              <HandoffCard key={handoff.id} handoff={handoff} headingLevel={3} showConversationLink={false} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}

/** Each read answers at most 100 messages; a conversation holds at most 1,000, so this reads at most ten pages. */
async function readWholeConversation(api: ApiClient, id: string): Promise<ConversationDetail> {
  const first = await unwrap(api.GET('/v1/admin/conversations/{id}', { params: { path: { id } } }));
  const messages = [...first.messages];
  for (let after = first.nextAfter; after !== null; ) {
    const page = await unwrap(api.GET('/v1/admin/conversations/{id}', { params: { path: { id }, query: { after } } }));
    messages.push(...page.messages);
    after = page.nextAfter;
  }
  return { ...first, messages, nextAfter: null };
}

function conversationProblem(error: unknown): string {
  if (error instanceof ApiProblem && (error.status === 404 || error.status === 400)) {
    return 'There is no such conversation in this workspace.';
  }
  return messageOf(error);
}
