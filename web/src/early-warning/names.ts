/** Names of the things signals and surveillance data refer to by code, in the UI language. */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useAreas, useGates, useParties } from '../api/queries';
import type { Area, Disease, Gate } from '../api/types';
import type { RiskLevel, SignalKind, SignalStatus } from '../api/signals';
import { useMe } from '../auth/session';
import { useFormat, type Formatters } from '../i18n/format';
import { countryOf, gateSide, servedParties } from '../directory/jurisdiction';
import { treeOrder } from '../directory/AreasPage';
import type { Tone } from '../app/ui';
import { isDate, parseWeek, weekEnd, weekStart } from './weeks';

export const STATUS_TONE: Record<SignalStatus, Tone> = {
  new: 'danger',
  'under-verification': 'warning',
  verified: 'info',
  discarded: 'neutral',
  'risk-assessed': 'info',
  response: 'warning',
  closed: 'success',
};

export const RISK_TONE: Record<RiskLevel, Tone> = { low: 'success', moderate: 'warning', high: 'danger', 'very-high': 'danger' };


/** Every notifiable disease of both lists (the reference data of the node). */
export const useAllDiseases = () =>
  useQuery({
    queryKey: ['terminology', 'diseases', 'all', ''],
    queryFn: ({ signal }) => api<Disease[]>('/api/terminology/diseases', { signal }),
    staleTime: 5 * 60_000,
  });

/** The name of a disease code (`VN-B-05`), or of a syndrome / vector-borne disease signals use (`dengue`). */
export function diseaseName(code: string, byCode: ReadonlyMap<string, Disease>, f: Formatters, t: TFunction): string {
  const d = byCode.get(code);
  if (d) return f.text(d.names);
  return t(`signalDisease.${code.replace(/\./g, '_')}`, { defaultValue: code });
}

/** A function from disease code to its name in the UI language. */
export function useDiseaseName(): (code: string) => string {
  const { t } = useTranslation();
  const f = useFormat();
  const all = useAllDiseases();
  const byCode = useMemo(() => new Map((all.data ?? []).map((d) => [d.code, d])), [all.data]);
  return useCallback((code: string) => diseaseName(code, byCode, f, t), [byCode, f, t]);
}

/** The notifiable diseases of this node's country, sorted by name in the UI language. */
export function useOwnDiseases(): { list: Disease[]; pending: boolean } {
  const me = useMe();
  const f = useFormat();
  const parties = useParties();
  const all = useAllDiseases();
  const country = countryOf(parties.data ?? [], me.party);
  const list = useMemo(() => {
    const want = country === 'CN' ? 'cn' : 'vn';
    return (all.data ?? []).filter((d) => d.list === want).sort((a, b) => f.text(a.names).localeCompare(f.text(b.names), f.locale));
  }, [all.data, country, f]);
  return { list, pending: all.isPending || parties.isPending };
}

/** Lookups of areas and gates with their names in the UI language. */
export function usePlaces() {
  const me = useMe();
  const f = useFormat();
  const areas = useAreas();
  const gates = useGates();
  const parties = useParties();
  return useMemo(() => {
    const areaMap = new Map<string, Area>((areas.data ?? []).map((a) => [a.code, a]));
    const gateMap = new Map<string, Gate>((gates.data ?? []).map((g) => [g.id, g]));
    const country = countryOf(parties.data ?? [], me.party);
    const served = servedParties(parties.data ?? [], me.party);
    const own = treeOrder((areas.data ?? []).filter((a) => served.has(a.party)));
    const areaName = (code: string) => {
      const a = areaMap.get(code);
      return a ? f.text(a.names) : code;
    };
    /** The name indented by the area's depth, for the options of an area select in tree order. */
    const areaTreeName = (code: string) => {
      const a = areaMap.get(code);
      return a ? `${'\u2003'.repeat(Math.max(0, a.path.length - 1))}${f.text(a.names)}` : code;
    };
    const gateName = (id: string) => {
      const g = gateMap.get(id);
      if (!g) return id;
      return g.names ? f.text(g.names) : `${f.text(gateSide(g, country).name)} – ${f.text(gateSide(g, country === 'CN' ? 'VN' : 'CN').name)}`;
    };
    /** This node's side of a gate pair. */
    const ownGateSide = (id: string) => {
      const g = gateMap.get(id);
      return g ? gateSide(g, country) : null;
    };
    return { areaMap, gateMap, country, ownAreas: own, areaName, areaTreeName, gateName, ownGateSide, ready: !!areas.data && !!gates.data && !!parties.data };
  }, [areas.data, gates.data, parties.data, me.party, f]);
}

/** "Week 7, 2025" (or a date, for daily sources) in the UI language. */
export function periodLabel(period: string, t: TFunction, f: Formatters): string {
  const w = parseWeek(period);
  if (w) return t('weeks.long', { week: w.week, year: w.year });
  if (isDate(period)) return f.date(period);
  return period;
}

/** "W7/2025" for chart axes. */
export function weekShort(week: string, t: TFunction): string {
  const w = parseWeek(week);
  return w ? t('weeks.short', { week: w.week, year: w.year }) : week;
}

/** "10/02/2025 – 16/02/2025": the days of a week. */
export function weekDays(week: string, f: Formatters): string {
  return parseWeek(week) ? `${f.date(weekStart(week))} – ${f.date(weekEnd(week))}` : '';
}

/** A number with at most `digits` decimals, in the UI language. */
export function decimal(n: number | null | undefined, f: Formatters, digits = 2): string {
  if (n == null || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(f.locale, { maximumFractionDigits: digits }).format(n);
}

/** A share (0.0123) as a percentage in the UI language. */
export function percent(n: number | null | undefined, f: Formatters, digits = 1): string {
  if (n == null || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: digits }).format(n);
}
