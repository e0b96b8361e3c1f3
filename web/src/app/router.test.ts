import { describe, expect, it } from 'vitest';
import { matchPath } from './router';
import { findRoute } from './routes';

describe('route patterns', () => {
  it('match one segment per parameter and decode it', () => {
    expect(matchPath('/early-warning/signals/:id', '/early-warning/signals/abc-123')).toEqual({ id: 'abc-123' });
    expect(matchPath('/early-warning/signals/:id', '/early-warning/signals/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/early-warning/signals/:id', '/early-warning/signals')).toBeNull();
    expect(matchPath('/early-warning/signals/:id', '/early-warning/signals/a/b')).toBeNull();
    expect(matchPath('/early-warning/signals/:id', '/early-warning/signals/%E0%A4%A')).toBeNull();
    expect(matchPath('/a/b', '/a/b')).toEqual({});
  });

  it('prefer an exact address to a pattern', () => {
    expect(findRoute('/surveillance/cases/new')?.path).toBe('/surveillance/cases/new');
    expect(findRoute('/surveillance/cases/0b5f7a00-0000-4000-8000-000000000000')?.path).toBe('/surveillance/cases/:id');
    expect(findRoute('/early-warning/signals/x')?.parent).toBe('/early-warning');
    expect(findRoute('/early-warning/nowhere/x')).toBeUndefined();
  });
});
