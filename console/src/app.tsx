import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router, useLocation } from 'preact-iso/router';
import { ApiProblem, createApiClient, messageOf, unwrap } from './api/client';
import { ChannelNamesProvider } from './channel-names';
import { Header } from './components/header';
import { PageHeading } from './components/page-heading';
import { ConversationPage } from './pages/conversation';
import { DataProtectionPage } from './pages/data-protection';
import { HandoffSettingsPage } from './pages/handoff-settings';
import { HandoffsPage } from './pages/handoffs';
import { SignInPage } from './pages/sign-in';
import { WidgetSettingsPage } from './pages/widget-settings';
import { forgetSession, savedApiKey, saveApiKey } from './session';
import { SignedIn, SignedInContext } from './signed-in';

const KEY_REFUSED = "That key wasn't accepted. Check it and try again.";
const SESSION_ENDED = 'Your admin API key is no longer accepted. Sign in again.';

type State = { kind: 'restoring' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; session: SignedIn };

/**
 * Signs in with an admin API key checked against the API, then shows the page of the current URL:
 * a deep link opened while signed out is still the URL after signing in.
 */
export function App() {
  const [state, setState] = useState<State>(() => (savedApiKey() ? { kind: 'restoring' } : { kind: 'signed-out' }));

  const signOut = (notice?: string) => {
    forgetSession();
    setState({ kind: 'signed-out', notice });
  };

  /** Resolves to an error message when the key is refused or the check failed. */
  const signIn = async (apiKey: string): Promise<string | undefined> => {
    try {
      const tenant = await unwrap(createApiClient(apiKey).GET('/v1/admin/tenant'));
      saveApiKey(apiKey);
      const api = createApiClient(apiKey, () => signOut(SESSION_ENDED));
      setState({ kind: 'signed-in', session: { api, tenant } });
      return undefined;
    } catch (error) {
      return error instanceof ApiProblem && error.status === 401 ? KEY_REFUSED : messageOf(error);
    }
  };

  useEffect(() => {
    const apiKey = savedApiKey();
    if (state.kind !== 'restoring' || !apiKey) return;
    void signIn(apiKey).then((problem) => {
      if (problem) signOut(problem === KEY_REFUSED ? SESSION_ENDED : problem);
    });
  }, []);

  return (
    <LocationProvider scope="/admin">
      {state.kind === 'restoring' && <p role="status" class="page-status">Signing in…</p>}
      {state.kind === 'signed-out' && <SignInPage notice={state.notice} onSignIn={signIn} />}
      {state.kind === 'signed-in' && (
        <SignedInContext.Provider value={state.session}>
          <ChannelNamesProvider>
            <Header workspace={state.session.tenant.name} onSignOut={() => signOut()} />
            <main id="main" class="page">
              <Router>
                <Route path="/admin/handoffs" component={HandoffsPage} />
                <Route path="/admin/conversations" component={ConversationPage} />
                <Route path="/admin/settings/handoff" component={HandoffSettingsPage} />
                <Route path="/admin/settings/widget" component={WidgetSettingsPage} />
                <Route path="/admin/data-protection" component={DataProtectionPage} />
                <Route path="/admin" component={ToHandoffs} />
                <Route default component={NotFoundPage} />
              </Router>
            </main>
          </ChannelNamesProvider>
        </SignedInContext.Provider>
      )}
    </LocationProvider>
  );
}

/** `/admin` itself: the Handoffs page is the console's home. */
function ToHandoffs() {
  const { route } = useLocation();
  useEffect(() => route('/admin/handoffs', true), []);
  return null;
}

function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is no such page in the console. Go to <a href="/admin/handoffs">Handoffs</a>.
      </p>
    </>
  );
}
