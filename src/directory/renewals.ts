/**
 * Recording agreement renewals: the check, the write and its audit entry in the caller's
 * transaction, the same for an administrator's request and for the demo's assumption.
 */
import { BhError } from '../platform/errors';
import type { Db } from '../platform/store/database';
import type { AuditEvent, AuditSink } from '../platform/http/audit-sink';
import type { Text } from '../platform/i18n';
import { agreementEnd, checkRenewal, demoRenewalsDue, type Agreement, type AgreementRenewal, type RenewalProblem } from './model';
import { DirectoryStore } from './store';
import './errors';

/** A renewal as asked for, before it is checked. */
export type NewRenewal = Omit<AgreementRenewal, 'id' | 'agreement' | 'recordedAt'>;

/** The registry error that tells the caller why a renewal of `code` cannot be recorded. */
export function renewalError(code: string, p: RenewalProblem, effectiveTo: string): BhError {
  switch (p.problem) {
    case 'unknown-agreement':
      return new BhError('BH_DIRECTORY_AGREEMENT_NOT_FOUND', { code });
    case 'bad-date':
      return new BhError('BH_DIRECTORY_RENEWAL_BAD_DATE', { field: p.field, value: p.value });
    case 'automatic':
      return new BhError('BH_DIRECTORY_RENEWAL_AUTOMATIC', { code });
    case 'open-ended':
      return new BhError('BH_DIRECTORY_RENEWAL_OPEN_ENDED', { code });
    case 'not-later':
      return new BhError('BH_DIRECTORY_RENEWAL_INVALID', { code, effectiveTo, currentEnd: p.currentEnd });
  }
}

/**
 * Checks and records a renewal of agreement `code` in the caller's transaction, with its audit
 * entry; answers the agreement as it stands afterwards, or throws the registry error.
 */
export async function recordRenewal(
  trx: Db,
  code: string,
  r: NewRenewal,
  audit: (trx: Db, event: AuditEvent) => Promise<unknown>,
): Promise<Agreement> {
  const store = new DirectoryStore(trx);
  // Locked: two administrators renewing at once must each see the other's renewal.
  const before = await store.agreementForUpdate(trx, code);
  const problem = checkRenewal(before, r);
  if (problem || !before) throw renewalError(code, problem ?? { problem: 'unknown-agreement' }, r.effectiveTo);
  const renewal = await store.addRenewal(trx, { ...r, agreement: code });
  await audit(trx, {
    action: 'directory.agreement.renewed',
    resource: { type: 'agreement', id: code },
    detail: {
      renewal: renewal.id,
      previousEnd: agreementEnd(before),
      effectiveTo: renewal.effectiveTo,
      signedOn: renewal.signedOn,
      reference: renewal.reference,
      demo: renewal.demo,
    },
  });
  return { ...before, renewals: [...(before.renewals ?? []), renewal] };
}

const DEMO_NOTE: Text = {
  vi: 'Giả định của bản demo: các bên được giả định đã gia hạn thỏa thuận này thêm ba năm. Đây không phải là văn bản đã ký; khi có văn bản gia hạn thực tế, hãy ghi nhận văn bản đó.',
  'zh-CN': '演示假设：假定各方已将本协议续签三年。这不是已签署的文本；实际续签文本签署后，请登记该文本。',
  en: 'Demo assumption: the parties are assumed to have renewed this agreement for three more years. This is not a signed text; record the actual renewal once it is signed.',
};

/**
 * Demo content only: assumes the renewal of every by-agreement agreement that ends within 90 days
 * of `today` and has no renewal yet, so the demo's cross-border flows keep an agreement in force.
 * Idempotent; never called on a node without demo content.
 */
export async function seedDemoRenewals(db: Db, nodeParty: string, audit: AuditSink, today: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const due of demoRenewalsDue(await new DirectoryStore(trx).agreements(), today)) {
      await recordRenewal(
        trx,
        due.agreement,
        { effectiveTo: due.effectiveTo, signedOn: null, reference: 'DEMO', note: DEMO_NOTE, demo: true, recordedBy: `node:${nodeParty}` },
        (t, e) => audit.append(t, { ...e, actor: { kind: 'node', party: nodeParty }, purpose: 'demo seed' }),
      );
    }
  });
}
