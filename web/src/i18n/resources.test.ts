import { describe, expect, it } from 'vitest';
import vi from './locales/vi.json';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';

type Tree = { [k: string]: string | Tree };

/** Every leaf of a resource file as `a.b.c` → value. */
function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flatten(v as Tree, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const files = { vi: flatten(vi as Tree), 'zh-CN': flatten(zhCN as Tree), en: flatten(en as Tree) };
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('UI resource files', () => {
  it('have exactly the same keys in vi, zh-CN and en', () => {
    const reference = [...files.en.keys()].sort();
    expect(reference.length).toBeGreaterThan(100);
    expect([...files.vi.keys()].sort()).toEqual(reference);
    expect([...files['zh-CN'].keys()].sort()).toEqual(reference);
  });

  it('have no empty or non-string values', () => {
    for (const [lang, map] of Object.entries(files)) {
      for (const [key, value] of map) {
        expect(typeof value, `${lang}: ${key}`).toBe('string');
        expect((value as string).trim(), `${lang}: ${key}`).not.toBe('');
      }
    }
  });

  it('use the same interpolation placeholders in every language', () => {
    for (const [key, value] of files.en) {
      const want = placeholders(value as string);
      expect(placeholders(files.vi.get(key) as string), `vi: ${key}`).toEqual(want);
      expect(placeholders(files['zh-CN'].get(key) as string), `zh-CN: ${key}`).toEqual(want);
    }
  });

  it('name every language in its own script', () => {
    for (const map of Object.values(files)) {
      expect(map.get('language.vi')).toBe('Tiếng Việt');
      expect(map.get('language.zh-CN')).toBe('中文');
      expect(map.get('language.en')).toBe('English');
    }
  });

  it('translate the Vietnamese and Chinese files rather than copy English', () => {
    // Brand names, codes and units may coincide; whole sentences must not.
    for (const [key, value] of files.en) {
      const s = value as string;
      if (s.length < 25) continue;
      expect(files.vi.get(key), `vi: ${key}`).not.toBe(s);
      expect(files['zh-CN'].get(key), `zh-CN: ${key}`).not.toBe(s);
    }
  });
});
