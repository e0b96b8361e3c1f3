/** Test helpers for multilingual data: what counts as a Text, and the strings left outside one. */

/** Whether a value is a Text in exactly the three languages. */
export const isText = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).sort().join() === 'en,vi,zh-CN';

/** Every string of a JSON tree that is not part of a Text, with its path (`.areas[].code`). */
export function plainStrings(v: unknown, path = ''): { path: string; value: string }[] {
  if (typeof v === 'string') return [{ path, value: v }];
  if (isText(v)) return [];
  if (Array.isArray(v)) return v.flatMap((x) => plainStrings(x, `${path}[]`));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => plainStrings(x, `${path}.${k}`));
  return [];
}
