import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso/router';
import { type Handoff, type HandoffChannel, type HandoffStatus, messageOf, unwrap } from '../api/client';
import { FailingBanner } from '../components/failing-banner';
import { HandoffCard } from '../components/handoff-card';
import { PageHeading } from '../components/page-heading';
import { useSignedIn } from '../signed-in';

const PAGE_SIZE = 20;

const FILTERS: { label: string; status?: HandoffStatus }[] = [
  { label: 'All' },
  { label: 'Open', status: 'open' },
  { label: 'Resolved', status: 'resolved' },
];

interface Listing {
  items: Handoff[];
  nextCursor: string | null;
}

/** Handoffs newest first, filtered by status through the URL (`?status=open`), a page at a time. */
export function HandoffsPage() {
  const { api } = useSignedIn();
  const { query, route } = useLocation();
  const status = FILTERS.find((filter) => filter.status && filter.status === query.status)?.status;
  const [listing, setListing] = useState<Listing | undefined>();
  const [problem, setProblem] = useState('');
  const [loading, setLoading] = useState(true);
  const [channels, setChannels] = useState<HandoffChannel[]>([]);

  useEffect(() => {
    // The banner is a courtesy: the list works without it.
    unwrap(api.GET('/v1/admin/handoff/channels')).then((list) => setChannels(list.items), () => undefined);
  }, []);

  const load = async (cursor?: string) => {
    setLoading(true);
    setProblem('');
    try {
      const page = await unwrap(api.GET('/v1/admin/handoffs', { params: { query: { status, cursor, limit: PAGE_SIZE } } }));
      setListing((shown) => (cursor && shown ? { items: [...shown.items, ...page.items], nextCursor: page.nextCursor } : page));
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setListing(undefined);
    void load();
  }, [status]);

  return (
    <>
      <PageHeading>Handoffs</PageHeading>
      <FailingBanner channels={channels} linkToSettings />
      <fieldset class="filter">
        <legend>Show</legend>
        {FILTERS.map((filter) => (
          <label key={filter.label} class="filter-option">
            <input
              type="radio"
              name="status"
              checked={filter.status === status}
              onChange={() => route(filter.status ? `/admin/handoffs?status=${filter.status}` : '/admin/handoffs')}
            />
            {filter.label}
          </label>
        ))}
      </fieldset>
      <p role="status" class="page-status">
        {loading ? 'Loading handoffs…' : listing && listing.items.length === 0 ? emptyMessage(status) : ''}
      </p>
      <p role="alert" class="problem">
        {problem}
      </p>
      {listing && (
        <div class="handoff-list">
          {listing.items.map((handoff) => (
            <HandoffCard key={handoff.id} handoff={handoff} />
          ))}
        </div>
      )}
      {listing?.nextCursor && (
        <button type="button" class="button" disabled={loading} onClick={() => void load(listing.nextCursor ?? undefined)}>
          Show older handoffs
        </button>
      )}
    </>
  );
}

function emptyMessage(status: HandoffStatus | undefined): string {
  if (status === 'open') return 'No open handoffs.';
  if (status === 'resolved') return 'No resolved handoffs.';
  return 'No handoffs yet. When a visitor asks for a person, the handoff shows here.';
}
