import { useFormat } from '../i18n/format';
import { COUNTRIES, countryName } from './caseLabels';

/** The countries a case may name, as the options of a select, but for `exclude`. */
export function CountryOptions({ exclude }: { exclude?: string }) {
  const f = useFormat();
  return COUNTRIES.filter((c) => c !== exclude).map((c) => (
    <option key={c} value={c}>
      {countryName(c, f.locale)}
    </option>
  ));
}
