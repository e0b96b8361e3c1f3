import { useEffect, useState } from 'react';
import { navigate } from './router';

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Keeps a page's filters in its address (so they can be linked and survive a reload). */
export function useSyncSearch(values: Record<string, string>): void {
  const key = JSON.stringify(values);
  useEffect(() => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) params.set(k, v);
    const s = params.toString();
    navigate(`${window.location.pathname}${s ? `?${s}` : ''}`, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
