import { describe, expect, it } from 'vitest';
import { configFromEnv, parseConfig } from './config';
import { BhError } from './errors';
import { negotiateLocale } from './i18n';

describe('config', () => {
  it('fills defaults and derives the public URL', () => {
    const c = parseConfig({ party: 'VN-QN', dataDir: '/tmp/x', port: 9000 });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 9000, publicUrl: 'http://127.0.0.1:9000', peers: [], clockSkewSeconds: 300 });
  });
  it('names every bad field', () => {
    try {
      parseConfig({ party: 'VN-QN', port: 'eighty', nonsense: true });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BhError);
      expect((e as BhError).code).toBe('BH_CONFIG_INVALID');
      expect((e as BhError).message).toMatch(/dataDir|port/);
    }
  });
  it('reads the environment in one place, variables overriding the file', () => {
    const c = configFromEnv({ BH_PARTY: 'CN-GX', BH_DATA_DIR: '/tmp/y', BH_PORT: '8081', BH_PEERS: '[{"party":"VN-QN","baseUrl":"http://127.0.0.1:8080"}]' });
    expect(c.party).toBe('CN-GX');
    expect(c.peers[0]).toEqual({ party: 'VN-QN', baseUrl: 'http://127.0.0.1:8080', keys: [] });
  });
});

describe('locale negotiation', () => {
  it.each([
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0.1, vi;q=0.5', 'vi'],
    [undefined, 'en'],
    ['*', 'en'],
  ])('%s → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
