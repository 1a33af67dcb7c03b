import { type FormEvent, useState } from 'react';

interface SignInProps {
  message: string | null;
  onSignIn: (key: string) => Promise<void>;
}

/** Asks for the API key once; it is kept in sessionStorage until the tab closes or sign-out. */
export function SignIn({ message, onSignIn }: SignInProps) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim() === '') return;
    setBusy(true);
    void onSignIn(key.trim()).finally(() => setBusy(false));
  };

  return (
    <main className="sign-in" id="main">
      <h1>Service-Relationship Ledger</h1>
      <p>Sign in with your API key (an analyst, auditor or admin key).</p>
      {/* method=post and no action: the key can never end up in the address bar. */}
      <form
        onSubmit={submit}
        method="post"
        aria-describedby={message ? 'sign-in-message' : undefined}
      >
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
      {message !== null && (
        <p id="sign-in-message" className="state error" role="alert">
          {message}
        </p>
      )}
      <p className="hint">
        The key stays in this browser tab only. The API itself is described at{' '}
        <a href="/docs">/docs</a>.
      </p>
    </main>
  );
}
