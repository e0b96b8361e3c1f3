import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { tables, type Db } from '../platform/store/database';
import { json } from '../platform/store/json';
import { BhError } from '../platform/errors';
import {
  transition,
  transitionErrorParams,
  type Actor,
  type Evidence,
  type Lifecycle,
  type RiskLevel,
  type Signal,
  type SignalComment,
  type SignalDetail,
  type SignalKind,
  type SignalState,
  type SignalStatus,
  type TransitionRecord,
} from './model';
import type { SignalTables } from './tables';
import './errors';

const t = (db: Db) => tables<SignalTables>(db);

export type { Signal, SignalComment, SignalDetail } from './model';

/** A signal to create (from detection or another source): what it is about, and its evidence. */
export type NewSignal = Pick<Signal, 'kind' | 'place' | 'disease' | 'period' | 'party' | 'area' | 'areaPath' | 'gate' | 'evidence'>;

/** What changed, handed to listeners inside the transaction that made the change. */
export type SignalChange =
  | { type: 'created'; signal: Signal }
  | { type: 'transitioned'; signal: Signal; transition: TransitionRecord }
  | { type: 'commented'; signal: Signal; comment: SignalComment };

export type SignalListener = (trx: Db, change: SignalChange) => Promise<void>;

/** In-transaction listeners: a listener that throws rolls the change back. */
export class SignalEvents {
  readonly #listeners = new Set<SignalListener>();

  on(listener: SignalListener): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  async emit(trx: Db, change: SignalChange): Promise<void> {
    for (const l of this.#listeners) await l(trx, change);
  }
}

/** Which signals a caller may see, as the list query applies it. */
export interface Visibility {
  party: string;
  /** Only signals whose area path contains this area. */
  area?: string;
  /** Only signals at this gate. */
  gate?: string;
  /** Only signals on the branch of the area tree through this facility's area (its path). */
  facilityPath?: readonly string[];
  /** Only these kinds (null: all). */
  kinds?: readonly SignalKind[] | null;
}

export interface SignalFilter {
  status?: SignalStatus;
  risk?: RiskLevel;
  disease?: string;
  /** Signals in this area or below it. */
  area?: string;
  kind?: SignalKind;
  limit: number;
  offset: number;
}

const toSignal = (r: SignalTables['signals']): Signal => ({
  id: r.id,
  kind: r.kind as SignalKind,
  place: r.place,
  disease: r.disease,
  period: r.period,
  party: r.party,
  area: r.area,
  areaPath: r.area_path as string[],
  gate: r.gate,
  status: r.status as SignalStatus,
  risk: r.risk as RiskLevel | null,
  response: r.response,
  evidence: r.evidence as Evidence,
  runId: r.run_id,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const toRecord = (r: SignalTables['signal_transitions']): TransitionRecord => ({
  seq: r.seq,
  from: r.from_status as SignalStatus,
  to: r.to_status as SignalStatus,
  at: new Date(r.at).toISOString(),
  actor: { id: r.actor_id, name: r.actor_name },
  reason: r.reason,
  risk: r.risk as RiskLevel | null,
  response: r.response,
});

const toComment = (r: SignalTables['signal_comments']): SignalComment => ({
  id: r.id,
  signalId: r.signal_id,
  author: { id: r.author_id, name: r.author_name },
  text: r.text,
  at: new Date(r.at).toISOString(),
});

/** The state-machine view of a stored signal. */
function stateOf(s: Signal): SignalState {
  switch (s.status) {
    case 'risk-assessed':
      return { status: s.status, risk: s.risk! };
    case 'response':
      return { status: s.status, risk: s.risk!, response: s.response! };
    case 'closed':
      return { status: s.status, risk: s.risk!, response: s.response };
    default:
      return { status: s.status } as SignalState;
  }
}

type SignalsEb = ExpressionBuilder<SignalTables, 'signals'>;

/** Reads and writes of signals. Writes take the caller's transaction and notify listeners in it. */
export class SignalStore {
  constructor(
    private readonly db: Db,
    readonly events: SignalEvents = new SignalEvents(),
  ) {}

  /**
   * Creates the signals not created before: the unique key (kind, place, disease, period) makes a
   * repeated alarm a no-op, whatever runs concurrently. Answers only the signals created now.
   */
  async insertNew(trx: Db, rows: readonly NewSignal[], runId: string | null, now = new Date()): Promise<Signal[]> {
    if (rows.length === 0) return [];
    const inserted = await t(trx)
      .insertInto('signals')
      .values(
        rows.map((r) => ({
          id: randomUUID(),
          kind: r.kind,
          place: r.place,
          disease: r.disease,
          period: r.period,
          party: r.party,
          area: r.area,
          area_path: json(r.areaPath),
          gate: r.gate,
          status: 'new',
          risk: null,
          response: null,
          evidence: json(r.evidence),
          run_id: runId,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['kind', 'place', 'disease', 'period']).doNothing())
      .returningAll()
      .execute();
    const created = inserted.map(toSignal);
    for (const signal of created) await this.events.emit(trx, { type: 'created', signal });
    return created;
  }

  async get(id: string, db: Db = this.db): Promise<Signal | undefined> {
    const r = await t(db).selectFrom('signals').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toSignal(r);
  }

  async history(id: string, db: Db = this.db): Promise<TransitionRecord[]> {
    const rows = await t(db).selectFrom('signal_transitions').selectAll().where('signal_id', '=', id).orderBy('seq').execute();
    return rows.map(toRecord);
  }

  async comments(id: string, db: Db = this.db): Promise<SignalComment[]> {
    const rows = await t(db).selectFrom('signal_comments').selectAll().where('signal_id', '=', id).orderBy('at').orderBy('id').execute();
    return rows.map(toComment);
  }

  async detail(id: string): Promise<SignalDetail | undefined> {
    const s = await this.get(id);
    if (!s) return undefined;
    return { ...s, history: await this.history(id), comments: await this.comments(id) };
  }

  /** One page of the signals a caller may see, newest first, and how many there are in all. */
  async list(filter: SignalFilter, visibility: Visibility): Promise<{ items: Signal[]; total: number }> {
    const where = (eb: SignalsEb) => {
      const c: Expression<SqlBool>[] = [eb('party', '=', visibility.party)];
      if (visibility.area) c.push(sql<boolean>`area_path @> ${json([visibility.area])}`);
      if (visibility.gate) c.push(eb('gate', '=', visibility.gate));
      if (visibility.facilityPath) {
        const fp = visibility.facilityPath;
        c.push(eb.or([eb('area', 'in', fp.length ? [...fp] : ['']), sql<boolean>`area_path @> ${json([fp[fp.length - 1] ?? ''])}`]));
      }
      if (visibility.kinds) c.push(eb('kind', 'in', visibility.kinds.length ? [...visibility.kinds] : ['']));
      if (filter.status) c.push(eb('status', '=', filter.status));
      if (filter.risk) c.push(eb('risk', '=', filter.risk));
      if (filter.disease) c.push(eb('disease', '=', filter.disease));
      if (filter.kind) c.push(eb('kind', '=', filter.kind));
      if (filter.area) c.push(sql<boolean>`area_path @> ${json([filter.area])}`);
      return eb.and(c);
    };
    const total = await t(this.db)
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(where)
      .executeTakeFirstOrThrow();
    const rows = await t(this.db)
      .selectFrom('signals')
      .selectAll()
      .where(where)
      .orderBy('created_at', 'desc')
      .orderBy('period', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { items: rows.map(toSignal), total: Number(total.n) };
  }

  /**
   * Moves a signal through the state machine inside the caller's transaction. The row lock
   * serialises concurrent triage of one signal: the second move is judged on the first's result.
   */
  async transition(
    trx: Db,
    id: string,
    command: { to: string; reason?: unknown; risk?: unknown; response?: unknown },
    actor: Actor,
    now = new Date(),
  ): Promise<{ signal: Signal; transition: TransitionRecord }> {
    const row = await t(trx).selectFrom('signals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new BhError('BH_NOT_FOUND');
    const before = toSignal(row);
    const lifecycle: Lifecycle = { state: stateOf(before), history: await this.history(id, trx) };
    const result = transition(lifecycle, command, actor, now);
    if (!result.ok) throw new BhError(result.error.code, transitionErrorParams(result.error));
    const state = result.lifecycle.state;
    const rec = result.record;
    const updated = await t(trx)
      .updateTable('signals')
      .set({
        status: state.status,
        risk: 'risk' in state ? state.risk : null,
        response: 'response' in state ? state.response : null,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await t(trx)
      .insertInto('signal_transitions')
      .values({
        signal_id: id,
        seq: rec.seq,
        from_status: rec.from,
        to_status: rec.to,
        reason: rec.reason,
        risk: rec.risk,
        response: rec.response,
        actor_id: rec.actor.id,
        actor_name: rec.actor.name,
        at: new Date(rec.at),
      })
      .execute();
    const signal = toSignal(updated);
    await this.events.emit(trx, { type: 'transitioned', signal, transition: rec });
    return { signal, transition: rec };
  }

  /** Adds a comment inside the caller's transaction. */
  async addComment(trx: Db, id: string, author: Actor, text: string, now = new Date()): Promise<SignalComment> {
    const signal = await this.get(id, trx);
    if (!signal) throw new BhError('BH_NOT_FOUND');
    const r = await t(trx)
      .insertInto('signal_comments')
      .values({ id: randomUUID(), signal_id: id, author_id: author.id, author_name: author.name, text: text.trim(), at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const comment = toComment(r);
    await this.events.emit(trx, { type: 'commented', signal, comment });
    return comment;
  }
}
