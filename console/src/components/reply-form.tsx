import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { ApiProblem, type ConversationMode, type Message, messageOf, unwrap } from '../api/client';
import { missingReplyFields, replyProblems, type ReplyValues } from '../reply';
import { savedReplyName, saveReplyName } from '../session';
import { useSignedIn } from '../signed-in';
import { Announcements } from './announcements';

/** The API's limits on a reply (ReplyDto): the fields stop there rather than be refused. */
const MAX_NAME_LENGTH = 80;
const MAX_CONTENT_LENGTH = 4000;

interface ReplyFormProps {
  conversationId: string;
  mode: ConversationMode;
  /** With the reply as recorded, to show it in the transcript at once. */
  onSent: (message: Message) => void;
}

/**
 * Answers the visitor in their chat as a person of the team. The name is kept for the browser
 * session; the reply stays in its field until the service has recorded it.
 */
export function ReplyForm({ conversationId, mode, onSent }: ReplyFormProps) {
  const { api } = useSignedIn();
  const [values, setValues] = useState<ReplyValues>(() => ({ authorName: savedReplyName(), content: '' }));
  const [fieldProblems, setFieldProblems] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  const change = (field: keyof ReplyValues, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (field === 'authorName') saveReplyName(value);
  };

  const showFieldProblems = (byField: Record<string, string>) => {
    setFieldProblems(byField);
    const first = (['authorName', 'content'] as const).find((field) => byField[field]);
    if (first) document.getElementById(`reply-${first}`)?.focus();
  };

  const send = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem('');
    setNotice('');
    const missing = missingReplyFields(values);
    showFieldProblems(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const body = { authorName: values.authorName.trim(), content: values.content.trim() };
      const { message } = await unwrap(api.POST('/v1/admin/conversations/{id}/replies', { params: { path: { id: conversationId } }, body }));
      setValues((current) => ({ ...current, content: '' }));
      setNotice('Reply sent.');
      onSent(message);
    } catch (error) {
      if (!(error instanceof ApiProblem)) return setProblem(messageOf(error));
      const placed = replyProblems(error);
      showFieldProblems(placed.byField);
      setProblem(placed.general.join(' '));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="reply-heading" class="card reply">
      <h2 id="reply-heading">Reply</h2>
      <p class="field-hint">
        {mode === 'assistant'
          ? 'The visitor is with the assistant: a reply needs an open handoff.'
          : "Your reply appears in the visitor's chat, with your name."}
      </p>
      <form class="form" noValidate onSubmit={(event) => void send(event)}>
        <div class="field">
          <label for="reply-authorName">Your name</label>
          <input
            {...described('reply-authorName', fieldProblems.authorName)}
            type="text"
            autoComplete="name"
            maxLength={MAX_NAME_LENGTH}
            value={values.authorName}
            onInput={(event) => change('authorName', event.currentTarget.value)}
          />
          <FieldProblem id="reply-authorName" problem={fieldProblems.authorName} />
        </div>
        <div class="field">
          <label for="reply-content">Reply to the visitor</label>
          <textarea
            {...described('reply-content', fieldProblems.content)}
            rows={4}
            maxLength={MAX_CONTENT_LENGTH}
            value={values.content}
            onInput={(event) => change('content', event.currentTarget.value)}
          />
          <FieldProblem id="reply-content" problem={fieldProblems.content} />
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            Send reply
          </button>
        </div>
      </form>
      <Announcements notice={notice} problem={problem} />
    </section>
  );
}

/** A control's id, tied to its refusal when it has one. */
function described(id: string, problem: string | undefined) {
  return { id, 'aria-describedby': problem ? `${id}-problem` : undefined, 'aria-invalid': problem ? true : undefined };
}

function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <p id={`${id}-problem`} class="field-problem">
      {problem}
    </p>
  );
}
