import { useTranslation } from 'react-i18next';
import { Icon } from '../app/icons';
import { Field } from '../app/ui';
import { CountryOptions } from './CountryOptions';
import type { FormErrors, Stop } from './newCaseForm';

/** The travel history of a new case: a row a stop, and a button for another (in country `other` at first). */
export function TravelStops({ stops, errors, today, other, onChange }: { stops: Stop[]; errors: FormErrors; today: string; other: string; onChange: (stops: Stop[]) => void }) {
  const { t } = useTranslation();
  const setStop = (i: number, patch: Partial<Stop>) => onChange(stops.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <>
      {stops.map((s, i) => (
        <div className="travel-row" key={i}>
          <Field label={t('case.place')} htmlFor={`nc-t${i}-place`} error={errors[`travel.${i}.place`]}>
            <input id={`nc-t${i}-place`} type="text" maxLength={200} value={s.place} onChange={(e) => setStop(i, { place: e.target.value })} />
          </Field>
          <Field label={t('case.country')} htmlFor={`nc-t${i}-country`}>
            <select id={`nc-t${i}-country`} value={s.country} onChange={(e) => setStop(i, { country: e.target.value })}>
              <CountryOptions />
            </select>
          </Field>
          <Field label={t('case.from')} htmlFor={`nc-t${i}-from`} error={errors[`travel.${i}.from`]}>
            <input id={`nc-t${i}-from`} type="date" max={today} value={s.from} onChange={(e) => setStop(i, { from: e.target.value })} />
          </Field>
          <Field label={t('case.to')} htmlFor={`nc-t${i}-to`} error={errors[`travel.${i}.to`]}>
            <input id={`nc-t${i}-to`} type="date" max={today} value={s.to} onChange={(e) => setStop(i, { to: e.target.value })} />
          </Field>
          <button type="button" className="btn btn-ghost btn-small travel-remove" onClick={() => onChange(stops.filter((_, j) => j !== i))} aria-label={t('newCase.removeStop')}>
            <Icon name="cross" size={14} />
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => onChange([...stops, { place: '', country: other, from: '', to: '' }])} disabled={stops.length >= 50}>
        <Icon name="plus" size={14} />
        {t('newCase.addStop')}
      </button>
    </>
  );
}
