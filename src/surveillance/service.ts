/** One node's surveillance capability: reference data, case writes, hooks, queries and import jobs. */
import type { Db } from '../platform/store/database';
import type { AppModule } from '../platform/http/app';
import type { DirectoryStore } from '../directory';
import { loadTerminology, type Terminology } from '../terminology';
import { CaseService } from './cases';
import { caseStore } from './case-store';
import type { CaseIdentity } from './model';
import {
  aggregateTotals,
  screeningKeyOf,
  screeningPage,
  vectorKeyOf,
  vectorPage,
  weeklySums,
  type AggregateQuery,
  type ScreeningQuery,
  type TotalsGrouping,
  type VectorQuery,
} from './data-store';
import { SurveillanceEvents, type CaseChangeListener, type ImportListener } from './events';
import { ImportJobs } from './importers/jobs';
import { loadReference, type NodeReference } from './reference';
import { denseWeekly, type ScreeningDay, type VectorSurvey, type WeeklySeries } from './records';
import { surveillanceRoutes } from './routes';

export interface SurveillanceDeps {
  db: Db;
  /** The party this node serves. */
  party: string;
  directory: DirectoryStore;
  terminology?: Terminology;
  /** The clock "today" and timestamps come from (tests set it). */
  clock?: () => Date;
  /** Largest upload accepted by an import, in bytes (default 1 GiB). */
  maxImportBytes?: number;
  /** How long reference data (areas, gates, facilities) is cached, in ms (default 60 s). */
  referenceTtlMs?: number;
}

/** A filter of weekly series: areas (exact codes) and diseases, ISO weeks `from`–`to` inclusive. */
export interface SeriesQuery {
  areas?: readonly string[];
  diseases?: readonly string[];
  from?: string;
  to?: string;
}

export class Surveillance {
  readonly events = new SurveillanceEvents();
  readonly cases: CaseService;
  readonly jobs = new ImportJobs();
  readonly db: Db;
  readonly party: string;
  readonly clock: () => Date;
  readonly maxImportBytes: number;
  private cached: { at: number; ref: Promise<NodeReference> } | null = null;

  constructor(private readonly deps: SurveillanceDeps) {
    this.db = deps.db;
    this.party = deps.party;
    this.clock = deps.clock ?? (() => new Date());
    this.maxImportBytes = deps.maxImportBytes ?? 1024 ** 3;
    this.cases = new CaseService({ party: deps.party, reference: () => this.reference(), events: this.events, clock: this.clock });
  }

  /** The node's areas, gates, facilities and disease list (cached for a minute). */
  reference(): Promise<NodeReference> {
    const ttl = this.deps.referenceTtlMs ?? 60_000;
    if (!this.cached || Date.now() - this.cached.at > ttl) {
      const ref = loadReference(this.deps.directory, this.party, this.deps.terminology ?? loadTerminology());
      this.cached = { at: Date.now(), ref };
      ref.catch(() => (this.cached = null));
    }
    return this.cached.ref;
  }

  /** Registers a listener run inside the transaction of every case write of this node. */
  onCaseChanged(listener: CaseChangeListener): () => void {
    return this.events.onCaseChanged(listener);
  }

  /** The identity kept apart for a case, read in the caller's transaction (for an approved disclosure). */
  identityOf(db: Db, caseId: string): Promise<CaseIdentity | undefined> {
    return caseStore.identity(db, caseId);
  }

  /** Registers a listener run after every committed import of this node. */
  onImported(listener: ImportListener): () => void {
    return this.events.onImported(listener);
  }

  /**
   * Weekly counts per area × disease summed over age groups and sexes, dense over consecutive ISO
   * weeks (a week without data is 0): the input of outbreak detection.
   */
  async weeklySeries(q: SeriesQuery = {}): Promise<WeeklySeries> {
    const sums = await weeklySums(this.db, { areas: q.areas, diseases: q.diseases, from: q.from, to: q.to });
    return denseWeekly(sums, q.from, q.to);
  }

  /** Every screening day of a period (all gates unless filtered), read page by page. */
  async screeningDays(q: ScreeningQuery): Promise<ScreeningDay[]> {
    return readAllPages((after) => screeningPage(this.db, q, after, 5000), screeningKeyOf);
  }

  /** Every vector survey of a period (all areas unless filtered), read page by page. */
  async vectorSurveys(q: VectorQuery): Promise<VectorSurvey[]> {
    return readAllPages((after) => vectorPage(this.db, q, after, 5000), vectorKeyOf);
  }

  /** Total counts per area, per disease or per both over a period range (for maps), with area populations. */
  async totals(q: AggregateQuery, by: TotalsGrouping): Promise<{ area: string | null; disease: string | null; count: number; population: number | null }[]> {
    const ref = await this.reference();
    const rows = await aggregateTotals(this.db, q, by);
    return rows.map((r) => ({ ...r, population: r.area ? (ref.areas.get(r.area)?.population ?? null) : null }));
  }

  /** The HTTP routes, mounted under /api. */
  get module(): AppModule {
    return { name: 'surveillance', routes: surveillanceRoutes(this) };
  }
}

async function readAllPages<T>(page: (after: string[] | null) => Promise<T[]>, keyOf: (r: T) => string[]): Promise<T[]> {
  const all: T[] = [];
  let after: string[] | null = null;
  for (;;) {
    const rows = await page(after);
    all.push(...rows);
    if (rows.length < 5000) return all;
    after = keyOf(rows[rows.length - 1]);
  }
}
