import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client';
import { useNodeInfo, useTreeHead } from '../api/queries';
import type { AuditActor, AuditRecord, ConsistencyProof, InclusionProof, TreeHead } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Icon } from '../app/icons';
import { Badge, Card, Empty, ErrorBox, Loading, Mono, PageHeader, QueryView, type Tone } from '../app/ui';
import { checkInclusion, type InclusionCheck } from './inclusion';
import { verifyCheckpoint, type CheckpointCheck } from './checkpoint';
import { fromBase64, verifyConsistency, webCryptoSha256 } from './verify';

const PAGE_SIZE = 25;

const OUTCOME_TONE: Record<string, Tone> = { success: 'success', denied: 'warning', failed: 'danger' };

export function actorText(actor: AuditActor, t: TFunction): string {
  switch (actor.kind) {
    case 'user': {
      const a = actor as { username: string; party: string };
      return `${a.username} · ${a.party}`;
    }
    case 'node':
      return t('audit.actorNode', { party: String((actor as { party: string }).party) });
    case 'peer':
      return t('audit.actorPeer', { party: String((actor as { party: string }).party) });
    default:
      return enumLabel(t, 'actorKind', actor.kind);
  }
}

type VerifyState = { status: 'running' } | { status: 'done'; result: InclusionCheck } | { status: 'error'; message: string };

function VerifyResult({ index, state }: { index: number; state: VerifyState | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!state) return null;
  if (state.status === 'running') {
    return (
      <div className="verify-result" data-testid={`verify-result-${index}`}>
        <span className="muted">{t('audit.verifying')}</span>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="verify-result fail" data-testid={`verify-result-${index}`}>
        <span className="verdict">
          <Icon name="cross" size={14} /> {t('audit.verifyFailed')}
        </span>
        <span>{state.message}</span>
      </div>
    );
  }
  const r = state.result;
  return (
    <div className={r.ok ? 'verify-result ok' : 'verify-result fail'} data-testid={`verify-result-${index}`} data-verified={r.ok ? 'true' : 'false'}>
      <span className="verdict">
        <Icon name={r.ok ? 'check' : 'cross'} size={14} /> {r.ok ? t('audit.verified') : t('audit.verifyFailed')}
      </span>
      {!r.ok && r.reason ? <span>{t(`audit.failure.${r.reason}`)}</span> : null}
      <span>
        {t('audit.recomputedRoot', { size: f.number(r.treeSize) })} <code>{r.computedRoot ?? '—'}</code>
      </span>
      {!r.ok ? (
        <span>
          {t('audit.expectedRoot')} <code>{r.expectedRoot}</code>
        </span>
      ) : null}
    </div>
  );
}

function CheckLine({ state, okText, failText }: { state: 'ok' | 'fail' | 'pending'; okText: string; failText?: string }) {
  return (
    <div className={`check-line ${state}`}>
      {state === 'pending' ? <span className="spinner" aria-hidden="true" /> : <Icon name={state === 'ok' ? 'check' : 'cross'} size={16} />}
      <span>{state === 'fail' ? failText : okText}</span>
    </div>
  );
}

type ConsistencyState =
  | { status: 'first'; size: number }
  | { status: 'same'; size: number }
  | { status: 'ok'; from: number }
  | { status: 'fail'; from: number; reason: string }
  | { status: 'pending' };

const seenKey = (party: string) => `bh.audit.seen.${party}`;

/** Checks the new tree head extends the one this browser saw before (RFC 9162 §2.1.4), then remembers it. */
function useConsistency(head: TreeHead | undefined, party: string | undefined, signatureOk: boolean): ConsistencyState | null {
  const { t } = useTranslation();
  const [state, setState] = useState<ConsistencyState | null>(null);
  useEffect(() => {
    if (!head || !party || !signatureOk) return;
    let cancelled = false;
    const run = async () => {
      let seen: { treeSize: number; rootHash: string } | null = null;
      try {
        seen = JSON.parse(localStorage.getItem(seenKey(party)) ?? 'null');
      } catch {
        seen = null;
      }
      const remember = () => localStorage.setItem(seenKey(party), JSON.stringify({ treeSize: head.treeSize, rootHash: head.rootHash }));
      if (!seen || typeof seen.treeSize !== 'number') {
        remember();
        return { status: 'first', size: head.treeSize } as const;
      }
      if (seen.treeSize === head.treeSize) {
        return seen.rootHash === head.rootHash
          ? ({ status: 'same', size: head.treeSize } as const)
          : ({ status: 'fail', from: seen.treeSize, reason: t('audit.consistency.rootChanged') } as const);
      }
      if (seen.treeSize > head.treeSize) return { status: 'fail', from: seen.treeSize, reason: t('audit.consistency.shrunk') } as const;
      const proof = await api<ConsistencyProof>('/api/audit/proof/consistency', { query: { first: seen.treeSize, second: head.treeSize } });
      const ok = await verifyConsistency(webCryptoSha256, {
        first: seen.treeSize,
        second: head.treeSize,
        firstRoot: fromBase64(seen.rootHash),
        secondRoot: fromBase64(head.rootHash),
        path: proof.path.map(fromBase64),
      });
      if (ok) remember();
      return ok ? ({ status: 'ok', from: seen.treeSize } as const) : ({ status: 'fail', from: seen.treeSize, reason: t('audit.consistency.proofFailed') } as const);
    };
    setState({ status: 'pending' });
    run().then(
      (s) => !cancelled && setState(s),
      (e) => !cancelled && setState({ status: 'fail', from: 0, reason: errorMessage(e) }),
    );
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [head?.treeSize, head?.rootHash, party, signatureOk]);
  return state;
}

function TreeHeadCard({ head }: { head: TreeHead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const node = useNodeInfo();
  const [sig, setSig] = useState<CheckpointCheck | null>(null);
  useEffect(() => {
    if (!node.data) return;
    let cancelled = false;
    setSig(null);
    verifyCheckpoint(head, node.data.keys.length ? node.data.keys : [node.data.publicKey]).then(
      (r) => !cancelled && setSig(r),
      () => !cancelled && setSig({ ok: false, reason: 'unsupported' }),
    );
    return () => {
      cancelled = true;
    };
  }, [head, node.data]);
  const consistency = useConsistency(head, node.data?.party, sig?.ok === true);
  return (
    <div className="grid grid-2 section-gap">
      <Card title={t('audit.treeHead')} className="tree-head">
        <dl className="facts">
          <dt>{t('audit.treeSize')}</dt>
          <dd data-testid="tree-size">{f.number(head.treeSize)}</dd>
          <dt>{t('audit.rootHash')}</dt>
          <dd>
            <code>{head.rootHash}</code>
          </dd>
          <dt>{t('audit.keyId')}</dt>
          <dd>
            <code>{head.keyId}</code>
          </dd>
        </dl>
        <CheckLine
          state={sig === null ? 'pending' : sig.ok ? 'ok' : 'fail'}
          okText={t('audit.signatureOk')}
          failText={sig?.reason ? t(`audit.signatureFailure.${sig.reason}`) : t('audit.signatureFailure.malformed')}
        />
        {consistency ? (
          <CheckLine
            state={consistency.status === 'pending' ? 'pending' : consistency.status === 'fail' ? 'fail' : 'ok'}
            okText={
              consistency.status === 'first'
                ? t('audit.consistency.first', { size: f.number(consistency.size) })
                : consistency.status === 'same'
                  ? t('audit.consistency.same', { size: f.number(consistency.size) })
                  : consistency.status === 'ok'
                    ? t('audit.consistency.ok', { from: f.number(consistency.from), to: f.number(head.treeSize) })
                    : t('audit.consistency.checking')
            }
            failText={consistency.status === 'fail' ? `${t('audit.consistency.failed')} ${consistency.reason}` : undefined}
          />
        ) : null}
      </Card>
      <Card title={t('audit.checkpoint')}>
        <pre className="checkpoint" data-testid="checkpoint">
          {head.checkpoint}
        </pre>
        <div className="legend-note">{t('audit.checkpointNote')}</div>
      </Card>
    </div>
  );
}

function EntryDetail({ record }: { record: AuditRecord }) {
  const { t } = useTranslation();
  const e = record.entry;
  return (
    <dl className="facts small">
      <dt>{t('audit.purpose')}</dt>
      <dd>{e.purpose ?? '—'}</dd>
      <dt>{t('audit.legalBasis')}</dt>
      <dd>{e.legalBasis ?? '—'}</dd>
      <dt>{t('audit.peer')}</dt>
      <dd>{e.peer ?? '—'}</dd>
      <dt>{t('audit.detail')}</dt>
      <dd>{e.detail ? <pre>{JSON.stringify(e.detail, null, 2)}</pre> : '—'}</dd>
      <dt>{t('audit.leafHash')}</dt>
      <dd>
        <Mono value={record.leafHash} />
      </dd>
      <dt>{t('audit.time')}</dt>
      <dd>
        <Mono value={e.time} />
      </dd>
    </dl>
  );
}

function Entries({ head }: { head: TreeHead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const [verify, setVerify] = useState<Record<number, VerifyState>>({});
  const pages = Math.max(1, Math.ceil(head.treeSize / PAGE_SIZE));
  const end = Math.max(0, head.treeSize - page * PAGE_SIZE);
  const start = Math.max(0, end - PAGE_SIZE);
  useEffect(() => {
    setPage(0);
    setVerify({});
  }, [head.treeSize, head.rootHash]);
  const entries = useQuery({
    queryKey: ['audit', 'entries', start, end],
    queryFn: ({ signal }) => api<{ entries: AuditRecord[] }>('/api/audit/entries', { signal, query: { start, end } }),
    enabled: end > start,
    staleTime: Infinity,
  });

  const runVerify = async (record: AuditRecord) => {
    setVerify((v) => ({ ...v, [record.index]: { status: 'running' } }));
    try {
      const proof = await api<InclusionProof>('/api/audit/proof/inclusion', { query: { index: record.index, treeSize: head.treeSize } });
      const result = await checkInclusion({ record, proof, treeSize: head.treeSize, rootHash: head.rootHash });
      setVerify((v) => ({ ...v, [record.index]: { status: 'done', result } }));
    } catch (e) {
      setVerify((v) => ({ ...v, [record.index]: { status: 'error', message: errorMessage(e) } }));
    }
  };

  const pager = (
    <div className="pager">
      <span className="pager-info">
        {head.treeSize ? t('audit.range', { from: f.number(start + 1), to: f.number(end), total: f.number(head.treeSize) }) : null}
      </span>
      <button type="button" className="btn btn-small" onClick={() => setPage(0)} disabled={page === 0}>
        {t('audit.newest')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setPage((p) => p - 1)} disabled={page === 0}>
        {t('audit.newer')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setPage((p) => p + 1)} disabled={page >= pages - 1}>
        {t('audit.older')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setPage(pages - 1)} disabled={page >= pages - 1}>
        {t('audit.oldest')}
      </button>
    </div>
  );

  return (
    <Card title={t('audit.entries')} actions={pager} flush>
      {head.treeSize === 0 ? (
        <Empty>{t('audit.empty')}</Empty>
      ) : entries.isPending ? (
        <Loading />
      ) : entries.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorBox error={entries.error} onRetry={() => void entries.refetch()} />
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="audit-entries">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>{t('audit.time')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.resource')}</th>
                <th>{t('audit.outcome')}</th>
                <th>{t('audit.proof')}</th>
              </tr>
            </thead>
            <tbody>
              {[...entries.data.entries].reverse().map((r) => {
                const e = r.entry;
                const state = verify[r.index];
                return (
                  <Fragment key={r.index}>
                    <tr data-index={r.index}>
                      <td className="num muted">{r.index}</td>
                      <td className="nowrap">{f.dateTime(e.time)}</td>
                      <td>{actorText(e.actor, t)}</td>
                      <td>
                        <div>{enumLabel(t, 'auditAction', e.action)}</div>
                        <button type="button" className="link-button small" onClick={() => setOpen(open === r.index ? null : r.index)} aria-expanded={open === r.index}>
                          {open === r.index ? t('audit.hideDetails') : t('audit.showDetails')}
                        </button>
                      </td>
                      <td className="small">
                        {e.resource ? (
                          <>
                            <div>{enumLabel(t, 'resourceType', e.resource.type)}</div>
                            <Mono value={e.resource.id} max={18} />
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>
                        <Badge tone={OUTCOME_TONE[e.outcome] ?? 'neutral'}>{enumLabel(t, 'outcome', e.outcome)}</Badge>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="btn btn-small"
                          data-testid={`verify-${r.index}`}
                          onClick={() => void runVerify(r)}
                          disabled={state?.status === 'running'}
                        >
                          <Icon name="audit" size={14} />
                          {t('audit.verifyInclusion')}
                        </button>
                        <VerifyResult index={r.index} state={state} />
                      </td>
                    </tr>
                    {open === r.index ? (
                      <tr className="entry-detail">
                        <td />
                        <td colSpan={6}>
                          <EntryDetail record={r} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const head = useTreeHead();
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <button type="button" className="btn" onClick={() => void head.refetch()} disabled={head.isFetching}>
            <Icon name="refresh" size={16} />
            {t('audit.refresh')}
          </button>
        }
      />
      <QueryView query={head}>
        {(h) => (
          <>
            <TreeHeadCard head={h} />
            <Entries head={h} />
          </>
        )}
      </QueryView>
    </>
  );
}
