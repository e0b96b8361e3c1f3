import type { TFunction } from 'i18next';
import type { Area, Facility, Gate, Jurisdiction, Party } from '../api/types';
import type { Formatters } from '../i18n/format';
import { enumLabel } from '../app/labels';

/** The parties whose records a node keeps: itself and those it serves. */
export function servedParties(parties: readonly Party[], nodeParty: string): Set<string> {
  return new Set(parties.filter((p) => p.servingParty === nodeParty || p.code === nodeParty).map((p) => p.code));
}

/** A party and every party above it (VN-QN → VN). */
export function lineage(parties: readonly Party[], code: string): string[] {
  const byCode = new Map(parties.map((p) => [p.code, p]));
  const out: string[] = [];
  let cur = byCode.get(code);
  const seen = new Set<string>();
  while (cur && !seen.has(cur.code)) {
    seen.add(cur.code);
    out.push(cur.code);
    cur = cur.parent ? byCode.get(cur.parent) : undefined;
  }
  if (!out.length) out.push(code);
  return out;
}

/** The country of a party ('VN' or 'CN'), following parents when needed. */
export function countryOf(parties: readonly Party[], code: string): string | null {
  const p = parties.find((x) => x.code === code);
  return p?.country ?? (code.startsWith('VN') ? 'VN' : code.startsWith('CN') ? 'CN' : null);
}

/** The side of a gate pair that lies in a country. */
export function gateSide(gate: Gate, country: string | null) {
  return country === 'CN' ? gate.cn : gate.vn;
}

/** Whether an area lies within a user's jurisdiction (mirrors the node's access rule). */
export function areaInJurisdiction(
  area: Area,
  j: Jurisdiction,
  ctx: { parties: readonly Party[]; nodeParty: string; gates?: readonly Gate[]; facilities?: readonly Facility[] },
): boolean {
  switch (j.kind) {
    case 'party':
      return servedParties(ctx.parties, j.party).has(area.party);
    case 'area':
      return area.path.includes(j.area);
    case 'gate': {
      const g = ctx.gates?.find((x) => x.id === j.gate);
      if (!g) return false;
      const side = gateSide(g, countryOf(ctx.parties, ctx.nodeParty));
      return area.code === side.area;
    }
    case 'facility': {
      const fac = ctx.facilities?.find((x) => x.id === j.facility);
      return !!fac && area.code === fac.area;
    }
  }
}

/** Areas of a set that have no ancestor in the same set: summing these counts nobody twice. */
export function topmost(areas: readonly Area[]): Area[] {
  const codes = new Set(areas.map((a) => a.code));
  return areas.filter((a) => !a.path.slice(0, -1).some((c) => codes.has(c)));
}

export interface Lookups {
  parties?: readonly Party[];
  areas?: readonly Area[];
  gates?: readonly Gate[];
  facilities?: readonly Facility[];
}

/** "Area: Móng Cái (VN-QN-MC)" in the UI language, with names where the directory knows them. */
export function jurisdictionText(j: Jurisdiction, lookups: Lookups, f: Formatters, t: TFunction, country: string | null = null): string {
  const kind = enumLabel(t, 'jurisdictionKind', j.kind);
  switch (j.kind) {
    case 'party': {
      const p = lookups.parties?.find((x) => x.code === j.party);
      return t('common.labelValue', { label: kind, value: p ? `${f.text(p.names)} (${j.party})` : j.party });
    }
    case 'area': {
      const a = lookups.areas?.find((x) => x.code === j.area);
      return t('common.labelValue', { label: kind, value: a ? `${f.text(a.names)} (${j.area})` : j.area });
    }
    case 'gate': {
      const g = lookups.gates?.find((x) => x.id === j.gate);
      return t('common.labelValue', { label: kind, value: g ? f.text(gateSide(g, country).name) : j.gate });
    }
    case 'facility': {
      const fac = lookups.facilities?.find((x) => x.id === j.facility);
      return t('common.labelValue', { label: kind, value: fac ? f.text(fac.names) : j.facility });
    }
  }
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
