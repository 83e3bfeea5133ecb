// Login: e-mail and password, checked by the core against its synced users (offline too).
import { useRef, useState, type SubmitEvent } from 'react';
import { readableError } from '../api/api-call-error.ts';
import { useLogin } from '../api/station-queries.ts';
import { useSessionStore } from '../state/session-store.ts';

export function LoginScreen(): React.JSX.Element {
  const login = useLogin();
  const notice = useSessionStore((s) => s.notice);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (email.trim() === '') {
      setMissing('Enter your e-mail address.');
      emailRef.current?.focus();
      return;
    }
    if (password === '') {
      setMissing('Enter your password.');
      passwordRef.current?.focus();
      return;
    }
    setMissing(null);
    login.mutate(
      { email, password },
      {
        onError: () => {
          setPassword('');
          passwordRef.current?.focus();
        },
      },
    );
  };

  const error = missing ?? (login.error ? readableError(login.error) : null);

  return (
    <div className="login">
      <form className="card login-card" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">Log in</h1>
        <p className="hint">Use your AMMS e-mail and password. This works offline too.</p>
        {notice && !error && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <div className="field">
          <label htmlFor="login-email">E-mail</label>
          <input
            id="login-email"
            ref={emailRef}
            type="email"
            autoComplete="username"
            autoFocus
            spellCheck={false}
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            ref={passwordRef}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
          />
        </div>
        <div className="form-error" role="alert" aria-live="assertive">
          {error}
        </div>
        <button type="submit" className="button button-primary button-wide" disabled={login.isPending}>
          {login.isPending ? 'Checking…' : 'Log in'}
        </button>
      </form>
    </div>
  );
}
