import { useFormat } from '../i18n/format';
import type { Text } from '../api/types';

/** A note of reference data in the user's language, on a line of its own; nothing when there is none. */
export function Note({ value, className = 'small muted' }: { value: Text | null | undefined; className?: string }) {
  const f = useFormat();
  return value ? <div className={className}>{f.text(value)}</div> : null;
}
