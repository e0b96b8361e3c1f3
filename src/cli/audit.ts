import { createHash } from 'node:crypto';
import { verifyCheckpoint } from '../platform/audit/checkpoint';
import { bytesEqual, fromBase64, leafHashOf, rootFromLeafHashes, toBase64, type Sha256 } from '../platform/audit/verify';
import { parseOptions } from './args';

const sha256: Sha256 = async (b) => new Uint8Array(createHash('sha256').update(b).digest());

interface Fetcher {
  get<T>(path: string): Promise<T>;
}

async function connect(url: string, username?: string, password?: string, token?: string): Promise<Fetcher> {
  let bearer = token;
  if (!bearer && username && password) {
    const r = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = (await r.json()) as { token?: string; message?: string };
    if (!r.ok || !body.token) throw new Error(`login failed: ${body.message ?? r.status}`);
    bearer = body.token;
  }
  return {
    async get<T>(path: string): Promise<T> {
      const r = await fetch(`${url}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
      const body = (await r.json()) as T & { code?: string; message?: string };
      if (!r.ok) throw new Error(`${path}: ${body.code ?? r.status} ${body.message ?? ''}`);
      return body;
    },
  };
}

/**
 * `borderhealth audit verify --url URL --user U --password P`: fetches every entry, re-derives
 * each leaf hash and the root, and checks the tree head's signature against the node's published key.
 */
export async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    user: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
  });
  if (positionals[0] !== 'verify') {
    process.stderr.write('usage: borderhealth audit verify [--url URL] (--user U --password P | --token T)\n');
    return 2;
  }
  const url = values.url!.replace(/\/$/, '');
  const api = await connect(url, values.user, values.password, values.token ?? process.env.BH_TOKEN);
  const node = await api.get<{ party: string; keys: { kid: string; x: string }[] }>('/.well-known/borderhealth/node.json');
  const head = await api.get<{ treeSize: number; rootHash: string; checkpoint: string; keyId: string }>('/api/audit/tree-head');
  const key = node.keys.find((k) => k.kid === head.keyId);
  if (!key) throw new Error(`tree head signed with unknown key ${head.keyId}`);
  // The note's key name is its origin line.
  const origin = head.checkpoint.slice(0, head.checkpoint.indexOf('\n'));
  const signed = verifyCheckpoint(head.checkpoint, new Uint8Array(Buffer.from(key.x, 'base64url')), origin);
  if (signed.size !== head.treeSize || toBase64(signed.rootHash) !== head.rootHash) throw new Error('checkpoint does not match the tree head it came with');

  const leaves: Uint8Array[] = [];
  let bad = 0;
  for (let start = 0; start < head.treeSize; start += 1000) {
    const end = Math.min(head.treeSize, start + 1000);
    const { entries } = await api.get<{ entries: { index: number; bytes: string; leafHash: string }[] }>(`/api/audit/entries?start=${start}&end=${end}`);
    for (const e of entries) {
      const leaf = await leafHashOf(sha256, fromBase64(e.bytes));
      if (!bytesEqual(leaf, fromBase64(e.leafHash))) {
        bad++;
        process.stderr.write(`entry ${e.index}: stored leaf hash does not match its bytes\n`);
      }
      leaves.push(leaf);
    }
  }
  const root = await rootFromLeafHashes(sha256, leaves);
  const ok = bad === 0 && leaves.length === head.treeSize && bytesEqual(root, signed.rootHash);
  process.stdout.write(
    [
      `node        ${node.party} (${url})`,
      `tree size   ${head.treeSize}`,
      `signed root ${head.rootHash}  (key ${head.keyId}, signature valid)`,
      `derived     ${toBase64(root)}  from ${leaves.length} entries`,
      ok ? 'OK: every entry is in the signed tree head' : 'FAILED: the log does not match its signed tree head',
      '',
    ].join('\n'),
  );
  return ok ? 0 : 1;
}
