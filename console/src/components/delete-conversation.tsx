import { useRef, useState } from 'preact/hooks';
import { messageOf, unwrap } from '../api/client';
import { useSignedIn } from '../signed-in';

/**
 * "Delete conversation": a confirmation naming what is erased and what cannot be, then the erasure.
 * `onDeleted` hears of the erasure once the service has taken it (the conversation is gone then).
 */
export function DeleteConversation({ conversationId, onDeleted }: { conversationId: string; onDeleted: (erasureId: string) => void }) {
  const { api } = useSignedIn();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const confirm = () => {
    setBusy(true);
    setProblem('');
    unwrap(api.DELETE('/v1/admin/conversations/{id}', { params: { path: { id: conversationId } } }))
      .then(({ erasureId }) => {
        dialog.current?.close();
        onDeleted(erasureId);
      })
      .catch((error: unknown) => setProblem(messageOf(error)))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      <p class="muted">Erase this conversation from Wilow and, where possible, from the places it was delivered to.</p>
      <button type="button" class="button button-danger" onClick={() => dialog.current?.showModal()}>
        Delete conversation
      </button>
      <dialog ref={dialog} class="dialog" aria-labelledby="delete-dialog-heading" aria-describedby="delete-dialog-what">
        <h2 id="delete-dialog-heading">Delete this conversation?</h2>
        <div id="delete-dialog-what">
          <p>This erases, at once and for good:</p>
          <ul>
            <li>the messages of the conversation;</li>
            <li>the visitor's email and reason on its handoffs;</li>
            <li>the payloads stored to deliver them, and what the channels answered.</li>
          </ul>
          <p>
            Tickets and posts Wilow created in your helpdesks are deleted where possible, and your webhook is told. Emails that have left
            cannot be recalled. The handoff and delivery records stay, without their content, for your statistics.
          </p>
        </div>
        <p role="alert" class="problem">
          {problem}
        </p>
        <div class="actions">
          <button type="button" class="button button-danger" disabled={busy} onClick={confirm}>
            Yes, delete it
          </button>
          <button type="button" class="button" disabled={busy} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        </div>
      </dialog>
    </section>
  );
}
