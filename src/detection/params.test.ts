// Validation of configurations and detect documents; R's defaults.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectCommand } from '../cli/detect';
import { parseDetectionConfig, parseDetectionRequest } from './index';

const doc = (over: Record<string, unknown> = {}) => ({
  frequency: 52,
  method: 'ears',
  params: { variant: 'C1' },
  rangeStart: 8,
  rangeEnd: 19,
  series: [{ id: 'a', counts: Array.from({ length: 20 }, (_, i) => i % 4) }],
  ...over,
});

describe('parseDetectionConfig', () => {
  it("fills R's defaults", () => {
    const f = parseDetectionConfig('farrington-flexible', {});
    expect(f).toEqual({
      ok: true,
      value: {
        method: 'farrington-flexible',
        params: {
          b: 5, w: 3, reweight: true, weightsThreshold: 2.58, alpha: 0.05, trend: true, pThresholdTrend: 0.05,
          limit54: [5, 4], powertrans: '2/3', populationOffset: false, noPeriods: 1, pastWeeksNotIncluded: 3,
          thresholdMethod: 'delta',
        },
      },
    });
    expect(parseDetectionConfig('ears', { variant: 'C3' })).toMatchObject({ ok: true, value: { params: { baseline: 7, minSigma: 0, alpha: 0.025 } } });
    expect(parseDetectionConfig('ears', undefined)).toMatchObject({ ok: true, value: { params: { variant: 'C1', alpha: 0.001 } } });
    expect(parseDetectionConfig('cusum', {})).toMatchObject({ ok: true, value: { params: { k: 1.04, h: 2.26, m: null, trans: 'standard' } } });
  });

  it('names unknown methods, unknown parameters and wrong types', () => {
    expect(parseDetectionConfig('glrnb', {})).toEqual({ ok: false, errors: [expect.stringMatching(/unknown method "glrnb"/)] });
    expect(parseDetectionConfig('cusum', { k: 1, foo: 2 })).toEqual({ ok: false, errors: ['params.foo: unknown parameter'] });
    const bad = parseDetectionConfig('farrington-flexible', { b: 2.5, thresholdMethod: 'x', limit54: [5] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.join('\n')).toMatch(/params\.b: expected integer/);
      expect(bad.errors.join('\n')).toMatch(/params\.thresholdMethod: expected one of "delta", "nbPlugin", "muan"/);
      expect(bad.errors.join('\n')).toMatch(/params\.limit54/);
    }
  });
});

describe('parseDetectionRequest', () => {
  it('accepts a fixture-shaped document and ignores extra fields', () => {
    const v = parseDetectionRequest({ ...doc(), referenceSeconds: 1, dataset: 'x' });
    expect(v.ok).toBe(true);
  });

  it('reports missing fields, bad types and ranges outside the series', () => {
    const { series: _s, ...noSeries } = doc();
    expect(parseDetectionRequest(noSeries)).toEqual({ ok: false, errors: ['series: missing field'] });
    expect(parseDetectionRequest(doc({ rangeStart: 'x' }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^rangeStart:/)] });
    expect(parseDetectionRequest(doc({ rangeEnd: 20 }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/outside the series/)] });
    expect(parseDetectionRequest(doc({ rangeStart: 10, rangeEnd: 9 }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/after rangeEnd/)] });
    expect(parseDetectionRequest(doc({ series: [{ id: 'a', counts: [1, -2] }] }))).toMatchObject({ ok: false });
    expect(parseDetectionRequest([])).toMatchObject({ ok: false });
  });
});

async function runCli(args: string[], stdinText = '') {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '', err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  stdin.end(stdinText);
  const code = await detectCommand(args, { stdin, stdout, stderr });
  return { code, out, err };
}

describe('detect command', () => {
  it('judges standard input and prints the contract shape', async () => {
    const r = await runCli(['--input', '-'], JSON.stringify(doc()));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const parsed = JSON.parse(r.out);
    expect(Object.keys(parsed)).toEqual(['series']);
    expect(Object.keys(parsed.series[0])).toEqual(['id', 'upperbound', 'alarm']);
    expect(parsed.series[0].upperbound).toHaveLength(12);
  });

  it('adds expected for farrington-flexible', async () => {
    const counts = Array.from({ length: 300 }, (_, i) => 5 + (i % 7));
    const r = await runCli(['--input', '-'], JSON.stringify(doc({ method: 'farrington-flexible', params: {}, rangeStart: 290, rangeEnd: 299, series: [{ id: 7, counts }] })));
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.out).series[0])).toEqual(['id', 'expected', 'upperbound', 'alarm']);
  });

  it('bad input: non-zero exit, one line on stderr, nothing on stdout', async () => {
    for (const [args, input] of [
      [['--input', '-'], '{not json'],
      [['--input', '-'], JSON.stringify(doc({ method: 'nope' }))],
      [['--input', '-'], JSON.stringify(doc({ params: { variant: 'C1', extra: 1 } }))],
      [['--input', '-'], JSON.stringify(doc({ rangeEnd: 99 }))],
      [['--input', '/nonexistent/file.json'], ''],
      [[], ''],
      [['--bogus'], ''],
    ] as [string[], string][]) {
      const r = await runCli(args, input);
      expect(r.code).not.toBe(0);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});
