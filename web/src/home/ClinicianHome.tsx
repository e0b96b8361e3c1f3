import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Card, Empty, Names, QueryView } from '../app/ui';
import { KIND_TONE } from '../directory/FacilitiesPage';
import { countryOf, distanceKm, servedParties } from '../directory/jurisdiction';
import { CapabilityChips, NearbyFacilities } from './NearbyFacilities';
import { RoleHome } from './RoleHome';
import { useReferenceData } from './useJurisdictionText';

/** The clinician's home: the own facility, the facilities of the jurisdiction and the partner hospitals across the border. */
export function ClinicianHome({ me }: { me: Me }) {
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
