import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignals, type SignalStatus } from '../api/signals';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Link } from '../app/router';
import { Card, Empty, ErrorBox, Field, Loading, PageHeader } from '../app/ui';
import { periodLabel, useDiseaseName, usePlaces } from '../early-warning/names';
import { StatusBadge } from '../early-warning/badges';
import { usePartners, useShareSignal } from './api';
import { usePartyName } from './parts';

const SHAREABLE: SignalStatus[] = ['verified', 'risk-assessed', 'response', 'closed'];

/** Verified signals of the early-warning board, shared with partner nodes (curve data, no personal data). */
export function SharePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<SignalStatus>('verified');
  const signals = useSignals({ status, limit: 50, offset: 0 });
  const partners = usePartners();
  const share = useShareSignal();
  const diseaseName = useDiseaseName();
  const places = usePlaces();
  const partyName = usePartyName();
  const [selected, setSelected] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [shared, setShared] = useState<string[]>([]);
  const eligible = (partners.data ?? []).filter((p) => p.informationSharing.length > 0);
  return (
    <>
      <PageHeader title={t('notifications.share.title')} subtitle={t('notifications.share.subtitle')} />
      <Card title={t('notifications.share.partners')}>
        {partners.isPending ? (
          <Loading />
        ) : eligible.length ? (
          <ul className="small no-margin">
            {eligible.map((p) => (
              <li key={p.party}>
                {partyName(p.party)} — {t('notifications.agreements', { list: p.informationSharing.join(', ') })}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('notifications.share.noPartner')}</Empty>
        )}
      </Card>
      <div className="filters">
        <div className="field">
          <label htmlFor="share-status">{t('notifications.signal.status')}</label>
          <select id="share-status" value={status} onChange={(e) => setStatus(e.target.value as SignalStatus)}>
            {SHAREABLE.map((s) => (
              <option key={s} value={s}>
                {enumLabel(t, 'signalStatus', s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {signals.isPending ? (
        <Loading />
      ) : signals.isError ? (
        <ErrorBox error={signals.error} onRetry={() => void signals.refetch()} />
      ) : signals.data.items.length === 0 ? (
        <Empty>{t('notifications.share.none')}</Empty>
      ) : (
        <Card flush title={t('notifications.share.signals', { n: f.number(signals.data.total) })}>
          <div className="table-wrap">
            <table className="table" data-testid="share-table">
              <tbody>
                {signals.data.items.map((s) => (
                  <tr key={s.id} data-signal={s.id}>
                    <td>
                      <StatusBadge status={s.status} />
                    </td>
                    <td>
                      <Link to={`/early-warning/signals/${encodeURIComponent(s.id)}`}>{diseaseName(s.disease)}</Link>
                      <div className="small faint">{s.gate ? places.gateName(s.gate) : places.areaName(s.area)}</div>
                    </td>
                    <td className="nowrap">{periodLabel(s.period, t, f)}</td>
                    <td>
                      {shared.includes(s.id) ? (
                        <span className="small" data-testid="shared">{t('notifications.share.done')}</span>
                      ) : selected === s.id ? (
                        <div className="share-form">
                          <Field label={t('notifications.share.note')} htmlFor={`note-${s.id}`}>
                            <textarea id={`note-${s.id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
                          </Field>
                          {share.isError ? <ErrorBox error={share.error} /> : null}
                          <div className="form-actions">
                            <button type="button" className="btn" onClick={() => setSelected(null)}>
                              {t('common.cancel')}
                            </button>
                            <button
                              type="button"
                              className="btn btn-primary"
                              disabled={share.isPending}
                              data-testid="share-submit"
                              onClick={() =>
                                share.mutate(
                                  { id: s.id, note: note.trim() || null },
                                  {
                                    onSuccess: () => {
                                      setShared((x) => [...x, s.id]);
                                      setSelected(null);
                                      setNote('');
                                    },
                                  },
                                )
                              }
                            >
                              {t('notifications.share.submit')}
                            </button>
                          </div>
                        </div>
                      ) : (
                        <button type="button" className="btn btn-small" onClick={() => setSelected(s.id)} disabled={!eligible.length} data-testid="share">
                          {t('notifications.share.action')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
