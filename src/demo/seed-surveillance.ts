/**
 * Seeds a running demo node's surveillance history through its own public API — the same import
 * path a provincial CDC uses — and runs detection, so the demo opens with signals the engine
 * computed. Skipped when the node already holds aggregate data.
 */
import { aggregatesCsv, lastCompletedWeek, screeningCsv, vectorsCsv, type DemoSurveillanceInput, type Outbreak } from './surveillance-data';

interface Area {
  code: string;
  party: string;
  level: string;
  population: number;
  border: boolean;
  path: string[];
}
interface Gate {
  id: string;
  vn: { area: string };
  cn: { area: string };
}

/** The planted events of each demo node (area codes from the directory). */
const PLANTED: Record<string, { outbreaks: Outbreak[]; gateSurge: string; breteauHotspot: string }> = {
  'VN-QN': {
    outbreaks: [
      { area: 'VN-QN-MC', disease: 'dengue', extra: [6, 14, 26] },
      { area: 'VN-QN-HL', disease: 'hfmd', extra: [0, 12, 20] },
      { area: 'VN-QN-HH', disease: 'measles', extra: [2, 4, 7] },
    ],
    gateSurge: 'mong-cai-dongxing',
    breteauHotspot: 'VN-QN-MC',
  },
  'CN-GX': {
    outbreaks: [
      { area: 'CN-GX-FCG-DX', disease: 'dengue', extra: [5, 12, 22] },
      { area: 'CN-GX-CZ-PX', disease: 'hfmd', extra: [4, 10, 18] },
      { area: 'CN-GX-FCG-GK', disease: 'cholera', extra: [0, 1, 3] },
    ],
    gateSurge: 'mong-cai-dongxing',
    breteauHotspot: 'CN-GX-FCG-DX',
  },
};

async function call<T>(url: string, token: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const r = await fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
  return { status: r.status, body: (await r.json().catch(() => null)) as T };
}

/** Imports five years of history into a demo node and runs detection; answers a one-line summary. */
export async function seedDemoSurveillance(url: string, party: string, password = 'admin-demo-2026', now = new Date()): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!login.ok) throw new Error(`demo seed: login failed on ${party}`);
  const { token } = (await login.json()) as { token: string };

  const existing = await call<{ items: unknown[] }>(url, token, '/api/surveillance/aggregates?limit=1');
  if (existing.status === 200 && existing.body.items.length > 0) return `${party}: surveillance history already present`;

  // A node's areas are those under its own top-level area (Guangxi's cities are parties served by it).
  const areas = (await call<Area[]>(url, token, '/api/directory/areas')).body.filter((a) => a.path[0] === party);
  const ownAreas = areas.filter((a) => a.level === 'district' || a.level === 'county');
  const own = new Set(areas.map((a) => a.code));
  const gates = (await call<Gate[]>(url, token, '/api/directory/gates')).body
    .map((g) => ({ id: g.id, area: own.has(g.vn.area) ? g.vn.area : own.has(g.cn.area) ? g.cn.area : '' }))
    .filter((g) => g.area);
  // The headline gate first: it gets the busiest traffic.
  gates.sort((a, b) => (a.id === PLANTED[party]?.gateSurge ? -1 : b.id === PLANTED[party]?.gateSurge ? 1 : 0));
  const plan = PLANTED[party] ?? { outbreaks: [], gateSurge: '', breteauHotspot: '' };
  const input: DemoSurveillanceInput = {
    country: party.startsWith('CN') ? 'CN' : 'VN',
    areas: ownAreas.map((a) => ({ code: a.code, population: a.population, border: a.border })),
    gates,
    today: lastCompletedWeek(now),
    outbreaks: plan.outbreaks.filter((o) => own.has(o.area)),
    gateSurge: plan.gateSurge,
    breteauHotspot: plan.breteauHotspot,
    seed: party.startsWith('CN') ? 86 : 84,
  };
  const files: [string, string][] = [
    ['aggregates', aggregatesCsv(input)],
    ['screening', screeningCsv(input)],
    ['vectors', vectorsCsv(input)],
  ];
  const counts: string[] = [];
  for (const [kind, csv] of files) {
    const r = await call<{ inserted?: number; errors?: unknown[] }>(url, token, `/api/surveillance/imports?kind=${kind}&format=csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    if (r.status !== 200) throw new Error(`demo seed: ${kind} import refused on ${party}: ${JSON.stringify(r.body).slice(0, 500)}`);
    counts.push(`${r.body.inserted ?? 0} ${kind}`);
  }
  // Each import already triggered detection; one more run waits for any still under way.
  await call(url, token, '/api/signals/runs?wait=true', { method: 'POST' });
  const signals = await call<{ total: number }>(url, token, '/api/signals?limit=1');
  return `${party}: imported ${counts.join(', ')}; detection raised ${signals.body.total} signals`;
}
