import { useEffect, useState } from 'preact/hooks';
import { type Erasure, type ErasureStarted, messageOf, unwrap } from '../api/client';
import { ErasureProgress } from '../components/erasure-progress';
import { ErasureSummary } from '../components/erasure-summary';
import { OneFieldForm } from '../components/one-field-form';
import { PageHeading } from '../components/page-heading';
import { conversationsErased } from '../erasure';
import { useSignedIn } from '../signed-in';

const PAGE_SIZE = 20;
const EMAIL_FIELD = { name: 'visitorEmail', label: 'Visitor email' };

interface Listing {
  items: Erasure[];
  nextCursor: string | null;
}

/** `/admin/data-protection`: erasing a visitor's data by email, and the erasures made so far. */
export function DataProtectionPage() {
  /** Changes with each new erasure, so that the list is read again. */
  const [latest, setLatest] = useState<string | undefined>();
  return (
    <>
      <PageHeading>Data protection</PageHeading>
      <p class="lead">
        Erase what Wilow holds of a visitor, and follow it to where it was delivered. To erase one conversation, open it and choose
        "Delete conversation".
      </p>
      <EraseVisitorData onStarted={setLatest} />
      <PastErasures latest={latest} />
    </>
  );
}

function EraseVisitorData({ onStarted }: { onStarted: (erasureId: string) => void }) {
  const { api } = useSignedIn();
  const [email, setEmail] = useState('');
  const [started, setStarted] = useState<ErasureStarted | undefined>();

  const erase = async () => {
    setStarted(undefined);
    const erasure = await unwrap(api.POST('/v1/admin/erasures', { body: { visitorEmail: email.trim() } }));
    setStarted(erasure);
    onStarted(erasure.erasureId);
    return { notice: conversationsErased(erasure) };
  };

  return (
    <section aria-labelledby="erase-visitor-heading">
      <h2 id="erase-visitor-heading">Erase a visitor's data</h2>
      <OneFieldForm
        id="erase-visitor-email"
        field={EMAIL_FIELD}
        input={{ type: 'email' }}
        value={email}
        onInput={setEmail}
        hint={'Every conversation whose handoff carries this email is erased, as "Delete conversation" erases one.'}
        submitLabel="Erase visitor's data"
        submitClass="button-danger"
        onSubmit={erase}
      />
      {started && started.conversations > 0 && <ErasureProgress erasureId={started.erasureId} />}
    </section>
  );
}

function PastErasures({ latest }: { latest?: string }) {
  const { api } = useSignedIn();
  const [listing, setListing] = useState<Listing | undefined>();
  const [problem, setProblem] = useState('');
  const [loading, setLoading] = useState(true);

  const load = async (cursor?: string) => {
    setLoading(true);
    setProblem('');
    try {
      const page = await unwrap(api.GET('/v1/admin/erasures', { params: { query: { cursor, limit: PAGE_SIZE } } }));
      setListing((shown) => (cursor && shown ? { items: [...shown.items, ...page.items], nextCursor: page.nextCursor } : page));
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), [latest]);

  return (
    <section aria-labelledby="past-erasures-heading">
      <h2 id="past-erasures-heading">Past erasures</h2>
      <p role="status" class="page-status">
        {loading ? 'Loading erasures…' : listing && listing.items.length === 0 ? 'Nothing has been erased yet.' : ''}
      </p>
      <p role="alert" class="problem">
        {problem}
      </p>
      {listing && listing.items.length > 0 && (
        <ul class="erasure-list" aria-label="Past erasures">
          {listing.items.map((erasure) => (
            <li key={erasure.id} class="card">
              <ErasureSummary erasure={erasure} />
            </li>
          ))}
        </ul>
      )}
      {listing?.nextCursor && (
        <button type="button" class="button" disabled={loading} onClick={() => void load(listing.nextCursor ?? undefined)}>
          Show more erasures
        </button>
      )}
    </section>
  );
}
