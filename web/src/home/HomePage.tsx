import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgreements, useAreas, useContacts, useFacilities, useGates, useHealth, useNodeInfo, useParties, useTreeHead, useUsers } from '../api/queries';
import { ROLES, type Facility, type Me } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { can, useMe } from '../auth/session';
import { Badge, Card, Empty, ErrorBox, Loading, Names, QueryView, Stat } from '../app/ui';
import { AreasTable } from '../directory/AreasPage';
import { ContactsTable } from '../directory/ContactsPage';
import { KIND_TONE } from '../directory/FacilitiesPage';
import { GateMap } from '../directory/LazyGateMap';
import { gateStatusTone } from '../directory/GatesPage';
import { areaInJurisdiction, countryOf, distanceKm, gateSide, servedParties, topmost } from '../directory/jurisdiction';
import { AgreementsInForce, DirectoryShortcuts, HomeHeader, nextDeadline, relevantAgreements } from './widgets';
import { Link } from '../app/router';

function AdministratorHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const node = useNodeInfo();
  const health = useHealth();
  const users = useUsers();
  const head = useTreeHead();
  const agreements = useAgreements();
  const facilities = useFacilities();
  const gates = useGates();
  const active = users.data?.filter((u) => !u.disabled).length;
  return (
    <>
      <HomeHeader me={me} />
      <div className="stats">
        <Stat icon="users" label={t('home.stat.users')} value={users.data ? f.number(active!) : '…'} hint={users.data ? t('home.stat.usersHint', { total: f.number(users.data.length) }) : undefined} to="/admin/users" />
        <Stat icon="audit" label={t('home.stat.auditEntries')} value={head.data ? f.number(head.data.treeSize) : '…'} to="/audit" />
        <Stat icon="agreements" label={t('home.stat.agreementsInForce')} value={agreements.data ? f.number(agreements.data.filter((a) => a.status.state === 'in-force').length) : '…'} to="/directory/agreements" />
        <Stat icon="facilities" label={t('home.stat.facilities')} value={facilities.data ? f.number(facilities.data.length) : '…'} to="/directory/facilities" />
        <Stat icon="gates" label={t('home.stat.gates')} value={gates.data ? f.number(gates.data.length) : '…'} to="/directory/gates" />
      </div>
      <div className="grid grid-2 section-gap">
        <Card title={t('home.administrator.node')}>
          <QueryView query={node}>
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
          </QueryView>
        </Card>
        <Card title={t('home.administrator.usersByRole')} actions={
            <Link to="/admin/users" className="btn btn-small">
              {t('home.administrator.manageUsers')}
            </Link>
          }>
          <QueryView query={users}>
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
          </QueryView>
        </Card>
      </div>
      <Card title={t('home.shortcuts')}>
        <DirectoryShortcuts showContacts={can(me.role, 'contacts')} />
      </Card>
    </>
  );
}

function EpidemiologistHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const parties = useParties();
  const areas = useAreas();
  const gates = useGates();
  const facilities = useFacilities();
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
  return (
    <>
      <HomeHeader me={me} />
      <div className="stats">
        <Stat icon="areas" label={t('home.stat.areasInJurisdiction')} value={mine ? f.number(mine.length) : '…'} to="/directory/areas" />
        <Stat
          icon="users"
          label={t('home.stat.population')}
          value={mine ? f.number(population) : '…'}
          hint={years.length ? t('home.stat.populationYear', { year: years.join(', ') }) : undefined}
        />
        <Stat icon="gates" label={t('home.stat.borderAreas')} value={mine ? f.number(mine.filter((a) => a.border).length) : '…'} />
        <Stat icon="facilities" label={t('home.stat.facilitiesInJurisdiction')} value={myFacilities ? f.number(myFacilities.length) : '…'} to="/directory/facilities" />
        <Stat icon="agreements" label={t('home.stat.agreementsInForce')} value={inForce ? f.number(inForce.length) : '…'} to="/directory/agreements" />
      </div>
      <Card title={t('home.epidemiologist.agreements')}>
        {agreements.isError ? <ErrorBox error={agreements.error} /> : !inForce ? <Loading /> : <AgreementsInForce agreements={inForce} parties={parties.data} />}
      </Card>
      <Card title={t('home.epidemiologist.areas')} flush>
        {areas.isError ? <ErrorBox error={areas.error} /> : !mine ? <Loading /> : mine.length ? <AreasTable areas={mine} /> : <Empty>{t('common.none')}</Empty>}
      </Card>
    </>
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
              <div className="chips">
                {x.capabilities.map((c) => (
                  <span className="chip" key={c}>
                    {enumLabel(t, 'capability', c)}
                  </span>
                ))}
              </div>
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
  const gates = useGates();
  const parties = useParties();
  const areas = useAreas();
  const facilities = useFacilities();
  const country = countryOf(parties.data ?? [], me.party);
  const j = me.jurisdiction;
  return (
    <>
      <HomeHeader me={me} />
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
    </>
  );
}

function ClinicianHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const parties = useParties();
  const facilities = useFacilities();
  const areas = useAreas();
  const j = me.jurisdiction;
  return (
    <>
      <HomeHeader me={me} />
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
                  <div className="chips" style={{ marginTop: 10 }}>
                    {own.capabilities.map((c) => (
                      <span className="chip" key={c}>
                        {enumLabel(t, 'capability', c)}
                      </span>
                    ))}
                  </div>
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
                            <div className="chips">
                              {x.capabilities.map((c) => (
                                <span className="chip" key={c}>
                                  {enumLabel(t, 'capability', c)}
                                </span>
                              ))}
                            </div>
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
    </>
  );
}

function LiaisonHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const parties = useParties();
  const agreements = useAgreements();
  const contacts = useContacts();
  const inForce = agreements.data && parties.data ? relevantAgreements(agreements.data, parties.data, me.party) : null;
  const next = inForce ? nextDeadline(inForce) : null;
  return (
    <>
      <HomeHeader me={me} />
      <div className="stats">
        <Stat icon="agreements" label={t('home.stat.agreementsInForce')} value={inForce ? f.number(inForce.length) : '…'} to="/directory/agreements" />
        <Stat
          icon="agreements"
          label={next?.kind === 'term' ? t('home.stat.nextTermEnd') : t('home.stat.nextNotice')}
          compact
          value={next ? f.date(next.date) : inForce ? '—' : '…'}
          hint={next ? `${f.relativeDays(next.days)} · ${next.agreement.code}` : undefined}
        />
        <Stat icon="contacts" label={t('home.stat.contacts')} value={contacts.data ? f.number(contacts.data.length) : '…'} to="/directory/contacts" />
      </div>
      <Card title={t('home.liaison.deadlines')}>
        {agreements.isError ? <ErrorBox error={agreements.error} /> : !inForce ? <Loading /> : <AgreementsInForce agreements={inForce} parties={parties.data} />}
      </Card>
      <Card title={t('home.liaison.contacts')} flush>
        <QueryView query={contacts}>{(list) => (list.length ? <ContactsTable contacts={list} /> : <Empty>{t('contacts.none')}</Empty>)}</QueryView>
      </Card>
    </>
  );
}

function ViewerHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const f = useFormat();
  const parties = useParties();
  const agreements = useAgreements();
  const facilities = useFacilities();
  const gates = useGates();
  const areas = useAreas();
  const head = useTreeHead(can(me.role, 'audit'));
  const inForce = agreements.data?.filter((a) => a.status.state === 'in-force');
  const own = me.party.split('-')[0];
  const countries = [...new Set((parties.data ?? []).map((p) => p.country))].sort((a, b) => (a === own ? -1 : b === own ? 1 : a.localeCompare(b)));
  return (
    <>
      <HomeHeader me={me} />
      <div className="stats">
        {countries.map((c) => (
          <Stat key={c} icon="parties" label={t('home.stat.partiesIn', { country: enumLabel(t, 'country', c) })} value={f.number((parties.data ?? []).filter((p) => p.country === c).length)} to="/directory/parties" />
        ))}
        <Stat icon="agreements" label={t('home.stat.agreementsInForce')} value={inForce ? f.number(inForce.length) : '…'} to="/directory/agreements" />
        <Stat icon="facilities" label={t('home.stat.facilities')} value={facilities.data ? f.number(facilities.data.length) : '…'} to="/directory/facilities" />
        <Stat icon="gates" label={t('home.stat.gates')} value={gates.data ? f.number(gates.data.length) : '…'} to="/directory/gates" />
        {can(me.role, 'audit') ? <Stat icon="audit" label={t('home.stat.auditEntries')} value={head.data ? f.number(head.data.treeSize) : '…'} to="/audit" /> : null}
      </div>
      <Card title={t('home.viewer.agreements')}>
        {!inForce ? <Loading /> : <AgreementsInForce agreements={inForce} parties={parties.data} />}
      </Card>
      <Card title={t('home.viewer.population')} flush>
          <QueryView query={areas}>
            {(list) => {
              const tops = topmost(list);
              return tops.length ? <AreasTable areas={tops} /> : <Empty>{t('common.none')}</Empty>;
            }}
          </QueryView>
      </Card>
      <Card title={t('home.shortcuts')}>
        <DirectoryShortcuts showContacts={can(me.role, 'contacts')} />
      </Card>
    </>
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
