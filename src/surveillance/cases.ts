/**
 * Writing case records: every create and change goes through here, inside the caller's
 * transaction, checked against the rules and announced to the `onCaseChanged` listeners in that
 * same transaction.
 */
import { randomUUID } from 'node:crypto';
import { BhError } from '../platform/errors';
import type { Db } from '../platform/store/database';
import type { AuditActor } from '../platform/http/audit-sink';
import { caseStore } from './case-store';
import { problemsError, SurveillanceError } from './errors';
import type { SurveillanceEvents } from './events';
import {
  ageFromBirth,
  applyCaseChange,
  CASE_FIELDS,
  caseProblems,
  fieldsOf,
  identityProblems,
  newCase,
  normalizeCaseFields,
  normalizeIdentity,
  RuleViolation,
  type Case,
  type CaseFields,
  type CaseIdentity,
  type Problem,
} from './model';
import type { NodeReference } from './reference';

export interface CaseServiceDeps {
  party: string;
  reference: () => Promise<NodeReference>;
  events: SurveillanceEvents;
  clock: () => Date;
}

/** Who a history entry names. */
export function actorName(a: AuditActor): string {
  switch (a.kind) {
    case 'user':
      return a.username;
    case 'node':
    case 'peer':
      return `${a.kind}:${a.party}`;
    case 'anonymous':
      return 'anonymous';
  }
}

function rules<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RuleViolation) throw problemsError(e.problems);
    throw e;
  }
}

const sameIdentity = (a: CaseIdentity | null | undefined, b: CaseIdentity | null | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface CaseWriteOptions {
  actor: AuditActor;
  source?: 'api' | 'import';
  /** Called with the record about to be written; throws to refuse it (e.g. outside the caller's jurisdiction). */
  check?: (after: Case) => void;
}

/** The case write path. */
export class CaseService {
  constructor(private readonly deps: CaseServiceDeps) {}

  /** Every rule the fields (and identity) of a case break, for this node, today. */
  async problems(fields: CaseFields, identity: CaseIdentity | null | undefined): Promise<Problem[]> {
    const ref = await this.deps.reference();
    const today = ref.today(this.deps.clock());
    const out = caseProblems(fields, ref.caseRules(today));
    if (identity) out.push(...identityProblems(identity, fields.reportDate, today));
    return out;
  }

  /** Fills an age missing from the record from the identity's birth date. */
  private withAge(fields: CaseFields, identity: CaseIdentity | null | undefined): CaseFields {
    if (fields.age === null && identity?.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(identity.dateOfBirth)) {
      return { ...fields, age: ageFromBirth(identity.dateOfBirth, fields) };
    }
    return fields;
  }

  /** Creates a case (and its identity) in the caller's transaction. */
  async create(trx: Db, input: { id?: string; fields: CaseFields; identity?: CaseIdentity | null }, opts: CaseWriteOptions): Promise<Case> {
    const identity = input.identity ? normalizeIdentity(input.identity) : input.identity;
    const fields = this.withAge(normalizeCaseFields(input.fields), identity);
    const problems = await this.problems(fields, identity);
    if (problems.length) throw problemsError(problems);
    const now = this.deps.clock().toISOString();
    const c = newCase(input.id ?? randomUUID(), fields, actorName(opts.actor), now);
    opts.check?.(c);
    if (!(await caseStore.insert(trx, c))) throw new SurveillanceError('BH_SURVEILLANCE_CASE_EXISTS', { id: c.id });
    if (identity) await caseStore.putIdentity(trx, c.id, identity);
    await this.deps.events.caseChanged(trx, {
      party: this.deps.party,
      before: null,
      after: c,
      actor: opts.actor,
      changedFields: identity ? [...CASE_FIELDS, 'identity'] : [...CASE_FIELDS],
      source: opts.source ?? 'api',
    });
    return c;
  }

  /**
   * Changes a case in the caller's transaction if it is still at `expectedVersion`. `identity`
   * undefined leaves the identifiers as they are, null removes them. Answers the record before and
   * after and what changed (nothing: `after` is `before`).
   */
  async update(
    trx: Db,
    before: Case,
    change: { patch: Partial<CaseFields>; expectedVersion: number; identity?: CaseIdentity | null },
    opts: CaseWriteOptions,
  ): Promise<{ before: Case; after: Case; changed: CaseChangeFields }> {
    if (before.version !== change.expectedVersion) {
      throw new SurveillanceError('BH_SURVEILLANCE_VERSION_CONFLICT', { expected: change.expectedVersion, actual: before.version });
    }
    const now = this.deps.clock().toISOString();
    const by = actorName(opts.actor);
    change = { ...change, identity: change.identity ? normalizeIdentity(change.identity) : change.identity };
    const storedIdentity = change.identity === undefined ? undefined : ((await caseStore.identity(trx, before.id)) ?? null);
    const identityChanged = change.identity !== undefined && !sameIdentity(storedIdentity, change.identity);
    const patch: Partial<CaseFields> = normalizeCaseFields({ ...fieldsOf(before), ...change.patch });
    if (change.patch.age === undefined && before.age === null && change.identity?.dateOfBirth) {
      patch.age = this.withAge(patch as CaseFields, change.identity).age;
    }
    let { after, changed } = rules(() => applyCaseChange(before, patch, by, now));
    const all: CaseChangeFields = identityChanged ? [...changed, 'identity'] : [...changed];
    if (all.length === 0) return { before, after: before, changed: [] };
    const problems = changed.length ? await this.problems(fieldsOf(after), identityChanged ? change.identity : undefined) : [];
    if (identityChanged && change.identity && !changed.length) {
      const ref = await this.deps.reference();
      problems.push(...identityProblems(change.identity, after.reportDate, ref.today(this.deps.clock())));
    }
    if (problems.length) throw problemsError(problems);
    if (!changed.length) after = { ...before, version: before.version + 1, updatedAt: now, updatedBy: by };
    opts.check?.(after);
    if (!(await caseStore.update(trx, after, before.version))) {
      const current = await caseStore.get(trx, before.id);
      if (!current) throw new BhError('BH_NOT_FOUND');
      throw new SurveillanceError('BH_SURVEILLANCE_VERSION_CONFLICT', { expected: change.expectedVersion, actual: current.version });
    }
    if (identityChanged) await caseStore.putIdentity(trx, before.id, change.identity ?? null);
    await this.deps.events.caseChanged(trx, { party: this.deps.party, before, after, actor: opts.actor, changedFields: all, source: opts.source ?? 'api' });
    return { before, after, changed: all };
  }
}

export type CaseChangeFields = (keyof CaseFields | 'identity')[];
