import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../api/client';
import { useAreas, useFacilities, useGates, useParties, useUsers } from '../api/queries';
import { ROLES, type Jurisdiction, type JurisdictionKind, type NewUser, type Role, type User, type UserChange } from '../api/types';
import { useFormat } from '../i18n/format';
import { enumLabel } from '../app/labels';
import { useMe } from '../auth/session';
import { Icon } from '../app/icons';
import { Badge, Card, Empty, Field, PageHeader, QueryView } from '../app/ui';
import { countryOf, gateSide, jurisdictionText, servedParties } from './jurisdiction';
import { treeOrder } from './AreasPage';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const MIN_PASSWORD = 10;
const KINDS: readonly JurisdictionKind[] = ['party', 'area', 'gate', 'facility'];

function jurisdictionValue(j: Jurisdiction): string {
  switch (j.kind) {
    case 'party':
      return j.party;
    case 'area':
      return j.area;
    case 'gate':
      return j.gate;
    case 'facility':
      return j.facility;
  }
}

function makeJurisdiction(kind: JurisdictionKind, value: string): Jurisdiction {
  switch (kind) {
    case 'party':
      return { kind, party: value };
    case 'area':
      return { kind, area: value };
    case 'gate':
      return { kind, gate: value };
    case 'facility':
      return { kind, facility: value };
  }
}

/** The places this node's administrator can grant authority over, per kind of jurisdiction. */
function useJurisdictionOptions() {
  const me = useMe();
  const f = useFormat();
  const parties = useParties();
  const areas = useAreas();
  const gates = useGates();
  const facilities = useFacilities();
  return useMemo(() => {
    const served = servedParties(parties.data ?? [], me.party);
    const country = countryOf(parties.data ?? [], me.party);
    const options: Record<JurisdictionKind, { value: string; label: string }[]> = {
      party: [{ value: me.party, label: `${f.text(parties.data?.find((p) => p.code === me.party)?.names) || me.party} (${me.party})` }],
      area: treeOrder((areas.data ?? []).filter((a) => served.has(a.party))).map((a) => ({
        value: a.code,
        label: `${'\u2003'.repeat(Math.max(0, a.path.length - 1))}${f.text(a.names)} (${a.code})`,
      })),
      gate: (gates.data ?? []).map((g) => ({ value: g.id, label: `${f.text(gateSide(g, country).name)} — ${f.text(gateSide(g, country === 'CN' ? 'VN' : 'CN').name)}` })),
      facility: (facilities.data ?? []).filter((x) => served.has(x.party)).map((x) => ({ value: x.id, label: f.text(x.names) })),
    };
    return options;
  }, [me.party, parties.data, areas.data, gates.data, facilities.data, f]);
}

interface FormState {
  username: string;
  displayName: string;
  role: Role;
  kind: JurisdictionKind;
  value: string;
  password: string;
  confirm: string;
  disabled: boolean;
}

type Errors = Partial<Record<keyof FormState, string>>;

function UserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const options = useJurisdictionOptions();
  const creating = user === null;
  const [form, setForm] = useState<FormState>(() => ({
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: user?.role ?? 'viewer',
    kind: user?.jurisdiction.kind ?? 'party',
    value: user ? jurisdictionValue(user.jurisdiction) : me.party,
    password: '',
    confirm: '',
    disabled: user?.disabled ?? false,
  }));
  const [errors, setErrors] = useState<Errors>({});
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((s) => ({ ...s, [k]: v }));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const save = useMutation({
    mutationFn: async () => {
      const jurisdiction = makeJurisdiction(form.kind, form.value);
      if (creating) {
        const body: NewUser = { username: form.username.trim(), displayName: form.displayName.trim(), role: form.role, jurisdiction, password: form.password };
        return api<User>('/api/users', { method: 'POST', body });
      }
      const change: UserChange = {};
      if (form.displayName.trim() !== user.displayName) change.displayName = form.displayName.trim();
      if (form.role !== user.role) change.role = form.role;
      if (JSON.stringify(jurisdiction) !== JSON.stringify(user.jurisdiction)) change.jurisdiction = jurisdiction;
      if (form.disabled !== user.disabled) change.disabled = form.disabled;
      if (form.password) change.password = form.password;
      if (!Object.keys(change).length) return user;
      return api<User>(`/api/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: change });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });

  const validate = (): Errors => {
    const e: Errors = {};
    if (creating) {
      if (!form.username.trim()) e.username = t('validation.required');
      else if (!USERNAME.test(form.username.trim())) e.username = t('users.validation.username');
    }
    if (!form.displayName.trim()) e.displayName = t('validation.required');
    else if (form.displayName.trim().length > 200) e.displayName = t('validation.tooLong', { max: 200 });
    if (!form.value) e.value = t('users.validation.jurisdiction');
    if (creating || form.password) {
      if (form.password.length < MIN_PASSWORD) e.password = t('users.validation.password', { min: MIN_PASSWORD });
      else if (form.password.length > 200) e.password = t('validation.tooLong', { max: 200 });
      if (form.confirm !== form.password) e.confirm = t('users.validation.confirm');
    }
    return e;
  };

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length === 0) save.mutate();
  };

  const kindOptions = options[form.kind];
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="user-dialog-title">
        <form onSubmit={submit} noValidate>
          <div className="dialog-header">
            <h2 id="user-dialog-title">{creating ? t('users.createTitle') : t('users.editTitle', { username: user.username })}</h2>
            <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label={t('common.close')}>
              <Icon name="cross" size={16} />
            </button>
          </div>
          <div className="dialog-body">
            {creating ? (
              <Field label={t('users.username')} htmlFor="u-username" error={errors.username} hint={t('users.usernameHint')}>
                <input id="u-username" autoComplete="off" spellCheck={false} value={form.username} onChange={(e) => set('username', e.target.value.toLowerCase())} />
              </Field>
            ) : null}
            <Field label={t('users.displayName')} htmlFor="u-display" error={errors.displayName}>
              <input id="u-display" value={form.displayName} onChange={(e) => set('displayName', e.target.value)} />
            </Field>
            <Field label={t('users.role')} htmlFor="u-role">
              <select id="u-role" value={form.role} onChange={(e) => set('role', e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {enumLabel(t, 'role', r)}
                  </option>
                ))}
              </select>
            </Field>
            <div className="form-row">
              <Field label={t('users.jurisdictionKind')} htmlFor="u-jkind">
                <select
                  id="u-jkind"
                  value={form.kind}
                  onChange={(e) => {
                    const kind = e.target.value as JurisdictionKind;
                    setForm((s) => ({ ...s, kind, value: kind === 'party' ? me.party : '' }));
                  }}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {enumLabel(t, 'jurisdictionKind', k)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('users.jurisdiction')} htmlFor="u-jvalue" error={errors.value}>
                <select id="u-jvalue" value={form.value} onChange={(e) => set('value', e.target.value)}>
                  <option value="">{t('common.choose')}</option>
                  {kindOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <div className="form-row">
              <Field
                label={creating ? t('users.password') : t('users.newPassword')}
                htmlFor="u-password"
                error={errors.password}
                hint={creating ? t('users.passwordHint', { min: MIN_PASSWORD }) : t('users.newPasswordHint')}
              >
                <input id="u-password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => set('password', e.target.value)} />
              </Field>
              <Field label={t('users.confirmPassword')} htmlFor="u-confirm" error={errors.confirm}>
                <input id="u-confirm" type="password" autoComplete="new-password" value={form.confirm} onChange={(e) => set('confirm', e.target.value)} />
              </Field>
            </div>
            {!creating ? (
              <div className="field">
                <label className="checkbox">
                  <input type="checkbox" checked={form.disabled} onChange={(e) => set('disabled', e.target.checked)} />
                  {t('users.disabledLabel')}
                </label>
              </div>
            ) : null}
            {save.isError ? (
              <div className="alert alert-error" role="alert">
                {errorMessage(save.error)}
              </div>
            ) : null}
          </div>
          <div className="dialog-footer">
            <button type="button" className="btn" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {save.isPending ? t('common.saving') : creating ? t('users.create') : t('common.save')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const users = useUsers();
  const parties = useParties();
  const areas = useAreas();
  const gates = useGates();
  const facilities = useFacilities();
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const country = countryOf(parties.data ?? [], me.party);
  const lookups = { parties: parties.data, areas: areas.data, gates: gates.data, facilities: facilities.data };
  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setEditing(null)}>
            <Icon name="plus" size={16} />
            {t('users.new')}
          </button>
        }
      />
      <QueryView query={users}>
        {(list) => (
          <Card flush>
            {list.length ? (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('users.user')}</th>
                      <th>{t('users.role')}</th>
                      <th>{t('users.jurisdiction')}</th>
                      <th>{t('users.status')}</th>
                      <th>{t('users.updatedAt')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {[...list]
                      .sort((a, b) => a.username.localeCompare(b.username))
                      .map((u) => (
                        <tr key={u.id} className={u.disabled ? 'row-disabled' : undefined} data-user={u.username}>
                          <td>
                            <div>
                              <strong>{u.displayName}</strong>
                              {u.id === me.userId ? (
                                <>
                                  {' '}
                                  <Badge tone="info">{t('users.you')}</Badge>
                                </>
                              ) : null}
                            </div>
                            <div className="small faint">{u.username}</div>
                          </td>
                          <td>{enumLabel(t, 'role', u.role)}</td>
                          <td className="small">{jurisdictionText(u.jurisdiction, lookups, f, t, country)}</td>
                          <td>{u.disabled ? <Badge tone="danger">{t('users.disabled')}</Badge> : <Badge tone="success">{t('users.active')}</Badge>}</td>
                          <td className="small muted nowrap">{f.dateTime(u.updatedAt)}</td>
                          <td className="num">
                            <button type="button" className="btn btn-small" onClick={() => setEditing(u)}>
                              {t('common.edit')}
                            </button>
                          </td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <Empty>{t('common.none')}</Empty>
            )}
          </Card>
        )}
      </QueryView>
      {editing !== undefined ? <UserDialog user={editing} onClose={() => setEditing(undefined)} /> : null}
    </>
  );
}
