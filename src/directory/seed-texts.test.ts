import { describe, expect, it } from 'vitest';
import { CONTACT_ROLES, CONTACT_ROLE_LABELS, contactRoleLabel } from './contact-roles';
import { contacts, fileNames, gates, raw } from './seed-testing';
import { plainStrings } from '../platform/i18n-testing';
const LANGS = ['vi', 'zh-CN', 'en'] as const;

/** Fields holding codes, identifiers, dates, numbers, contact details or a person's own name. */
const NOT_FOR_TRANSLATION = new Set(
  [
    ...['code', 'id', 'party', 'parent', 'area', 'level', 'unitType', 'country', 'timezone', 'languages', 'kind'],
    ...['capabilities', 'gate', 'parentOrganization', 'status', 'modes', 'marker', 'partOf', 'statusSince'],
    ...['signedOn', 'effectiveFrom', 'effectiveTo', 'term', 'noticePeriod', 'scopes', 'facilities', 'gates', 'parties'],
    ...['role', 'name', 'organization', 'phone', 'email', 'username', 'displayName', 'facility'],
  ],
);
/** Notes for maintainers: the seed never loads them, so no user sees them (test/api checks the answers). */
const MAINTAINER_NOTES = /^\.notes\[\]$|^\.(parties|areas|facilities)\[\]\.notes$/;

describe('seed data: texts users see', () => {
  it('leaves no free text in one language only', () => {
    const bad = fileNames.flatMap((name) =>
      plainStrings(raw[name])
        .filter(({ path }) => !MAINTAINER_NOTES.test(path) && !NOT_FOR_TRANSLATION.has(path.split('.').pop()!.replace('[]', '')))
        .map(({ path, value }) => `${name}${path}: ${value}`),
    );
    expect(bad).toEqual([]);
  });

  it('gives gate notes in the three languages', () => {
    const noted = gates.filter((g) => g.notes);
    expect(noted.length).toBeGreaterThanOrEqual(10);
    for (const g of noted) for (const l of LANGS) expect(g.notes![l].trim(), `${g.id} ${l}`).not.toBe('');
    expect(gates.find((g) => g.id === 'mong-cai-dongxing')?.notes?.['zh-CN']).toContain('1369生命直通车');
  });

  it('codes contact roles and labels every code in the three languages', () => {
    const used = new Set(contacts.map((c) => c.role));
    expect([...used].filter((r) => !(CONTACT_ROLES as readonly string[]).includes(r))).toEqual([]);
    expect(CONTACT_ROLES.filter((r) => !used.has(r)), 'labels no contact uses').toEqual([]);
    for (const [code, label] of Object.entries(CONTACT_ROLE_LABELS)) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const l of LANGS) expect(label[l].trim(), `${code} ${l}`).not.toBe('');
      expect(label.vi, code).not.toBe(label.en);
    }
    expect(contacts.find((c) => c.id === 'qn-doh-international')?.role).toBe('liaison-international');
    expect(contactRoleLabel('liaison-international').vi).toBe('Cán bộ liên lạc – hợp tác quốc tế');
    expect(contactRoleLabel('unknown-role')).toEqual({ vi: 'unknown-role', 'zh-CN': 'unknown-role', en: 'unknown-role' });
  });
});
