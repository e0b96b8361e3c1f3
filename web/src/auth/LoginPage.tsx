import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';
import { useNodeInfo } from '../api/queries';
import { useFormat } from '../i18n/format';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { Logo } from '../app/icons';
import { useLogin } from './session';

export function LoginPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const node = useNodeInfo();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.name')}`;
  });
  useEffect(() => userRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate({ username: username.trim(), password });
  };

  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <main className="login-main">
        <div className="login-card">
          <div className="login-brand">
            <Logo size={44} />
            <div>
              <div className="login-app">{t('app.name')}</div>
              <div className="login-tagline">{t('app.tagline')}</div>
            </div>
          </div>
          {node.data ? (
            <div className="login-node">
              <span className="login-node-label">{t('login.node')}</span>
              <strong>{f.text(node.data.names)}</strong>
              <span className="badge badge-neutral">{node.data.party}</span>
            </div>
          ) : null}
          <h1>{t('login.title')}</h1>
          <form onSubmit={submit} noValidate>
            <div className="field">
              <label htmlFor="login-username">{t('login.username')}</label>
              <input
                ref={userRef}
                id="login-username"
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="login-password">{t('login.password')}</label>
              <input
                id="login-password"
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            {missing ? (
              <div className="alert alert-error" role="alert">
                {t('login.missing')}
              </div>
            ) : login.isError ? (
              <div className="alert alert-error" role="alert" data-testid="login-error">
                {errorMessage(login.error)}
              </div>
            ) : null}
            <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
              {login.isPending ? t('login.signingIn') : t('login.submit')}
            </button>
          </form>
          <p className="login-notice">{t('login.notice')}</p>
        </div>
      </main>
      <footer className="login-footer">
        {node.data ? t('footer.software', { name: node.data.software.name, version: node.data.software.version }) : null}
      </footer>
    </div>
  );
}
