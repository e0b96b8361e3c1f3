import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { BhError } from './errors';

const PeerConfig = Type.Object(
  {
    party: Type.String({ minLength: 2 }),
    baseUrl: Type.String({ pattern: '^https?://' }),
    /** Every key of the peer still trusted: the current one and those rotated out. */
    keys: Type.Array(Type.Record(Type.String(), Type.Unknown()), { default: [] }),
  },
  { additionalProperties: false },
);
export type PeerConfig = Static<typeof PeerConfig>;

export const NodeConfigSchema = Type.Object(
  {
    party: Type.String({ minLength: 2 }),
    dataDir: Type.String({ minLength: 1 }),
    databaseUrl: Type.Optional(Type.String()),
    /** A PostgreSQL schema to use inside `databaseUrl` (tests give each run its own). */
    databaseSchema: Type.Optional(Type.String()),
    host: Type.String({ default: '127.0.0.1' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    publicUrl: Type.Optional(Type.String()),
    peers: Type.Array(PeerConfig, { default: [] }),
    sessionTtlSeconds: Type.Integer({ minimum: 60, default: 8 * 3600 }),
    loginRateLimit: Type.Integer({ minimum: 1, default: 10 }),
    clockSkewSeconds: Type.Integer({ minimum: 0, default: 300 }),
    seed: Type.Boolean({ default: false }),
    webDir: Type.Optional(Type.String()),
    logLevel: Type.String({ default: 'info' }),
  },
  { additionalProperties: false },
);
export type NodeConfig = Static<typeof NodeConfigSchema> & { publicUrl: string };

/** Validates a configuration object, filling defaults; errors list every bad field. */
export function parseConfig(input: unknown): NodeConfig {
  const withDefaults = Value.Default(NodeConfigSchema, Value.Clone(input ?? {}));
  if (!Value.Check(NodeConfigSchema, withDefaults)) {
    const detail = [...Value.Errors(NodeConfigSchema, withDefaults)]
      .map((e) => `${e.path || '/'} ${e.message}`)
      .join('; ');
    throw new BhError('BH_CONFIG_INVALID', { detail });
  }
  const config = withDefaults as Static<typeof NodeConfigSchema>;
  return {
    ...config,
    dataDir: resolve(config.dataDir),
    publicUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
  };
}

/**
 * Reads configuration from the environment: BH_CONFIG names a JSON file whose fields
 * the individual variables override (BH_PARTY, BH_DATA_DIR, DATABASE_URL, BH_HOST, BH_PORT,
 * BH_PUBLIC_URL, BH_PEERS as JSON, BH_SEED=1, BH_LOG_LEVEL). The only place env is read.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<NodeConfig> = {}): NodeConfig {
  const file = env.BH_CONFIG ? JSON.parse(readFileSync(env.BH_CONFIG, 'utf8')) : {};
  const fromEnv: Record<string, unknown> = {};
  if (env.BH_PARTY) fromEnv.party = env.BH_PARTY;
  if (env.BH_DATA_DIR) fromEnv.dataDir = env.BH_DATA_DIR;
  if (env.DATABASE_URL) fromEnv.databaseUrl = env.DATABASE_URL;
  if (env.BH_DATABASE_SCHEMA) fromEnv.databaseSchema = env.BH_DATABASE_SCHEMA;
  if (env.BH_HOST) fromEnv.host = env.BH_HOST;
  if (env.BH_PORT) fromEnv.port = Number(env.BH_PORT);
  if (env.BH_PUBLIC_URL) fromEnv.publicUrl = env.BH_PUBLIC_URL;
  if (env.BH_PEERS) fromEnv.peers = JSON.parse(env.BH_PEERS);
  if (env.BH_SEED) fromEnv.seed = env.BH_SEED === '1' || env.BH_SEED === 'true';
  if (env.BH_LOG_LEVEL) fromEnv.logLevel = env.BH_LOG_LEVEL;
  return parseConfig({ ...file, ...fromEnv, ...overrides });
}
