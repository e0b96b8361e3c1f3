import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import type { Locale, Text } from '../api/types';
import { LOCALES } from '../api/types';
import { Link } from './router';
import { Icon, type IconName } from './icons';

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </div>
  );
}

export function Card({
  title,
  actions,
  children,
  className,
  flush,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** No inner padding (for tables that run edge to edge). */
  flush?: boolean;
}) {
  return (
    <section className={`card${className ? ` ${className}` : ''}`}>
      {title || actions ? (
        <header className="card-header">
          {title ? <h2>{title}</h2> : <span />}
          {actions ? <div className="card-actions">{actions}</div> : null}
        </header>
      ) : null}
      <div className={flush ? 'card-body flush' : 'card-body'}>{children}</div>
    </section>
  );
}

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'vn' | 'cn';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function Stat({
  label,
  value,
  hint,
  to,
  icon,
  compact,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  to?: string;
  icon?: IconName;
  /** A longer value (a date) in a smaller size. */
  compact?: boolean;
}) {
  const body = (
    <>
      <div className="stat-label">
        {icon ? <Icon name={icon} size={16} /> : null}
        {label}
      </div>
      <div className={compact ? 'stat-value compact' : 'stat-value'}>{value}</div>
      {hint ? <div className="stat-hint">{hint}</div> : null}
    </>
  );
  return to ? (
    <Link to={to} className="stat stat-link">
      {body}
    </Link>
  ) : (
    <div className="stat">{body}</div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <span>{errorMessage(error)}</span>
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** Renders a query's data, or its loading state, or its error with a retry button. */
export function QueryView<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorBox error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

/** A name in the UI language, with the other languages' forms beneath when they differ. */
export function Names({ value, secondary = true }: { value: Text | string | null | undefined; secondary?: boolean }) {
  const { i18n } = useTranslation();
  if (value == null) return <>—</>;
  if (typeof value === 'string') return <>{value}</>;
  const lng = (LOCALES as readonly string[]).includes(i18n.language) ? (i18n.language as Locale) : 'en';
  const main = value[lng] || value.en;
  const others = secondary
    ? [...new Set(LOCALES.filter((l) => l !== lng).map((l) => value[l]).filter((v) => v && v !== main))]
    : [];
  return (
    <span className="names">
      <span className="names-main">{main}</span>
      {others.length ? <span className="names-other">{others.join(' · ')}</span> : null}
    </span>
  );
}

export function Field({
  label,
  error,
  hint,
  children,
  htmlFor,
}: {
  label: string;
  error?: string | null;
  hint?: string;
  children: ReactNode;
  htmlFor?: string;
}) {
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}

/** A short monospace rendering of a long identifier, full value on hover. */
export function Mono({ value, max = 0 }: { value: string; max?: number }) {
  const shown = max && value.length > max ? `${value.slice(0, max)}…` : value;
  return (
    <code className="mono" title={value}>
      {shown}
    </code>
  );
}
