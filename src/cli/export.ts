/**
 * `borderhealth export`: downloads surveillance data in the import formats (CSV or a DHIS2 data
 * value set) from a node, within the signed-in user's jurisdiction, to a file or standard output.
 *
 *   borderhealth export --kind aggregates --format csv [--out FILE|-] [--from P] [--to P]
 *                       [--area A]… [--disease D]… [--gate G]… [--period-kind week|month]
 *                       [--url URL] (--user U --password P | --token T) [--lang vi|zh-CN|en]
 */
import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseOptions } from './args';
import { bearerToken, langOf, type CliIO } from './import';

const USAGE =
  'usage: borderhealth export --kind aggregates|screening|vectors|cases --format csv|dhis2 [--out FILE|-] [--from P] [--to P] [--area A]... [--disease D]... [--gate G]... [--period-kind week|month] [--url URL] (--user U --password P | --token T) [--lang vi|zh-CN|en]';

const WROTE: Record<string, string> = {
  en: 'Wrote {bytes} bytes to {out}.',
  vi: 'Đã ghi {bytes} byte vào {out}.',
  'zh-CN': '已写入 {bytes} 字节到 {out}。',
};

/** Runs the command; answers the exit code (0 written, 1 refused or failed, 2 usage). */
export async function exportCommand(args: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const { values } = parseOptions(args, {
    kind: { type: 'string' },
    format: { type: 'string', default: 'csv' },
    out: { type: 'string', default: '-' },
    from: { type: 'string' },
    to: { type: 'string' },
    area: { type: 'string', multiple: true },
    disease: { type: 'string', multiple: true },
    gate: { type: 'string', multiple: true },
    'period-kind': { type: 'string' },
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    user: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    lang: { type: 'string' },
  });
  if (!values.kind || !['aggregates', 'screening', 'vectors', 'cases'].includes(values.kind) || !['csv', 'dhis2'].includes(values.format!)) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const lang = langOf(values.lang ?? process.env.LANG);
  const base = values.url!.replace(/\/$/, '');
  const token = await bearerToken(base, values.user, values.password, values.token ?? process.env.BH_TOKEN, lang);
  const q = new URLSearchParams({ kind: values.kind, format: values.format! });
  if (values.from) q.set('from', values.from);
  if (values.to) q.set('to', values.to);
  if (values['period-kind']) q.set('periodKind', values['period-kind']);
  for (const k of ['area', 'disease', 'gate'] as const) for (const v of values[k] ?? []) q.append(k, v);
  const r = await fetch(`${base}/api/surveillance/export?${q}`, { headers: { authorization: `Bearer ${token}`, 'accept-language': lang } });
  if (!r.ok || !r.body) {
    const body = (await r.json().catch(() => ({}))) as { code?: string; message?: string };
    io.stderr.write(`borderhealth export: ${body.code ?? r.status} ${body.message ?? ''}\n`);
    return 1;
  }
  let bytes = 0;
  const toStdout = values.out === '-';
  const sink = toStdout
    ? new Writable({
        write(chunk: Buffer, _enc, done) {
          io.stdout.write(chunk, done);
        },
      })
    : createWriteStream(values.out!);
  const source = Readable.fromWeb(r.body as import('node:stream/web').ReadableStream<Uint8Array>);
  source.on('data', (c: Buffer) => (bytes += c.length));
  await pipeline(source, sink);
  if (!toStdout) io.stderr.write(WROTE[lang].replace('{bytes}', String(bytes)).replace('{out}', values.out!) + '\n');
  return 0;
}
