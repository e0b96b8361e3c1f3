/**
 * `borderhealth import`: streams a CSV or DHIS2 file to a node's import API with a progress bar,
 * then prints the report: what was written, or every bad line with its reason.
 *
 *   borderhealth import --kind aggregates --format csv --file FILE [--url http://127.0.0.1:8080]
 *                       (--user U --password P | --token T) [--lang vi|zh-CN|en] [--quiet]
 */
import { createReadStream, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { parseOptions } from './args';
import type { ImportReport } from '../surveillance';

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

type Lang = 'vi' | 'zh-CN' | 'en';

const TEXT: Record<Lang, Record<string, string>> = {
  en: {
    usage:
      'usage: borderhealth import --kind aggregates|screening|vectors|cases --format csv|dhis2 --file FILE [--url URL] (--user U --password P | --token T) [--lang vi|zh-CN|en] [--quiet]',
    uploading: 'Uploading',
    writing: 'Writing',
    done: 'Imported {kind} from {file}: {inserted} inserted, {updated} updated, {unchanged} unchanged ({rows} records).',
    rejected: 'Nothing was imported from {file}: {count} bad records.',
    line: 'line',
    index: 'dataValues[{n}]',
    failed: 'The import failed',
    login: 'Sign-in failed',
  },
  vi: {
    usage:
      'cách dùng: borderhealth import --kind aggregates|screening|vectors|cases --format csv|dhis2 --file TỆP [--url URL] (--user U --password P | --token T) [--lang vi|zh-CN|en] [--quiet]',
    uploading: 'Đang tải lên',
    writing: 'Đang ghi',
    done: 'Đã nhập {kind} từ {file}: thêm mới {inserted}, cập nhật {updated}, không đổi {unchanged} ({rows} bản ghi).',
    rejected: 'Không có dữ liệu nào được nhập từ {file}: {count} bản ghi bị lỗi.',
    line: 'dòng',
    index: 'dataValues[{n}]',
    failed: 'Nhập dữ liệu thất bại',
    login: 'Đăng nhập thất bại',
  },
  'zh-CN': {
    usage:
      '用法：borderhealth import --kind aggregates|screening|vectors|cases --format csv|dhis2 --file 文件 [--url URL] (--user 用户 --password 密码 | --token 令牌) [--lang vi|zh-CN|en] [--quiet]',
    uploading: '正在上传',
    writing: '正在写入',
    done: '已从 {file} 导入 {kind}：新增 {inserted} 条，更新 {updated} 条，未变 {unchanged} 条（共 {rows} 条记录）。',
    rejected: '未从 {file} 导入任何数据：{count} 条记录有误。',
    line: '第 {n} 行',
    index: 'dataValues[{n}]',
    failed: '导入失败',
    login: '登录失败',
  },
};

const fill = (s: string, p: Record<string, unknown>) => s.replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m));

export function langOf(v: string | undefined): Lang {
  if (!v) return 'en';
  const l = v.toLowerCase();
  return l.startsWith('vi') ? 'vi' : l.startsWith('zh') ? 'zh-CN' : 'en';
}

/** Signs in (or uses a token) and answers the bearer token. */
export async function bearerToken(url: string, user?: string, password?: string, token?: string, lang: Lang = 'en'): Promise<string> {
  if (token) return token;
  if (!user || !password) throw new Error(TEXT[lang].usage);
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang },
    body: JSON.stringify({ username: user, password }),
  });
  const body = (await r.json().catch(() => ({}))) as { token?: string; message?: string };
  if (!r.ok || !body.token) throw new Error(`${TEXT[lang].login}: ${body.message ?? r.status}`);
  return body.token;
}

type Report = Pick<ImportReport, 'jobId' | 'state' | 'processedRows' | 'processedBytes' | 'validRows' | 'writtenRows' | 'inserted' | 'updated' | 'unchanged' | 'errorCount' | 'errors'>;

function upload(url: URL, headers: Record<string, string | number>, file: string, onBytes: (n: number) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    let sent = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        sent += chunk.length;
        onBytes(sent);
        done(null, chunk);
      },
    });
    pipeline(createReadStream(file), counter, req).catch(reject);
  });
}

/** Runs the command; answers the exit code (0 imported, 1 rejected or failed, 2 usage). */
export async function importCommand(args: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const { values } = parseOptions(args, {
    kind: { type: 'string' },
    format: { type: 'string', default: 'csv' },
    file: { type: 'string' },
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    user: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    lang: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  });
  const lang = langOf(values.lang ?? process.env.LANG);
  const t = TEXT[lang];
  const kinds = ['aggregates', 'screening', 'vectors', 'cases'];
  if (!values.kind || !kinds.includes(values.kind) || !values.file || !['csv', 'dhis2'].includes(values.format!)) {
    io.stderr.write(`${t.usage}\n`);
    return 2;
  }
  const base = values.url!.replace(/\/$/, '');
  const token = await bearerToken(base, values.user, values.password, values.token ?? process.env.BH_TOKEN, lang);
  const size = statSync(values.file).size;
  const jobId = randomUUID();
  const auth = { authorization: `Bearer ${token}`, 'accept-language': lang };

  const bar = new cliProgress.SingleBar(
    { stream: io.stderr as NodeJS.WriteStream, format: '{phase} |{bar}| {percentage}% | {done}/{size} | {rows}', hideCursor: true, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  const show = !values.quiet && Boolean(io.stderr.isTTY);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  if (show) bar.start(size || 1, 0, { phase: t.uploading, done: kb(0), size: kb(size), rows: '' });
  let polling = show;
  // The server reads as the file arrives; its own count of records follows the upload.
  const poll = (async () => {
    while (polling) {
      await new Promise((r) => setTimeout(r, 400));
      if (!polling) break;
      const r = await fetch(`${base}/api/surveillance/imports/${jobId}?errorLimit=0`, { headers: auth }).catch(() => null);
      if (!r?.ok) continue;
      const j = (await r.json()) as Report;
      if (j.state === 'writing') bar.update(j.writtenRows, { phase: t.writing, rows: `${j.writtenRows}/${j.validRows}`, done: kb(size) });
      else bar.update(j.processedBytes, { rows: String(j.processedRows), done: kb(j.processedBytes) });
      if (j.state === 'writing') bar.setTotal(Math.max(1, j.validRows));
    }
  })();

  let res: { status: number; body: string };
  try {
    const url = new URL(`${base}/api/surveillance/imports?kind=${values.kind}&format=${values.format}&jobId=${jobId}`);
    res = await upload(
      url,
      { ...auth, 'content-type': values.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json', 'content-length': size },
      values.file,
      (n) => show && bar.update(n, { done: kb(n) }),
    );
  } finally {
    polling = false;
    await poll;
    if (show) bar.stop();
  }

  let body: Report & { code?: string; message?: string };
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    io.stderr.write(`${t.failed}: HTTP ${res.status}\n`);
    return 1;
  }
  if (res.status !== 200 && res.status !== 422) {
    io.stderr.write(`${t.failed}: ${body.code ?? res.status} ${body.message ?? ''}\n`);
    return 1;
  }
  if (body.state === 'succeeded') {
    io.stdout.write(
      fill(t.done, { kind: values.kind, file: values.file, inserted: body.inserted, updated: body.updated, unchanged: body.unchanged, rows: body.validRows }) + '\n',
    );
    return 0;
  }
  // Every bad record, fetching the pages the first answer left out.
  const errors = [...body.errors];
  while (errors.length < body.errorCount) {
    const r = await fetch(`${base}/api/surveillance/imports/${jobId}?errorOffset=${errors.length}&errorLimit=10000`, { headers: auth });
    if (!r.ok) break;
    const page = (await r.json()) as Report;
    if (!page.errors.length) break;
    errors.push(...page.errors);
  }
  io.stdout.write(fill(t.rejected, { file: values.file, count: body.errorCount }) + '\n');
  for (const e of errors) {
    const where = values.format === 'csv' ? (lang === 'zh-CN' ? fill(t.line, { n: e.line }) : `${t.line} ${e.line}`) : fill(t.index, { n: e.line });
    io.stdout.write(`  ${where}${e.field ? ` [${e.field}]` : ''}: ${e.message}\n`);
  }
  return 1;
}
