import { useTranslation } from 'react-i18next';
import { useNodeInfo, useParties } from '../api/queries';
import type { Party } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, Empty, Names, PageHeader, QueryView } from '../app/ui';

function PartyNode({ party, all, nodeParty }: { party: Party; all: Party[]; nodeParty: string | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const children = all.filter((p) => p.parent === party.code);
  const serving = all.find((p) => p.code === party.servingParty);
  return (
    <li className="tree-node" data-party={party.code}>
      <div className="tree-node-head">
        <Names value={party.names} />
      </div>
      <div className="tree-node-badges">
        <Badge tone={party.country === 'CN' ? 'cn' : 'vn'}>{party.code}</Badge>
        <span className="small muted">{enumLabel(t, 'partyLevel', party.level)}</span>
        {party.runsNode ? <Badge tone="success">{t('parties.runsNode')}</Badge> : null}
        {party.code === nodeParty ? <Badge tone="info">{t('parties.thisNode')}</Badge> : null}
      </div>
      <div className="tree-node-meta">
        {t('common.labelValue', { label: t('parties.healthAuthority'), value: f.text(party.healthAuthority) })}
      </div>
      <div className="tree-node-meta">
        {party.runsNode
          ? t('parties.ownNode')
          : t('parties.servedBy', { party: serving ? `${f.text(serving.names)} (${party.servingParty})` : party.servingParty })}
        {' · '}
        {t('common.labelValue', { label: t('parties.timezone'), value: f.timeZone(party.timezone) })}
      </div>
      {children.length ? (
        <ul className="tree">
          {children.map((c) => (
            <PartyNode key={c.code} party={c} all={all} nodeParty={nodeParty} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function PartiesPage() {
  const { t } = useTranslation();
  const parties = useParties();
  const node = useNodeInfo();
  return (
    <>
      <PageHeader title={t('parties.title')} subtitle={t('parties.subtitle')} />
      <QueryView query={parties}>
        {(all) => {
          const codes = new Set(all.map((p) => p.code));
          const roots = all.filter((p) => !p.parent || !codes.has(p.parent));
          const own = all.find((p) => p.code === node.data?.party)?.country ?? 'VN';
          const countries = [...new Set(all.map((p) => p.country))].sort((a, b) => (a === own ? -1 : b === own ? 1 : a.localeCompare(b)));
          if (!all.length) return <Empty>{t('common.none')}</Empty>;
          return (
            <div className="party-tree">
              {countries.map((c) => (
                <Card key={c} title={enumLabel(t, 'country', c)}>
                  <ul className="tree">
                    {roots
                      .filter((p) => p.country === c)
                      .map((p) => (
                        <PartyNode key={p.code} party={p} all={all} nodeParty={node.data?.party} />
                      ))}
                  </ul>
                </Card>
              ))}
            </div>
          );
        }}
      </QueryView>
    </>
  );
}
