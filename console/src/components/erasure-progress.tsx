import { useEffect, useState } from 'preact/hooks';
import { type Erasure, messageOf, unwrap } from '../api/client';
import { isUnderWay } from '../erasure';
import { useSignedIn } from '../signed-in';
import { ErasureSummary } from './erasure-summary';
import { useRefreshWhile } from './use-refresh-while-unfinished';

/** An erasure just started, read again while it is `pending` until every destination has answered. */
export function ErasureProgress({ erasureId }: { erasureId: string }) {
  const { api } = useSignedIn();
  const [erasure, setErasure] = useState<Erasure | undefined>();
  const [problem, setProblem] = useState('');

  const read = async () => {
    const next = await unwrap(api.GET('/v1/admin/erasures/{id}', { params: { path: { id: erasureId } } }));
    setErasure(next);
    setProblem('');
  };
  useEffect(() => {
    setErasure(undefined);
    read().catch((error: unknown) => setProblem(messageOf(error)));
  }, [erasureId]);
  // A failed read is retried at the slower pace: the erasure goes on without the page.
  useRefreshWhile(erasure !== undefined && isUnderWay(erasure), erasure, () =>
    read().catch((error: unknown) => {
      setProblem(messageOf(error));
      throw error;
    }),
  );

  return (
    <section class="card erasure-progress" aria-labelledby={`erasure-${erasureId}`}>
      <h2 id={`erasure-${erasureId}`}>Erasure progress</h2>
      {erasure ? <ErasureSummary erasure={erasure} live /> : !problem && <p class="page-status">Reading the erasure…</p>}
      <p role="alert" class="problem">
        {problem}
      </p>
    </section>
  );
}
