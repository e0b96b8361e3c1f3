import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../auth/session';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { Icon } from '../app/icons';
import { Badge, Card, ErrorBox, Field } from '../app/ui';
import { MESSAGE_KINDS, useAcknowledge, usePostMessage, type MessageKind, type NotificationDetail, type ThreadEvent } from './api';
import { usePartyName } from './parts';

const MAX_TEXT = 4000;

/** The receiving liaison officer's acknowledgement (travels back to the sender). */
export function AcknowledgeCard({ n }: { n: NotificationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const ack = useAcknowledge(n.id);
  const [note, setNote] = useState('');
  const partyName = usePartyName();
  if (n.acknowledgement) {
    const a = n.acknowledgement;
    return (
      <Card title={t('notifications.ack.title')}>
        <p className="no-margin" data-testid="acknowledged">
          <Badge tone="success">{enumLabel(t, 'notificationStatus', 'acknowledged')}</Badge>{' '}
          {n.direction === 'outgoing'
            ? t('notifications.ack.byPeer', { party: partyName(n.peer), role: enumLabel(t, 'role', a.role ?? ''), at: f.dateTime(a.at) })
            : t('notifications.ack.byUs', { name: a.by ?? '—', at: f.dateTime(a.at) })}
        </p>
        {a.note ? <p className="timeline-text">{a.note}</p> : null}
      </Card>
    );
  }
  if (n.direction === 'outgoing') {
    return (
      <Card title={t('notifications.ack.title')}>
        <p className="muted no-margin">{t(n.status === 'unrouted' ? 'notifications.ack.notSent' : 'notifications.ack.waiting', { party: partyName(n.peer) })}</p>
      </Card>
    );
  }
  if (!can(me.role, 'notificationAct')) {
    return (
      <Card title={t('notifications.ack.title')}>
        <p className="muted no-margin">{t('notifications.ack.readOnly')}</p>
      </Card>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    ack.mutate(note.trim() || null);
  };
  return (
    <Card title={t('notifications.ack.title')}>
      <form onSubmit={submit} noValidate>
        <p className="muted small">{t('notifications.ack.explain', { party: partyName(n.peer) })}</p>
        <Field label={t('notifications.ack.note')} htmlFor="ack-note">
          <textarea id="ack-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={MAX_TEXT} />
        </Field>
        {ack.isError ? <ErrorBox error={ack.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={ack.isPending} data-testid="acknowledge">
            <Icon name="check" size={14} />
            {ack.isPending ? t('common.saving') : t('notifications.ack.submit')}
          </button>
        </div>
      </form>
    </Card>
  );
}

function EventItem({ e, peer }: { e: ThreadEvent; peer: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const partyName = usePartyName();
  const person = e.author ?? (e.authorRole ? enumLabel(t, 'role', e.authorRole) : null);
  const who = e.side === 'received' ? [person, partyName(peer)].filter(Boolean).join(' · ') : (e.author ?? t('notifications.thread.system'));
  const detail = e.detail ?? {};
  return (
    <li className="timeline-item" data-event={e.type} data-side={e.side}>
      <div className="timeline-head">
        <Badge tone={e.side === 'received' ? 'info' : e.side === 'sent' ? 'neutral' : 'warning'}>{enumLabel(t, 'notificationEvent', e.type)}</Badge>{' '}
        {typeof detail.kind === 'string' ? <span className="small faint">{enumLabel(t, 'messageKind', detail.kind)}</span> : null}
      </div>
      <div className="small muted">
        {t(e.side === 'received' ? 'notifications.thread.receivedFrom' : 'notifications.thread.by', { who, at: f.dateTime(e.at) })}
      </div>
      {Array.isArray(detail.changed) && e.type === 'updated' ? (
        <div className="timeline-text small">{t('notifications.thread.changed', { fields: (detail.changed as string[]).map((c) => enumLabel(t, 'caseField', c)).join(', ') })}</div>
      ) : null}
      {typeof detail.reason === 'string' ? <div className="timeline-text small">{enumLabel(t, 'unroutedReason', detail.reason)}</div> : null}
      {e.text ? <div className="timeline-text" data-testid="event-text">{e.text}</div> : null}
    </li>
  );
}

/** The thread: notified, updates, requests for information and answers, acknowledgement, identity requests. */
export function ThreadCard({ n }: { n: NotificationDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const post = usePostMessage(n.id);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<MessageKind>(n.direction === 'incoming' ? 'request' : 'answer');
  const [error, setError] = useState<string | null>(null);
  const canWrite = can(me.role, 'notificationMessage') && n.status !== 'unrouted';
  const lastReceived = [...n.events].reverse().find((e) => e.type === 'message' && e.side === 'received');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError(t('notifications.thread.empty'));
    setError(null);
    const inReplyTo = kind === 'answer' && typeof lastReceived?.detail?.messageId === 'string' ? lastReceived.detail.messageId : null;
    post.mutate({ text: text.trim(), kind, inReplyTo }, { onSuccess: () => setText('') });
  };
  return (
    <Card title={t('notifications.thread.title', { n: n.events.length })}>
      <ol className="timeline" data-testid="thread">
        {n.events.map((e) => (
          <EventItem key={e.id} e={e} peer={n.peer} />
        ))}
      </ol>
      {canWrite ? (
        <form onSubmit={submit} noValidate className="comment-form">
          <div className="field">
            <label htmlFor="msg-kind">{t('notifications.thread.kind')}</label>
            <select id="msg-kind" value={kind} onChange={(e) => setKind(e.target.value as MessageKind)}>
              {MESSAGE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {enumLabel(t, 'messageKind', k)}
                </option>
              ))}
            </select>
          </div>
          <Field label={t('notifications.thread.write')} htmlFor="msg-text" error={error}>
            <textarea id="msg-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={MAX_TEXT} placeholder={t('notifications.thread.placeholder')} />
          </Field>
          {post.isError ? <ErrorBox error={post.error} /> : null}
          <div className="form-actions">
            <button type="submit" className="btn" disabled={post.isPending} data-testid="send-message">
              <Icon name="comment" size={14} />
              {post.isPending ? t('common.saving') : t('notifications.thread.send')}
            </button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
