/** `borderhealth import` and `borderhealth export` against a listening node. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { importCommand } from '../../src/cli/import';
import { exportCommand } from '../../src/cli/export';
import { openSurveillanceNode, type SurveillanceTestNode } from './support';
import { CLOCK } from './generators';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe('surveillance CLI', () => {
  let node: SurveillanceTestNode;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    node = await openSurveillanceNode('pglite', { clock: CLOCK });
    url = await node.app.listen({ host: '127.0.0.1', port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'bh-cli-'));
  });
  afterAll(async () => {
    await node?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (cmd: typeof importCommand, args: string[]) => {
    const out = capture();
    const err = capture();
    const code = await cmd(args, { stdout: out.stream, stderr: err.stream });
    return { code, out: out.text(), err: err.text() };
  };
  const login = ['--url', '', '--user', 'epi', '--password', 'epi-demo-2026'];
  const withUrl = (a: string[]) => a.map((x, i) => (a[i - 1] === '--url' ? url : x));

  it('imports a file, then reports every bad line of another in the chosen language', async () => {
    const good = join(dir, 'good.csv');
    const rows = ['period,area,disease,age_group,sex,count'];
    for (let w = 1; w <= 8; w++) rows.push(`2025-W0${w},VN-QN-HL,VN-B-05,5-14,male,${w}`);
    writeFileSync(good, rows.join('\n') + '\n');
    const ok = await run(importCommand, withUrl(['--kind', 'aggregates', '--format', 'csv', '--file', good, ...login]));
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain('8 inserted, 0 updated, 0 unchanged');
    const again = await run(importCommand, withUrl(['--kind', 'aggregates', '--file', good, ...login, '--lang', 'vi']));
    expect(again.out).toContain('thêm mới 0, cập nhật 0, không đổi 8');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, [rows[0], rows[1], '2025-W02,VN-QN-HL,VN-B-05,5-14,male,-1', '2025-W99,VN-QN-HL,VN-B-05,5-14,male,1', ''].join('\n'));
    const refused = await run(importCommand, withUrl(['--kind', 'aggregates', '--format', 'csv', '--file', bad, ...login, '--lang', 'vi']));
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Không có dữ liệu nào được nhập');
    expect(refused.out).toContain('dòng 3 [count]: Số ca không được là số âm (-1).');
    expect(refused.out).toMatch(/dòng 4 \[period\]: Kỳ báo cáo: "2025-W99"/);
  });

  it('exports what the API exports, and refuses usage errors', async () => {
    const out = join(dir, 'export.json');
    const r = await run(exportCommand, withUrl(['--kind', 'aggregates', '--format', 'dhis2', '--area', 'VN-QN-HL', '--out', out, ...login]));
    expect(r.code, r.err).toBe(0);
    const set = JSON.parse(readFileSync(out, 'utf8')) as { dataValues: { period: string; value: string }[] };
    expect(set.dataValues.map((v) => v.period)).toEqual(['2025W1', '2025W2', '2025W3', '2025W4', '2025W5', '2025W6', '2025W7', '2025W8']);
    expect((await run(exportCommand, ['--kind', 'everything'])).code).toBe(2);
    expect((await run(importCommand, ['--kind', 'aggregates'])).code).toBe(2);
    const viewer = await run(exportCommand, withUrl(['--kind', 'cases', '--format', 'csv', '--url', '', '--user', 'viewer', '--password', 'viewer-demo-2026']));
    expect(viewer.code).toBe(1);
    expect(viewer.err).toContain('BH_FORBIDDEN');
  });
});
