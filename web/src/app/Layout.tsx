import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNodeInfo } from '../api/queries';
import { useFormat } from '../i18n/format';
import { useLogout, useMe } from '../auth/session';
import { errorMessage } from '../api/client';
import { LanguageSwitch } from './LanguageSwitch';
import { Icon, Logo } from './icons';
import { Link, useLocation } from './router';
import { allowed, ROUTES, SECTIONS, type RouteDef } from './routes';
import { enumLabel } from './labels';

function Sidebar({ current }: { current: RouteDef | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const visible = ROUTES.filter((r) => !r.parent && allowed(r, me.role));
  // The page of one record lights up the menu entry it belongs to.
  const active = current?.parent ?? current?.path;
  return (
    <aside className="sidebar">
      <Link to="/" className="brand">
        <Logo size={34} />
        <span className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </span>
      </Link>
      <nav aria-label={t('nav.label')}>
        {SECTIONS.map((s) => {
          const items = visible.filter((r) => r.section === s);
          if (!items.length) return null;
          return (
            <div className="nav-section" key={s}>
              {s !== 'overview' ? <div className="nav-section-title">{t(`nav.section.${s}`)}</div> : null}
              <ul>
                {items.map((r) => (
                  <li key={r.path}>
                    <Link
                      to={r.path}
                      className={active === r.path ? 'nav-link active' : 'nav-link'}
                      aria-current={current === r ? 'page' : active === r.path ? 'true' : undefined}
                      title={t(r.titleKey)}
                      aria-label={t(r.titleKey)}
                    >
                      <Icon name={r.icon} />
                      <span>{t(r.titleKey)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
    </aside>
  );
}

function Header() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const node = useNodeInfo();
  const logout = useLogout();
  return (
    <header className="topbar">
      <div className="topbar-node">
        <span className="topbar-node-label">{t('header.node')}</span>
        <span className="topbar-node-name">{node.data ? f.text(node.data.names) : '…'}</span>
        <span className="badge badge-neutral" title={t('header.partyCode')}>
          {node.data?.party ?? me.party}
        </span>
      </div>
      <div className="topbar-right">
        <LanguageSwitch compact />
        <div className="topbar-user" data-testid="current-user">
          <span className="avatar" aria-hidden="true">
            {(me.displayName || me.username).trim().charAt(0).toUpperCase()}
          </span>
          <span className="topbar-user-text">
            <span className="topbar-user-name">{me.displayName}</span>
            <span className="topbar-user-role">
              {enumLabel(t, 'role', me.role)} · {me.username}
            </span>
          </span>
        </div>
        <button type="button" className="btn btn-ghost" onClick={() => logout.mutate()} disabled={logout.isPending} title={logout.isError ? errorMessage(logout.error) : undefined}>
          <Icon name="logout" size={16} />
          <span>{t('header.logout')}</span>
        </button>
      </div>
    </header>
  );
}

export function Layout({ current, children }: { current: RouteDef | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  const f = useFormat();
  const node = useNodeInfo();
  const { path } = useLocation();
  const title = current ? t(current.titleKey) : t('notFound.title');
  useEffect(() => {
    document.title = `${title} · ${node.data ? f.text(node.data.names) : t('app.name')}`;
  }, [title, node.data, f, t]);
  return (
    <div className="shell">
      <a href="#content" className="skip-link">
        {t('common.skipToContent')}
      </a>
      <Sidebar current={current} />
      <div className="main">
        <Header />
        <main id="content" className="content" key={path}>
          {children}
        </main>
        <footer className="footer">
          <span>{node.data ? t('footer.software', { name: node.data.software.name, version: node.data.software.version }) : null}</span>
          <a href="/api/docs" target="_blank" rel="noreferrer">
            {t('footer.apiDocs')}
          </a>
        </footer>
      </div>
    </div>
  );
}
