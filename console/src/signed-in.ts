import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient, Tenant } from './api/client';

/** Who is signed in: the API client with their key, and their workspace. */
export interface SignedIn {
  api: ApiClient;
  tenant: Tenant;
}

export const SignedInContext = createContext<SignedIn | null>(null);

/** The signed-in session; pages are only rendered inside one. */
export function useSignedIn(): SignedIn {
  const session = useContext(SignedInContext);
  if (!session) throw new Error('useSignedIn outside a signed-in console');
  return session;
}
