/**
 * Reading typed values out of the text cells of an imported record, collecting a problem for
 * every cell that does not hold what it should.
 */
import { isDate } from '../periods';
import type { Problem } from '../model';

const INT = /^-?\d+$/;
const NUM = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Reads cells by name; `problems` collects what is wrong, keyed by the cell's name. */
export class CellReader {
  readonly problems: Problem[] = [];

  constructor(private readonly cells: Record<string, unknown>) {}

  private add(field: string, code: string, params: Record<string, unknown> = {}): null {
    this.problems.push({ field, code, params: { field, ...params } });
    return null;
  }

  /** The raw cell as trimmed text; '' when absent. */
  raw(name: string): string {
    const v = this.cells[name];
    if (v === undefined || v === null) return '';
    return (typeof v === 'string' ? v : String(v)).trim();
  }

  has(name: string): boolean {
    return this.raw(name) !== '';
  }

  text(name: string, opts: { required?: boolean; max?: number } = {}): string | null {
    const v = this.raw(name);
    if (!v) return opts.required ? this.add(name, 'BH_SURVEILLANCE_MISSING_VALUE') : null;
    if (opts.max !== undefined && v.length > opts.max) return this.add(name, 'BH_SURVEILLANCE_TEXT_TOO_LONG', { max: opts.max });
    return v;
  }

  /** A non-negative whole number. */
  count(name: string, opts: { required?: boolean } = { required: true }): number | null {
    const v = this.raw(name);
    if (!v) return opts.required ? this.add(name, 'BH_SURVEILLANCE_MISSING_VALUE') : null;
    if (!INT.test(v) || !Number.isSafeInteger(Number(v)) || Number(v) > 2_147_483_647) {
      if (NUM.test(v) && Number(v) < 0) return this.add(name, 'BH_SURVEILLANCE_NEGATIVE', { value: v });
      return this.add(name, 'BH_SURVEILLANCE_BAD_INTEGER', { value: v });
    }
    const n = Number(v);
    if (n < 0) return this.add(name, 'BH_SURVEILLANCE_NEGATIVE', { value: v });
    return n;
  }

  /** A finite decimal number (range checks belong to the record's rules). */
  number(name: string, opts: { required?: boolean } = {}): number | null {
    const v = this.raw(name);
    if (!v) return opts.required ? this.add(name, 'BH_SURVEILLANCE_MISSING_VALUE') : null;
    const n = Number(v);
    if (!NUM.test(v) || !Number.isFinite(n)) return this.add(name, 'BH_SURVEILLANCE_BAD_NUMBER', { value: v });
    return n;
  }

  /** A calendar date, not after today. */
  date(name: string, today: string, opts: { required?: boolean } = { required: true }): string | null {
    const v = this.raw(name);
    if (!v) return opts.required ? this.add(name, 'BH_SURVEILLANCE_MISSING_VALUE') : null;
    if (!isDate(v)) return this.add(name, 'BH_SURVEILLANCE_BAD_DATE', { value: v });
    if (v > today) return this.add(name, 'BH_SURVEILLANCE_FUTURE_DATE', { value: v });
    return v;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], opts: { required?: boolean } = { required: true }): T | null {
    const v = this.raw(name);
    if (!v) return opts.required ? this.add(name, 'BH_SURVEILLANCE_MISSING_VALUE') : null;
    if (!(allowed as readonly string[]).includes(v)) return this.add(name, 'BH_SURVEILLANCE_BAD_ENUM', { value: v, allowed: allowed.join(', ') });
    return v as T;
  }

  bool(name: string): boolean | null {
    const v = this.raw(name).toLowerCase();
    if (!v) return this.add(name, 'BH_SURVEILLANCE_MISSING_VALUE');
    if (['true', 'yes', '1'].includes(v)) return true;
    if (['false', 'no', '0'].includes(v)) return false;
    return this.add(name, 'BH_SURVEILLANCE_BAD_BOOLEAN', { value: this.raw(name) });
  }

  uuid(name: string): string | null {
    const v = this.raw(name);
    if (!v) return this.add(name, 'BH_SURVEILLANCE_MISSING_VALUE');
    if (!UUID.test(v)) return this.add(name, 'BH_SURVEILLANCE_BAD_UUID', { value: v });
    return v.toLowerCase();
  }

  /** A reference checked against a lookup; `code` is the problem when the lookup fails. */
  ref(name: string, known: (v: string) => boolean, code: string): string | null {
    const v = this.raw(name);
    if (!v) return this.add(name, 'BH_SURVEILLANCE_MISSING_VALUE');
    if (!known(v)) return this.add(name, code, { value: v });
    return v;
  }

  /** A JSON cell. */
  json(name: string): unknown {
    const v = this.raw(name);
    if (!v) return undefined;
    try {
      return JSON.parse(v) as unknown;
    } catch (e) {
      return this.add(name, 'BH_SURVEILLANCE_BAD_JSON_FIELD', { detail: (e as Error).message });
    }
  }

  problem(field: string, code: string, params: Record<string, unknown> = {}): void {
    this.add(field, code, params);
  }
}
