import { describe, expect, it } from 'vitest';
import { BhError } from '../errors';
import { completeAuditEntry, decodeAuditEntry, encodeAuditEntry, type AuditEntry } from './entry';
import { sampleEntry } from './testing';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function expectInvalid(fn: () => unknown): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(BhError);
  expect((err as BhError).code).toBe('BH_AUDIT_ENTRY_INVALID');
}

describe('audit entry', () => {
  const entry = completeAuditEntry(sampleEntry(2));

  it('serialises as RFC 8785 canonical JSON: sorted keys, no whitespace, raw UTF-8', () => {
    const s = text(encodeAuditEntry(entry));
    expect(s.startsWith('{"action":"directory.contact.read","actor":{"id":"u2","kind":"user","party":"VN-QN","username":"user2"}')).toBe(true);
    expect(s).toContain('"detail":{"n":2,"note":"Quảng Ninh — 广西"}');
    expect(s).not.toMatch(/\s{2}|\\u/);
    // Key order of the input does not matter.
    const shuffled = Object.fromEntries(Object.entries(entry).reverse()) as AuditEntry;
    expect(text(encodeAuditEntry(shuffled))).toBe(s);
  });

  it('fills defaults and drops undefined members', () => {
    const e = completeAuditEntry({ actor: { kind: 'anonymous' }, action: 'auth.login.failed', detail: undefined, resource: undefined });
    expect(e).toMatchObject({ resource: null, purpose: null, legalBasis: null, peer: null, outcome: 'success' });
    expect('detail' in e).toBe(false);
    expect(e.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('round-trips through decode and rejects non-canonical or invalid bytes', () => {
    const bytes = encodeAuditEntry(entry);
    expect(decodeAuditEntry(bytes)).toEqual(entry);
    expectInvalid(() => decodeAuditEntry(new TextEncoder().encode(JSON.stringify(entry, null, 1))));
    expectInvalid(() => decodeAuditEntry(Uint8Array.of(0xff, 0xfe)));
  });

  it('rejects entries that break the schema or JSON', () => {
    const bad: unknown[] = [
      { ...entry, action: 'Login' },
      { ...entry, time: '2025-01-01 10:00:00' },
      { ...entry, time: '2025-01-01T10:00:00+07:00' },
      { ...entry, time: '2025-13-45T10:00:00Z' },
      { ...entry, outcome: 'ok' },
      { ...entry, extra: 1 },
      { ...entry, actor: { kind: 'user', id: 'u' } },
      { ...entry, actor: { kind: 'anonymous', party: 'VN-QN' } },
      { ...entry, detail: { x: undefined } },
      { ...entry, detail: { x: Number.NaN } },
      { ...entry, detail: { x: new Date() } },
      { ...entry, detail: { big: 'x'.repeat(9000) } },
    ];
    for (const b of bad) expectInvalid(() => encodeAuditEntry(b as AuditEntry));
  });
});
