import { describe, expect, it } from 'vitest';
import { withQuery } from './client';

describe('query strings', () => {
  it('repeat the key of a list and leave out empty values', () => {
    expect(withQuery('/api/surveillance/totals', { periodKind: 'week', disease: ['VN-B-12', 'VN-B-15'], area: [], from: '', to: null })).toBe(
      '/api/surveillance/totals?periodKind=week&disease=VN-B-12&disease=VN-B-15',
    );
    expect(withQuery('/api/x?a=1', { b: 2, c: true })).toBe('/api/x?a=1&b=2&c=true');
    expect(withQuery('/api/x', {})).toBe('/api/x');
  });
});
