import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { csvRecords, dhis2DataValues, type CsvItem, type Dhis2Item } from './importers/sources';

/** Splits a text into chunks at the given cut points, cutting through multi-byte characters too. */
function chunked(text: string, cuts: number[]): Readable {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) parts.push(bytes.subarray(prev, p));
    prev = p;
  }
  return Readable.from(parts);
}

async function collect<T>(g: AsyncGenerator<T | T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of g) Array.isArray(x) ? out.push(...x) : out.push(x);
  return out;
}

const valueArb = fc.record({
  dataElement: fc.string({ maxLength: 12 }),
  period: fc.constantFrom('2025W7', '202502', '20250214'),
  orgUnit: fc.string({ maxLength: 12 }),
  categoryOptionCombo: fc.constantFrom('25-44_female', '65+_male', 'unknown_unknown'),
  value: fc.oneof(fc.nat().map(String), fc.nat(), fc.string({ maxLength: 8 })),
  comment: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
});

describe('DHIS2 data value stream', () => {
  it('yields exactly what JSON.parse would, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(valueArb, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.constantFrom(0, 2),
        fc.record({ dataSet: fc.string({ maxLength: 10 }), period: fc.constant('2025W7') }),
        async (values, cuts, indent, head) => {
          const text = JSON.stringify({ ...head, dataValues: values, extra: { nested: [1, { a: '}' }] } }, null, indent);
          const header: Record<string, unknown> = {};
          const items = await collect(dhis2DataValues(chunked(text, cuts), header));
          const expected = JSON.parse(JSON.stringify(values)) as unknown[];
          expect(items).toEqual(expected.map((value, index) => ({ kind: 'value', index, value })));
          expect(header).toEqual(head);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reports an element that is not JSON at its index and goes on', async () => {
    const items = await collect(dhis2DataValues(Readable.from(['{"dataValues":[{"a":1},{"a":},{"a":3}]}'])));
    expect(items.map((i) => (i.kind === 'value' ? ['v', i.index] : ['p', i.problem.line, i.problem.code]))).toEqual([
      ['v', 0],
      ['p', 1, 'BH_SURVEILLANCE_IMPORT_MALFORMED_JSON'],
      ['v', 2],
    ]);
  });

  it('reports a broken structure where it is found, and a missing dataValues', async () => {
    const cases: [string, Dhis2Item[]][] = [
      ['{"dataValues":[{"a":1},{"a":2}', [{ kind: 'value', index: 0, value: { a: 1 } }, { kind: 'value', index: 1, value: { a: 2 } }]],
      ['[1,2]', []],
      ['{"dataSet":"x"}', []],
    ];
    for (const [text, values] of cases) {
      const items = await collect(dhis2DataValues(Readable.from([text])));
      const problems = items.filter((i) => i.kind === 'problem');
      expect(items.filter((i) => i.kind === 'value')).toEqual(values);
      expect(problems).toHaveLength(1);
    }
    const missing = await collect(dhis2DataValues(Readable.from(['{"dataSet":"x"}'])));
    expect(missing).toEqual([{ kind: 'problem', problem: { line: 0, code: 'BH_SURVEILLANCE_IMPORT_MISSING_COLUMN', params: { column: 'dataValues' } } }]);
  });
});

describe('CSV record stream', () => {
  it('gives each record the line it starts on', async () => {
    const text = '\ufeffa,b\r\n1,2\n\n3,"x\ny"\n4,5\n';
    const items = await collect(csvRecords(Readable.from([Buffer.from(text)])));
    expect(items).toEqual<CsvItem[]>([
      { kind: 'record', line: 1, values: ['a', 'b'] },
      { kind: 'record', line: 2, values: ['1', '2'] },
      { kind: 'record', line: 4, values: ['3', 'x\ny'] },
      { kind: 'record', line: 6, values: ['4', '5'] },
    ]);
  });

  it('reports a malformed record at its line', async () => {
    const items = await collect(csvRecords(Readable.from([Buffer.from('a,b\n1,2\n3,"x"y\n')])));
    expect(items.filter((i) => i.kind === 'problem').map((i) => (i.kind === 'problem' ? i.problem.line : 0))).toEqual([3]);
  });

  it('reads the same records however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ maxLength: 10 }), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (rows, cuts) => {
          const esc = (s: string) => `"${s.replace(/"/g, '""')}"`;
          const text = rows.map((r) => r.map(esc).join(',')).join('\n') + '\n';
          const items = await collect(csvRecords(chunked(text, cuts)));
          expect(items.map((i) => (i.kind === 'record' ? i.values : null))).toEqual(rows);
        },
      ),
      { numRuns: 100 },
    );
  });
});
