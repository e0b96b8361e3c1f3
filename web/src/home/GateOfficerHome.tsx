import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, Names, QueryView } from '../app/ui';
import { GateMap } from '../directory/LazyGateMap';
import { gateStatusTone } from '../directory/GatesPage';
import { countryOf, distanceKm, gateSide, servedParties } from '../directory/jurisdiction';
import { NearbyFacilities } from './NearbyFacilities';
import { RoleHome } from './RoleHome';
import { useReferenceData } from './useJurisdictionText';

/** The gate officer's home: the gate on a map with its details and the facilities near it, or every gate of this side. */
export function GateOfficerHome({ me }: { me: Me }) {
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
