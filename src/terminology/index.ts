/**
 * BorderHealth terminology: Vietnam's and China's notifiable infectious diseases, their cross-walk
 * and ICD-10 titles, loaded from the JSON files in `./data`.
 */
import vn from './data/vn-notifiable.json' with { type: 'json' };
import cn from './data/cn-notifiable.json' with { type: 'json' };
import equivalence from './data/equivalence.json' with { type: 'json' };
import icd10 from './data/icd10.json' with { type: 'json' };
import { createTerminology, type Terminology, type TerminologyData } from './model';
import { terminologyRoutes } from './routes';

export * from './model';
export { foldForSearch } from './normalize';
export { isValidIcd10Ref, normalizeIcd10, icd10Matches } from './icd10';

let cached: Terminology | undefined;

/** Returns a fresh copy of the bundled data files, typed as the schemas describe but not validated. */
export function rawTerminologyData(): TerminologyData {
  return structuredClone({ vn, cn, equivalence, icd10 }) as unknown as TerminologyData;
}

/** Loads and validates the bundled terminology once, then returns the same instance; throws on invalid data. */
export function loadTerminology(): Terminology {
  cached ??= createTerminology({ vn, cn, equivalence, icd10 });
  return cached;
}

/** The terminology's HTTP module. */
export function terminologyModule(): import('../platform/http/app').AppModule {
  return { name: 'terminology', routes: terminologyRoutes(loadTerminology()) };
}
