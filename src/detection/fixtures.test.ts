// Agreement with R's 'surveillance' package on every reference file in ../shared (when present):
// every alarm identical, upperbound/expected within relative 1e-6 (absolute 1e-9 near zero),
// null exactly where R has NA.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDetector, parseDetectionRequest } from './index';

const dirUrl = new URL('../../../shared/fixtures/surveillance/', import.meta.url);
const dir = fileURLToPath(dirUrl);
const present = existsSync(dir);
const files = present ? readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
// R outputs for options the shared fixtures do not exercise (see testdata/r-extra/make-extra.R)
const extraDir = fileURLToPath(new URL('./testdata/r-extra/', import.meta.url));
const extraFiles = readdirSync(extraDir).filter((f) => f.endsWith('.json')).sort();

/** Compare one answer with R's; returns a description of the difference or null. */
function differs(ours: number | boolean | null | undefined, r: number | boolean | null): string | null {
  if (r === null || ours === null || ours === undefined) return ours === r ? null : `ours ${ours}, R ${r}`;
  if (typeof r === 'boolean') return ours === r ? null : `ours ${ours}, R ${r}`;
  if (typeof ours !== 'number') return `ours ${ours}, R ${r}`;
  const tol = Math.max(1e-9, 1e-6 * Math.abs(r));
  return Math.abs(ours - r) <= tol ? null : `ours ${ours}, R ${r} (relative ${(Math.abs(ours - r) / Math.abs(r)).toExponential(2)})`;
}

interface FixtureSeries {
  id: string;
  counts: number[];
  population?: number[];
  expected?: (number | null)[];
  upperbound: (number | null)[];
  alarm: (boolean | null)[];
}

/** Run one reference file through the engine and compare every answer with R's. */
function checkFile(folder: string, file: string): void {
  const doc = JSON.parse(readFileSync(`${folder}/${file}`, 'utf8'));
  const parsed = parseDetectionRequest(doc);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.join('; ')}`);
  const req = parsed.value;
  const detect = createDetector(req.config, req.frequency);
  const problems: string[] = [];
  let cells = 0;
  for (const s of doc.series as FixtureSeries[]) {
    const r = detect({ counts: s.counts, population: s.population, frequency: req.frequency }, { start: req.rangeStart, end: req.rangeEnd });
    expect(r.upperbound).toHaveLength(s.upperbound.length);
    for (let j = 0; j < s.upperbound.length; j++) {
      cells++;
      const checks: [string, number | boolean | null | undefined, number | boolean | null][] = [
        ['upperbound', r.upperbound[j], s.upperbound[j]],
        ['alarm', r.alarm[j], s.alarm[j]],
      ];
      if (s.expected) checks.push(['expected', r.expected?.[j], s.expected[j]]);
      for (const [name, ours, theirs] of checks) {
        const d = differs(ours, theirs);
        if (d) problems.push(`${s.id} period ${req.rangeStart + j} ${name}: ${d}${r.reasons[j] ? ` [${r.reasons[j]}]` : ''}`);
      }
    }
  }
  expect(cells).toBeGreaterThan(0);
  expect(problems.slice(0, 10), `${problems.length} disagreements in ${file}`).toEqual([]);
}

if (!present) {
  console.warn(`[detection] ${dir} is absent: the R agreement suite is skipped`);
}

describe.skipIf(!present)('agreement with R surveillance on ../shared/fixtures/surveillance', () => {
  it('finds reference files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) it(file, () => checkFile(dir, file));
});

describe('agreement with R surveillance on options the shared fixtures do not use', () => {
  for (const file of extraFiles) it(file, () => checkFile(extraDir, file));
});
