import { rotateKey } from '../platform/identity';
import { parseOptions } from './args';

/** `borderhealth keys rotate --data DIR`. */
export async function keysCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { data: { type: 'string' } });
  if (positionals[0] !== 'rotate' || !values.data) {
    process.stderr.write('usage: borderhealth keys rotate --data DIR\n');
    return 2;
  }
  const id = await rotateKey(values.data);
  process.stdout.write(`new key ${id.current.kid}; still published: ${id.all.map((k) => k.kid).join(', ')}\nRestart the node to sign with the new key.\n`);
  return 0;
}
