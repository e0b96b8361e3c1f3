import { useTranslation } from 'react-i18next';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { LoginPage } from '../auth/LoginPage';
import { MeProvider, useMeQuery, useSessionExpiry } from '../auth/session';
import { Layout } from './Layout';
import { useLocation, Link } from './router';
import { allowed, findRoute } from './routes';
import { ErrorBox, Loading, PageHeader } from './ui';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers are final; only network and server errors are worth one more try.
      retry: (count, e) => count < 1 && !(e instanceof ApiError && e.status >= 400 && e.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </>
  );
}

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('forbidden.title')} />
      <p>{t('forbidden.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </>
  );
}

function Shell() {
  useSessionExpiry();
  const me = useMeQuery();
  const { path } = useLocation();
  if (me.isPending) return <div className="splash"><Loading /></div>;
  if (me.isError) return <div className="splash"><ErrorBox error={me.error} onRetry={() => void me.refetch()} /></div>;
  if (!me.data) return <LoginPage />;
  const route = findRoute(path);
  const Page = route?.component;
  return (
    <MeProvider me={me.data}>
      <Layout current={route}>{!route || !Page ? <NotFound /> : allowed(route, me.data.role) ? <Page /> : <NotAllowed />}</Layout>
    </MeProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}
