import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '../../src/platform/store/testing';
import { registeredErrorCodes, errorDefinition } from '../../src/platform/errors';
import { openTestNode, injectLogin } from '../support/app';

describe.each(TEST_BACKENDS)('node API on %s', (backend) => {
  let node: Awaited<ReturnType<typeof openTestNode>>;
  beforeAll(async () => {
    node = await openTestNode(backend);
  });
  afterAll(async () => node?.dispose());

  it('answers health with the database kind', async () => {
    const r = await node.app.inject('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', party: 'VN-QN', database: backend });
  });

  it('publishes its identity with a JWK and kid', async () => {
    const r = await node.app.inject('/.well-known/borderhealth/node.json');
    const body = r.json();
    expect(body.party).toBe('VN-QN');
    expect(body.names.vi).toContain('Quảng Ninh');
    expect(body.publicKey).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: node.identity.current.kid, alg: 'EdDSA' });
    expect(JSON.stringify(body)).not.toMatch(/"d"\s*:/); // never the private part
  });

  it('refuses unauthenticated requests with 401 and a localised message', async () => {
    for (const [lang, text] of [
      ['vi', 'đăng nhập'],
      ['zh-CN', '登录'],
      ['en', 'sign in'],
    ] as const) {
      const r = await node.app.inject({ url: '/api/directory/parties', headers: { 'accept-language': lang } });
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe('BH_AUTH_REQUIRED');
      expect(r.json().message.toLowerCase()).toContain(text);
    }
  });

  it('refuses a wrong password and records the attempt in the audit log', async () => {
    const before = (await node.audit.treeHead()).treeSize;
    const r = await node.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'zh-CN' },
      payload: { username: 'admin', password: 'wrong-password' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json()).toEqual({ code: 'BH_AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误。' });
    const after = await node.audit.treeHead();
    expect(after.treeSize).toBe(before + 1);
    const [e] = await node.audit.entries(before, before + 1);
    expect(e.entry).toMatchObject({ action: 'auth.login', outcome: 'denied' });
  });

  it('logs in with a token that works as bearer and as cookie, and logout revokes it', async () => {
    const r = await node.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-demo-2026' } });
    expect(r.statusCode).toBe(200);
    const { token, expiresAt } = r.json();
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
    const cookie = r.cookies.find((c) => c.name === 'bh_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const me = await node.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({ username: 'admin', role: 'administrator', party: 'VN-QN' });
    const viaCookie = await node.app.inject({ url: '/api/auth/me', cookies: { bh_session: cookie!.value } });
    expect(viaCookie.statusCode).toBe(200);
    const out = await node.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(out.statusCode).toBe(204);
    const after = await node.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('a district user cannot read another district’s record: 404 exactly as a missing one', async () => {
    const admin = await injectLogin(node, 'admin');
    const contacts = (await node.app.inject({ url: '/api/directory/contacts', headers: admin })).json() as { id: string; area: string }[];
    const mine = contacts.find((c) => c.area.startsWith('VN-QN-MC'));
    const other = contacts.find((c) => !c.area.startsWith('VN-QN-MC'));
    expect(mine && other).toBeTruthy();
    const epi = await injectLogin(node, 'epi.mongcai');
    expect((await node.app.inject({ url: `/api/directory/contacts/${mine!.id}`, headers: epi })).statusCode).toBe(200);
    const outside = await node.app.inject({ url: `/api/directory/contacts/${other!.id}`, headers: epi });
    const missing = await node.app.inject({ url: '/api/directory/contacts/no-such-contact', headers: epi });
    expect(outside.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    const listed = (await node.app.inject({ url: '/api/directory/contacts', headers: epi })).json() as { id: string }[];
    expect(listed.map((c) => c.id)).toContain(mine!.id);
    expect(listed.map((c) => c.id)).not.toContain(other!.id);
  });

  it('a role without the permission gets 403', async () => {
    const viewer = await injectLogin(node, 'viewer');
    const r = await node.app.inject({ url: '/api/users', headers: viewer });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('BH_FORBIDDEN');
  });

  it('malformed bodies get 400 with a code and change nothing', async () => {
    const admin = await injectLogin(node, 'admin');
    const users = async () => ((await node.app.inject({ url: '/api/users', headers: admin })).json() as unknown[]).length;
    const size = async () => (await node.audit.treeHead()).treeSize;
    const [u0, a0] = [await users(), await size()];
    const bad = [
      { username: 'x y', displayName: 'X', role: 'viewer', jurisdiction: { kind: 'party', party: 'VN-QN' }, password: 'long-enough-pw' },
      { username: 'newuser', displayName: 'X', role: 'emperor', jurisdiction: { kind: 'party', party: 'VN-QN' }, password: 'long-enough-pw' },
      { username: 'newuser', displayName: 'X', role: 'viewer', jurisdiction: { kind: 'area', area: 'NOWHERE' }, password: 'long-enough-pw' },
      { username: 'newuser', displayName: 'X', role: 'viewer', jurisdiction: { kind: 'party', party: 'VN-QN' }, password: 'short' },
      { username: 'newuser', displayName: 'X', role: 'viewer', jurisdiction: { kind: 'party', party: 'VN-QN' }, password: 'long-enough-pw', extra: 1 },
    ];
    for (const payload of bad) {
      const r = await node.app.inject({ method: 'POST', url: '/api/users', headers: { ...admin, 'accept-language': 'vi' }, payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
      expect(r.json().code).toMatch(/^BH_/);
      expect(r.json().message).not.toMatch(/at .*\.ts|stack|node_modules/);
    }
    const notJson = await node.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBe('BH_VALIDATION');
    // Refused writes leave no trace: no user, and no audit entry claiming a change.
    expect(await size()).toBe(a0);
    expect(await users()).toBe(u0);
  });

  it('creating a user and changing its access is audited; a taken username is 409', async () => {
    const admin = await injectLogin(node, 'admin');
    const payload = { username: 'new.epi', displayName: 'Nguyễn Văn Mới', role: 'epidemiologist', jurisdiction: { kind: 'area', area: 'VN-QN-MC' }, password: 'a-long-password' };
    const r = await node.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload });
    expect(r.statusCode).toBe(201);
    const again = await node.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload });
    expect(again.statusCode).toBe(409);
    const token = await injectLogin(node, 'new.epi', 'a-long-password');
    const p = await node.app.inject({ method: 'PATCH', url: `/api/users/${r.json().id}`, headers: admin, payload: { role: 'viewer' } });
    expect(p.json().role).toBe('viewer');
    // The change of access ended the user's session at once.
    expect((await node.app.inject({ url: '/api/auth/me', headers: token })).statusCode).toBe(401);
    const head = await node.audit.treeHead();
    const recent = await node.audit.entries(Math.max(0, head.treeSize - 10), head.treeSize);
    expect(recent.map((e) => e.entry?.action)).toEqual(expect.arrayContaining(['access.user.created', 'access.user.changed']));
  });

  it('rate-limits logins', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 15; i++) {
      const r = await node.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { username: 'nobody', password: 'x' } });
      codes.push(r.statusCode);
    }
    expect(codes).toContain(429);
  });

  it('serves OpenAPI 3.1 describing the routes, and unknown routes answer a coded 404', async () => {
    const spec = (await node.app.inject('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/audit/tree-head', '/api/directory/gates']));
    const r = await node.app.inject('/api/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('BH_ROUTE_NOT_FOUND');
  });
});

describe('error registry', () => {
  it('every registered error has a message in each language', () => {
    for (const code of registeredErrorCodes()) {
      const d = errorDefinition(code)!;
      for (const l of ['vi', 'zh-CN', 'en'] as const) expect(d.message[l], `${code} ${l}`).toBeTruthy();
    }
  });
});
