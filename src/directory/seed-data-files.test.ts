/** The seed files as files: each matches its schema, carries notes and no secrets, and names each thing once. */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { seedFileSchemas } from './seed-schema';
import { agreements, areas, contacts, facilities, fileNames, gates, parties, raw, users } from './seed-testing';

function schemaErrors(schema: TSchema, value: unknown): string[] {
  const out: string[] = [];
  for (const e of Value.Errors(schema, value)) {
    out.push(`${e.path || '/'}: ${e.message}`);
    if (out.length >= 20) break;
  }
  return out;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

// ---------------------------------------------------------------- schema

describe('seed data: schema', () => {
  it.each(fileNames)('%s matches its schema', (name) => {
    expect(schemaErrors(seedFileSchemas[name], raw[name])).toEqual([]);
  });

  it('every file carries explanatory notes', () => {
    for (const name of fileNames) {
      expect((raw[name] as { notes: string[] }).notes.length, name).toBeGreaterThan(0);
    }
  });

  it('no file contains passwords or secrets', () => {
    for (const name of fileNames) {
      expect(JSON.stringify(raw[name]), name).not.toMatch(/"(password|passwordHash|secret|token)"/i);
    }
  });
});

// ---------------------------------------------------------------- uniqueness

describe('seed data: identifiers', () => {
  it('codes and ids are unique', () => {
    expect(duplicates(parties.map((p) => p.code))).toEqual([]);
    expect(duplicates(areas.map((a) => a.code))).toEqual([]);
    expect(duplicates(facilities.map((f) => f.id))).toEqual([]);
    expect(duplicates(gates.map((g) => g.id))).toEqual([]);
    expect(duplicates(agreements.map((a) => a.code))).toEqual([]);
    expect(duplicates(contacts.map((c) => c.id))).toEqual([]);
    expect(duplicates(contacts.map((c) => c.email))).toEqual([]);
    expect(duplicates(contacts.map((c) => c.phone))).toEqual([]);
  });

  it('usernames are unique per node', () => {
    expect(duplicates(users.map((u) => `${u.party}/${u.username}`))).toEqual([]);
  });
});
