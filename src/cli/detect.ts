// `borderhealth detect --input FILE|-`: judge a fixture-shaped JSON document with the detection
// engine and print {"series":[{id, expected?, upperbound, alarm}]} (see shared/README.md).
import { readFile } from 'node:fs/promises';
import { createDetector, parseDetectionRequest } from '../detection/index';

interface DetectIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const USAGE = 'usage: borderhealth detect --input FILE (or --input - for standard input)';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Run the detect command; resolves to the process exit code (0 ok, 2 bad input or usage). */
export async function detectCommand(args: string[], io: DetectIo): Promise<number> {
  const fail = (message: string): number => {
    // one clear line on stderr, nothing on stdout
    io.stderr.write(`detect: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  };
  let input: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--input') {
      if (i + 1 >= args.length) return fail(`--input needs a value; ${USAGE}`);
      input = args[++i];
    } else if (a.startsWith('--input=')) {
      input = a.slice('--input='.length);
    } else {
      return fail(`unknown argument ${JSON.stringify(a)}; ${USAGE}`);
    }
  }
  if (input === undefined || input === '') return fail(`missing --input; ${USAGE}`);

  let text: string;
  try {
    text = input === '-' ? await readAll(io.stdin) : await readFile(input, 'utf8');
  } catch (err) {
    return fail(`cannot read ${input === '-' ? 'standard input' : input}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return fail(`input is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = parseDetectionRequest(doc);
  if (!parsed.ok) {
    const more = parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : '';
    return fail(`invalid input: ${parsed.errors[0]}${more}`);
  }
  const req = parsed.value;
  const detector = createDetector(req.config, req.frequency);
  const withExpected = req.config.method === 'farrington-flexible';
  const series = req.series.map((s) => {
    const r = detector(
      { counts: s.counts, population: s.population, frequency: req.frequency },
      { start: req.rangeStart, end: req.rangeEnd },
    );
    return withExpected
      ? { id: s.id, expected: r.expected, upperbound: r.upperbound, alarm: r.alarm }
      : { id: s.id, upperbound: r.upperbound, alarm: r.alarm };
  });
  const out = JSON.stringify({ series }) + '\n';
  await new Promise<void>((resolve, reject) => {
    io.stdout.write(out, (err) => (err ? reject(err) : resolve()));
  });
  return 0;
}
