import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facility } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Badge, Empty, Names } from '../app/ui';
import { KIND_TONE } from '../directory/FacilitiesPage';

/** A facility's capabilities as chips. */
export function CapabilityChips({ capabilities, style }: { capabilities: readonly string[]; style?: CSSProperties }) {
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

/** Facilities with their distance (NaN when unknown), under the distance heading `from`. */
export function NearbyFacilities({ list, from, showKind = true }: { list: readonly (Facility & { km: number })[]; from?: string; showKind?: boolean }) {
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
