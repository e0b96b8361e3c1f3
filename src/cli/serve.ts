import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv } from '../platform/config';
import { createNode } from '../node/create-node';
import { parseOptions } from './args';

/** The folder the built web app is served from. */
export const WEB_DIST = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

/** `borderhealth serve`: runs one node until SIGINT/SIGTERM. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    party: { type: 'string' },
    data: { type: 'string' },
    port: { type: 'string' },
    seed: { type: 'boolean' },
  });
  const overrides: Record<string, unknown> = {};
  if (values.party) overrides.party = values.party;
  if (values.data) overrides.dataDir = values.data;
  if (values.port) overrides.port = Number(values.port);
  if (values.seed) overrides.seed = true;
  const config = configFromEnv(process.env, overrides);
  const node = await createNode(config, { webDir: config.webDir ?? WEB_DIST });
  const address = await node.listen();
  node.app.log.info({ party: config.party, address, database: node.store.kind, kid: node.identity.current.kid }, 'node listening');
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await node.close();
  return 0;
}
