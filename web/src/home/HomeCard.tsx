import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Agreement, Me, Party } from '../api/types';
import { can } from '../auth/session';
import { Card, Empty, ErrorBox, Loading } from '../app/ui';
import { AgreementsInForce, DirectoryShortcuts } from './widgets';

/** What a home card shows: its data once there, or loading, or the error. */
export interface Loadable<T> {
  data: T | null | undefined;
  error?: unknown;
  retry?: () => void;
}

/** A query's state as a home card takes it. */
export const loaded = <T,>(q: UseQueryResult<T>): Loadable<T> => ({ data: q.data, error: q.isError ? q.error : null, retry: () => void q.refetch() });

/** A card of a home page: its content from the data, or loading, the error, or `empty` for an empty list. */
export function HomeCard<T>({
  title,
  flush,
  actions,
  state,
  empty,
  children,
}: {
  title: string;
  flush?: boolean;
  actions?: ReactNode;
  state: Loadable<T>;
  empty?: string;
  children: (data: T) => ReactNode;
}) {
  const { data, error, retry } = state;
  return (
    <Card title={title} flush={flush} actions={actions}>
      {error ? (
        <ErrorBox error={error} onRetry={retry} />
      ) : data == null ? (
        <Loading />
      ) : empty !== undefined && Array.isArray(data) && data.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        children(data)
      )}
    </Card>
  );
}

/** A card of the agreements in force, once they have loaded. */
export function AgreementsCard({ title, agreements, error, parties }: { title: string; agreements: readonly Agreement[] | null | undefined; error: unknown; parties: Party[] | undefined }) {
  return (
    <HomeCard title={title} state={{ data: agreements, error }}>
      {(list) => <AgreementsInForce agreements={list} parties={parties} />}
    </HomeCard>
  );
}

/** A card of links into the directory; contacts only for those who may see them. */
export function ShortcutsCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Card title={t('home.shortcuts')}>
      <DirectoryShortcuts showContacts={can(me.role, 'contacts')} />
    </Card>
  );
}
