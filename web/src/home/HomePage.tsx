import { useMemo, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { useAgreements, useContacts, useHealth, useNodeInfo, useTreeHead, useUsers } from '../api/queries';
import { ROLES, type Agreement, type Facility, type Me, type Party } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import type { IconName } from '../app/icons';
import { can, useMe } from '../auth/session';
import { Badge, Card, Empty, ErrorBox, Loading, Names, QueryView, Stat } from '../app/ui';
import { AreasTable } from '../directory/AreasPage';
import { ContactsTable } from '../directory/ContactsPage';
import { KIND_TONE } from '../directory/FacilitiesPage';
import { GateMap } from '../directory/LazyGateMap';
import { gateStatusTone } from '../directory/GatesPage';
import { areaInJurisdiction, countryOf, distanceKm, gateSide, servedParties, topmost } from '../directory/jurisdiction';
import { AgreementsInForce, DirectoryShortcuts, HomeHeader, nextDeadline, relevantAgreements } from './widgets';
import { useReferenceData } from './useJurisdictionText';
import { Link } from '../app/router';

// ───────────────────────────── the parts every role's home is made of ─────────────────────────────

/** A figure at the top of a home page; `value` is undefined while it loads. */
interface Figure {
  icon: IconName;
  label: string;
  value: number | string | undefined;
  hint?: string;
  to?: string;
  /** A longer value (a date) in a smaller size. */
  compact?: boolean;
}

/** The figures more than one role sees. */
const FIGURES = {
  agreementsInForce: (t: TFunction, n: number | undefined): Figure => ({ icon: 'agreements', label: t('home.stat.agreementsInForce'), value: n, to: '/directory/agreements' }),
  facilities: (t: TFunction, n: number | undefined): Figure => ({ icon: 'facilities', label: t('home.stat.facilities'), value: n, to: '/directory/facilities' }),
  gates: (t: TFunction, n: number | undefined): Figure => ({ icon: 'gates', label: t('home.stat.gates'), value: n, to: '/directory/gates' }),
  auditEntries: (t: TFunction, n: number | undefined): Figure => ({ icon: 'audit', label: t('home.stat.auditEntries'), value: n, to: '/audit' }),
};

/** A role's home: the heading, the figures, then the role's cards. */
function RoleHome({ me, figures, children }: { me: Me; figures?: readonly (Figure | null)[]; children: ReactNode }) {
  const f = useFormat();
  return (
    <>
      <HomeHeader me={me} />
      {figures ? (
        <div className="stats">
          {figures.map((x) =>
            x ? (
              <Stat
                key={x.label}
                icon={x.icon}
                label={x.label}
                value={x.value === undefined ? '…' : typeof x.value === 'number' ? f.number(x.value) : x.value}
                hint={x.hint}
                to={x.to}
                compact={x.compact}
              />
            ) : null,
          )}
        </div>
      ) : null}
      {children}
    </>
  );
}

/** What a home card shows: its data once there, or loading, or the error. */
interface Loadable<T> {
  data: T | null | undefined;
  error?: unknown;
  retry?: () => void;
}

const loaded = <T,>(q: UseQueryResult<T>): Loadable<T> => ({ data: q.data, error: q.isError ? q.error : null, retry: () => void q.refetch() });

/** A card of a home page: its content from the data, or loading, the error, or `empty` for an empty list. */
function HomeCard<T>({
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

function AgreementsCard({ title, agreements, error, parties }: { title: string; agreements: readonly Agreement[] | null | undefined; error: unknown; parties: Party[] | undefined }) {
  return (
    <HomeCard title={title} state={{ data: agreements, error }}>
      {(list) => <AgreementsInForce agreements={list} parties={parties} />}
    </HomeCard>
  );
}

function ShortcutsCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Card title={t('home.shortcuts')}>
      <DirectoryShortcuts showContacts={can(me.role, 'contacts')} />
    </Card>
  );
}

function CapabilityChips({ capabilities, style }: { capabilities: readonly string[]; style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <div className="chips" style={style}>
      {capabilities.map((c) => (
        <span className="chip" key={c}>
          {enumLabel(t, 'capability', c)}
        </span>
      ))}
    </div>
  );
}

// ───────────────────────────── each role's home ─────────────────────────────

function AdministratorHome({ me }: { me: Me }) {
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

function EpidemiologistHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { parties, areas, gates, facilities } = useReferenceData();
  const agreements = useAgreements();
  const mine = useMemo(() => {
    if (!parties.data || !areas.data) return null;
    return areas.data.filter((a) =>
      areaInJurisdiction(a, me.jurisdiction, { parties: parties.data, nodeParty: me.party, gates: gates.data, facilities: facilities.data }),
    );
  }, [areas.data, parties.data, gates.data, facilities.data, me]);
  const tops = mine ? topmost(mine) : [];
  const population = tops.reduce((s, a) => s + a.population, 0);
  const years = [...new Set(tops.map((a) => a.populationYear))].sort();
  const inForce = agreements.data && parties.data ? relevantAgreements(agreements.data, parties.data, me.party) : null;
  const myFacilities = facilities.data?.filter((x) => mine?.some((a) => a.code === x.area));
  const figures: Figure[] = [
    { icon: 'areas', label: t('home.stat.areasInJurisdiction'), value: mine?.length, to: '/directory/areas' },
    { icon: 'users', label: t('home.stat.population'), value: mine ? population : undefined, hint: years.length ? t('home.stat.populationYear', { year: years.join(', ') }) : undefined },
    { icon: 'gates', label: t('home.stat.borderAreas'), value: mine?.filter((a) => a.border).length },
    { icon: 'facilities', label: t('home.stat.facilitiesInJurisdiction'), value: myFacilities?.length, to: '/directory/facilities' },
    FIGURES.agreementsInForce(t, inForce?.length),
  ];
  return (
    <RoleHome me={me} figures={figures}>
      <AgreementsCard title={t('home.epidemiologist.agreements')} agreements={inForce} error={agreements.error} parties={parties.data} />
      <HomeCard title={t('home.epidemiologist.areas')} flush state={{ data: mine, error: areas.error }} empty={t('common.none')}>
        {(list) => <AreasTable areas={list} />}
      </HomeCard>
    </RoleHome>
  );
}

function NearbyFacilities({ list, from, showKind = true }: { list: readonly (Facility & { km: number })[]; from?: string; showKind?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!list.length) return <Empty>{t('common.none')}</Empty>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('facilities.name')}</th>
          {showKind ? <th>{t('facilities.kind')}</th> : null}
          <th>{t('facilities.capabilities')}</th>
          <th className="num">{from ?? t('home.distance')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((x) => (
          <tr key={x.id}>
            <td>
              <Names value={x.names} />
              <div className="small faint">{x.party}</div>
            </td>
            {showKind ? (
              <td>
                <Badge tone={KIND_TONE[x.kind] ?? 'neutral'}>{enumLabel(t, 'facilityKind', x.kind)}</Badge>
              </td>
            ) : null}
            <td>
              <CapabilityChips capabilities={x.capabilities} />
            </td>
            <td className="num">{Number.isNaN(x.km) ? '—' : t('home.km', { km: f.number(Math.round(x.km * 10) / 10) })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GateOfficerHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { parties, areas, gates, facilities } = useReferenceData();
  const country = countryOf(parties.data ?? [], me.party);
  const j = me.jurisdiction;
  return (
    <RoleHome me={me}>
      <QueryView query={gates}>
        {(all) => {
          const gate = j.kind === 'gate' ? all.find((g) => g.id === j.gate) : undefined;
          if (!gate) {
            // Not tied to one gate: every gate on this node's side of the border.
            const served = servedParties(parties.data ?? [], me.party);
            const areaParty = new Map((areas.data ?? []).map((a) => [a.code, a.party]));
            const ours = all.filter((g) => served.has(areaParty.get(gateSide(g, country).area) ?? ''));
            return (
              <Card title={t('home.gate-officer.allGates')}>
                <GateMap gates={ours.length ? ours : all} facilities={(facilities.data ?? []).filter((x) => x.kind === 'quarantine')} />
              </Card>
            );
          }
          const mid = { lat: (gate.vn.coordinates.lat + gate.cn.coordinates.lat) / 2, lon: (gate.vn.coordinates.lon + gate.cn.coordinates.lon) / 2 };
          const near = (facilities.data ?? [])
            .filter((x) => x.coordinates)
            .map((x) => ({ ...x, km: distanceKm(mid, x.coordinates!) }))
            .filter((x) => x.km <= 60)
            .sort((a, b) => a.km - b.km);
          // Centred on the pair, wide enough for the facilities within 12 km.
          const close = near.filter((x) => x.km <= 12).map((x) => x.coordinates!);
          const halfLat = Math.max(0.04, ...close.map((c) => Math.abs(c.lat - mid.lat))) * 1.3;
          const halfLon = Math.max(0.04, ...close.map((c) => Math.abs(c.lon - mid.lon))) * 1.3;
          const bounds = { minLat: mid.lat - halfLat, maxLat: mid.lat + halfLat, minLon: mid.lon - halfLon, maxLon: mid.lon + halfLon };
          const areaName = (code: string) => {
            const a = areas.data?.find((x) => x.code === code);
            return a ? `${f.text(a.names)} (${code})` : code;
          };
          return (
            <>
              <div className="grid grid-2 section-gap">
                <Card title={t('home.gate-officer.map')}>
                  <GateMap gates={all} facilities={near} focus={gate.id} bounds={bounds} small />
                </Card>
                <Card title={t('home.gate-officer.details')}>
                  <dl className="facts">
                    <dt>
                      <span className="dot dot-vn" />
                      {t('map.vnSide')}
                    </dt>
                    <dd>
                      <Names value={gate.vn.name} />
                      <div className="small faint">{areaName(gate.vn.area)}</div>
                    </dd>
                    <dt>
                      <span className="dot dot-cn" />
                      {t('map.cnSide')}
                    </dt>
                    <dd>
                      <Names value={gate.cn.name} />
                      <div className="small faint">{areaName(gate.cn.area)}</div>
                    </dd>
                    <dt>{t('gates.status')}</dt>
                    <dd>
                      <Badge tone={gateStatusTone(gate.status)}>{enumLabel(t, 'gateStatus', gate.status)}</Badge>
                    </dd>
                    <dt>{t('gates.modes')}</dt>
                    <dd>
                      <div className="chips">
                        {gate.modes.map((m) => (
                          <span className="chip" key={m}>
                            {enumLabel(t, 'gateMode', m)}
                          </span>
                        ))}
                      </div>
                    </dd>
                    <dt>{t('gates.coordinates')}</dt>
                    <dd className="small">
                      <div>{f.coordinate(gate.vn.coordinates)}</div>
                      <div>{f.coordinate(gate.cn.coordinates)}</div>
                    </dd>
                    <dt>{t('home.gate-officer.separation')}</dt>
                    <dd>{t('home.km', { km: f.number(Math.round(distanceKm(gate.vn.coordinates, gate.cn.coordinates) * 100) / 100) })}</dd>
                  </dl>
                </Card>
              </div>
              <Card title={t('home.gate-officer.nearby')} flush>
                <NearbyFacilities list={near} from={t('home.distanceFromGate')} />
              </Card>
            </>
          );
        }}
      </QueryView>
    </RoleHome>
  );
}

function ClinicianHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { parties, areas, facilities } = useReferenceData();
  const j = me.jurisdiction;
  return (
    <RoleHome me={me}>
      <QueryView query={facilities}>
        {(all) => {
          const ps = parties.data ?? [];
          const country = countryOf(ps, me.party);
          const own = j.kind === 'facility' ? all.find((x) => x.id === j.facility) : undefined;
          const mineArea = own?.area ?? (j.kind === 'area' ? j.area : null);
          const served = servedParties(ps, me.party);
          const inJurisdiction = all.filter((x) => {
            if (!served.has(x.party)) return false;
            if (!mineArea) return true;
            const a = areas.data?.find((y) => y.code === x.area);
            const ownArea = areas.data?.find((y) => y.code === mineArea);
            // Same province as the clinician's facility or area.
            const top = ownArea?.path[0];
            return a ? !top || a.path.includes(top) : x.area === mineArea;
          });
          const origin = own?.coordinates ?? null;
          const partners = all
            .filter((x) => x.kind === 'hospital' && countryOf(ps, x.party) !== country)
            .map((x) => ({ ...x, km: origin && x.coordinates ? distanceKm(origin, x.coordinates) : NaN }))
            .sort((a, b) => (Number.isNaN(a.km) ? 1 : Number.isNaN(b.km) ? -1 : a.km - b.km));
          return (
            <>
              {own ? (
                <Card title={t('home.clinician.ownFacility')}>
                  <div className="row-between">
                    <div>
                      <Names value={own.names} />
                      <div className="small muted">{own.address ? f.text(own.address) : null}</div>
                    </div>
                    <Badge tone={KIND_TONE[own.kind] ?? 'neutral'}>{enumLabel(t, 'facilityKind', own.kind)}</Badge>
                  </div>
                  <CapabilityChips capabilities={own.capabilities} style={{ marginTop: 10 }} />
                </Card>
              ) : null}
              <div className="grid grid-2 section-gap">
                <Card title={t('home.clinician.facilities')} flush>
                  <table className="table">
                    <thead>
                      <tr>
                        <th>{t('facilities.name')}</th>
                        <th>{t('facilities.capabilities')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {inJurisdiction.map((x) => (
                        <tr key={x.id}>
                          <td>
                            <Names value={x.names} />
                            <div className="small faint">{enumLabel(t, 'facilityKind', x.kind)}</div>
                          </td>
                          <td>
                            <CapabilityChips capabilities={x.capabilities} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {inJurisdiction.length ? null : <Empty>{t('common.none')}</Empty>}
                </Card>
                <Card title={t('home.clinician.partners')} flush>
                  {origin ? (
                    <NearbyFacilities list={partners} from={t('home.distanceFromYou')} showKind={false} />
                  ) : (
                    <NearbyFacilities list={partners.map((p) => ({ ...p, km: NaN }))} showKind={false} />
                  )}
                </Card>
              </div>
            </>
          );
        }}
      </QueryView>
    </RoleHome>
  );
}

function LiaisonHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { parties } = useReferenceData();
  const agreements = useAgreements();
  const contacts = useContacts();
  const inForce = agreements.data && parties.data ? relevantAgreements(agreements.data, parties.data, me.party) : null;
  const next = inForce ? nextDeadline(inForce) : null;
  const figures: Figure[] = [
    FIGURES.agreementsInForce(t, inForce?.length),
    {
      icon: 'agreements',
      label: next?.kind === 'term' ? t('home.stat.nextTermEnd') : t('home.stat.nextNotice'),
      compact: true,
      value: next ? f.date(next.date) : inForce ? '—' : undefined,
      hint: next ? `${f.relativeDays(next.days)} · ${next.agreement.code}` : undefined,
    },
    { icon: 'contacts', label: t('home.stat.contacts'), value: contacts.data?.length, to: '/directory/contacts' },
  ];
  return (
    <RoleHome me={me} figures={figures}>
      <AgreementsCard title={t('home.liaison.deadlines')} agreements={inForce} error={agreements.error} parties={parties.data} />
      <HomeCard title={t('home.liaison.contacts')} flush state={loaded(contacts)} empty={t('contacts.none')}>
        {(list) => <ContactsTable contacts={list} />}
      </HomeCard>
    </RoleHome>
  );
}

function ViewerHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { parties, areas, gates, facilities } = useReferenceData();
  const agreements = useAgreements();
  const head = useTreeHead(can(me.role, 'audit'));
  const inForce = agreements.data?.filter((a) => a.status.state === 'in-force');
  const own = me.party.split('-')[0];
  const countries = [...new Set((parties.data ?? []).map((p) => p.country))].sort((a, b) => (a === own ? -1 : b === own ? 1 : a.localeCompare(b)));
  const figures: (Figure | null)[] = [
    ...countries.map(
      (c): Figure => ({ icon: 'parties', label: t('home.stat.partiesIn', { country: enumLabel(t, 'country', c) }), value: (parties.data ?? []).filter((p) => p.country === c).length, to: '/directory/parties' }),
    ),
    FIGURES.agreementsInForce(t, inForce?.length),
    FIGURES.facilities(t, facilities.data?.length),
    FIGURES.gates(t, gates.data?.length),
    can(me.role, 'audit') ? FIGURES.auditEntries(t, head.data?.treeSize) : null,
  ];
  return (
    <RoleHome me={me} figures={figures}>
      <AgreementsCard title={t('home.viewer.agreements')} agreements={inForce} error={agreements.error} parties={parties.data} />
      <HomeCard title={t('home.viewer.population')} flush state={{ ...loaded(areas), data: areas.data && topmost(areas.data) }} empty={t('common.none')}>
        {(tops) => <AreasTable areas={tops} />}
      </HomeCard>
      <ShortcutsCard me={me} />
    </RoleHome>
  );
}

export function HomePage() {
  const me = useMe();
  switch (me.role) {
    case 'administrator':
      return <AdministratorHome me={me} />;
    case 'epidemiologist':
      return <EpidemiologistHome me={me} />;
    case 'gate-officer':
      return <GateOfficerHome me={me} />;
    case 'clinician':
      return <ClinicianHome me={me} />;
    case 'liaison':
      return <LiaisonHome me={me} />;
    default:
      return <ViewerHome me={me} />;
  }
}
