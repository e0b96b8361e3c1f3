import { useTranslation } from 'react-i18next';
import { useAgreements, useHealth, useNodeInfo, useTreeHead, useUsers } from '../api/queries';
import { ROLES, type Me } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Link } from '../app/router';
import { Badge, Names } from '../app/ui';
import { HomeCard, loaded, ShortcutsCard } from './HomeCard';
import { FIGURES, RoleHome, type Figure } from './RoleHome';
import { useReferenceData } from './useJurisdictionText';

/** The administrator's home: this node, its users by role, and the directory. */
export function AdministratorHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { facilities, gates } = useReferenceData();
  const node = useNodeInfo();
  const health = useHealth();
  const users = useUsers();
  const head = useTreeHead();
  const agreements = useAgreements();
  const active = users.data?.filter((u) => !u.disabled).length;
  const figures: Figure[] = [
    { icon: 'users', label: t('home.stat.users'), value: active, hint: users.data ? t('home.stat.usersHint', { total: f.number(users.data.length) }) : undefined, to: '/admin/users' },
    FIGURES.auditEntries(t, head.data?.treeSize),
    FIGURES.agreementsInForce(t, agreements.data?.filter((a) => a.status.state === 'in-force').length),
    FIGURES.facilities(t, facilities.data?.length),
    FIGURES.gates(t, gates.data?.length),
  ];
  const manage = (
    <Link to="/admin/users" className="btn btn-small">
      {t('home.administrator.manageUsers')}
    </Link>
  );
  return (
    <RoleHome me={me} figures={figures}>
      <div className="grid grid-2 section-gap">
        <HomeCard title={t('home.administrator.node')} state={loaded(node)}>
          {(n) => (
            <dl className="facts">
              <dt>{t('home.administrator.nodeName')}</dt>
              <dd>
                <Names value={n.names} />
              </dd>
              <dt>{t('header.partyCode')}</dt>
              <dd>{n.party}</dd>
              <dt>{t('home.administrator.keyId')}</dt>
              <dd>
                <code className="mono" data-testid="node-kid">
                  {n.publicKey.kid}
                </code>
              </dd>
              <dt>{t('home.administrator.keys')}</dt>
              <dd>{f.number(n.keys.length)}</dd>
              <dt>{t('home.administrator.apiBase')}</dt>
              <dd>
                <code className="mono">{n.apiBaseUrl}</code>
              </dd>
              <dt>{t('home.administrator.database')}</dt>
              <dd>{health.data ? <Badge tone="success">{health.data.database}</Badge> : health.isError ? <Badge tone="danger">{t('home.administrator.unavailable')}</Badge> : '…'}</dd>
              <dt>{t('home.administrator.software')}</dt>
              <dd>
                {n.software.name} {n.software.version}
              </dd>
            </dl>
          )}
        </HomeCard>
        <HomeCard title={t('home.administrator.usersByRole')} actions={manage} state={loaded(users)}>
          {(list) => (
            <table className="table">
              <tbody>
                {ROLES.map((r) => {
                  const of = list.filter((u) => u.role === r);
                  return (
                    <tr key={r}>
                      <td>{enumLabel(t, 'role', r)}</td>
                      <td className="num">{f.number(of.filter((u) => !u.disabled).length)}</td>
                      <td className="num faint small">{of.some((u) => u.disabled) ? t('home.administrator.disabledCount', { n: f.number(of.filter((u) => u.disabled).length) }) : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </HomeCard>
      </div>
      <ShortcutsCard me={me} />
    </RoleHome>
  );
}
