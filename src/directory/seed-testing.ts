/**
 * The seed files as the seed-data tests read them: each file parsed, typed views of its lists, lookups
 * by code or id, and the facts about codes, areas and coordinates that more than one test file checks.
 */
import { readFileSync } from 'node:fs';
import {
  seedFileSchemas,
  type AgreementsFile,
  type Area,
  type AreasFile,
  type BorderGatesFile,
  type ContactsFile,
  type Coordinates,
  type FacilitiesFile,
  type PartiesFile,
  type SeedFileName,
  type UsersFile,
} from './seed-schema';

function readRaw(name: SeedFileName): unknown {
  return JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')) as unknown;
}

/** The names of the seed files, each with its schema. */
export const fileNames = Object.keys(seedFileSchemas) as SeedFileName[];
/** Each seed file, parsed but not checked. */
export const raw = Object.fromEntries(fileNames.map((n) => [n, readRaw(n)])) as Record<SeedFileName, unknown>;

// The typed views below are only trusted once the schema tests (seed-data-files.test.ts) pass.
export const parties = (raw['parties.json'] as PartiesFile).parties;
export const agreements = (raw['agreements.json'] as AgreementsFile).agreements;
export const areas = (raw['areas.json'] as AreasFile).areas;
export const facilities = (raw['facilities.json'] as FacilitiesFile).facilities;
export const gates = (raw['border-gates.json'] as BorderGatesFile).borderGates;
export const contacts = (raw['contacts.json'] as ContactsFile).contacts;
export const users = (raw['users.json'] as UsersFile).users;

/** Lookups by code or id. */
export const partyByCode = new Map(parties.map((p) => [p.code, p]));
export const areaByCode = new Map(areas.map((a) => [a.code, a]));
export const facilityById = new Map(facilities.map((f) => [f.id, f]));
export const gateById = new Map(gates.map((g) => [g.id, g]));

/** The party whose node holds data of `code` (itself, or its parent when it runs no node). */
export function nodeOf(code: string): string | undefined {
  const p = partyByCode.get(code);
  if (!p) return undefined;
  if (p.runsNode) return p.code;
  return p.parent ? nodeOf(p.parent) : undefined;
}

/** Ancestor chain of an area, itself first. */
export function areaChain(code: string): Area[] {
  const out: Area[] = [];
  for (let a = areaByCode.get(code); a; a = a.parent ? areaByCode.get(a.parent) : undefined) {
    out.push(a);
    if (out.length > 10) throw new Error(`area parent cycle at ${code}`);
  }
  return out;
}

/** Is area `code` the area `root` or below it? */
export function isWithin(code: string, root: string): boolean {
  return areaChain(code).some((a) => a.code === root);
}

/** The country of a party, area or agreement-party code. */
export function countryOfCode(code: string): 'VN' | 'CN' {
  return code.startsWith('VN') ? 'VN' : 'CN';
}

/** The great-circle distance between two points, in kilometres. */
export function km(a: Coordinates, b: Coordinates): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Rough box around the Vietnam–China (Guangxi / Yunnan-edge) border region. */
export function inBorderBox(c: Coordinates): boolean {
  return c.lat >= 20 && c.lat <= 24.5 && c.lon >= 104 && c.lon <= 110;
}

/** Looser box that every item of the directory must fall in (includes Bạch Long Vĩ and northern Baise). */
export function inRegionBox(c: Coordinates): boolean {
  return c.lat >= 19.5 && c.lat <= 25.5 && c.lon >= 103.5 && c.lon <= 110.5;
}

/** Is `iso` a real calendar date (YYYY-MM-DD)? */
export function isValidDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

// Letters that only occur in Vietnamese among the three languages (tone marks, ă, â, đ, ê, ô, ơ, ư).
export const VIETNAMESE_LETTER =
  /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
/** Any Chinese character. */
export const HAN = /\p{Script=Han}/u;
