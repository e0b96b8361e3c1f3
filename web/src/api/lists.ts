/** What the list APIs share: pages of records, filters as query parameters, and option lists. */

/** One page of a list the node answers (`?limit=&offset=`). */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A filter as query parameters: empty values left out (they mean "any"). */
export const cleanFilter = (f: object) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '' && v !== undefined)) as Record<string, string | number>;

/**
 * The web app takes the server's types with `import type` and never its values, so the few lists
 * it shows as options (statuses, kinds…) are written again here. `listOf<Union>()([...])` keeps such
 * a list exactly equal to the server's union: the compiler refuses a member that is missing or unknown.
 */
export const listOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;
