import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  NEXT,
  RISK_LEVELS,
  SIGNAL_STATUSES,
  addWeeks,
  initialLifecycle,
  isTerminal,
  isoWeekOf,
  lastCompletedWeek,
  lifecycleProblems,
  localDate,
  transition,
  transitionErrorParams,
  weekStart,
  weeksBetween,
  type Lifecycle,
} from '../../src/signals/model';
import { BhError } from '../../src/platform/errors';
import '../../src/signals/errors';

const actor = { id: 'u1', name: 'Đỗ Thị Lan Anh' };

const command = fc.record({
  to: fc.oneof(fc.constantFrom(...SIGNAL_STATUSES), fc.constantFrom('open', '', 'CLOSED')),
  reason: fc.oneof(fc.constant(''), fc.constant('   '), fc.string({ minLength: 1, maxLength: 20 }), fc.constant('cụm ca sốt xuất huyết')),
  risk: fc.option(fc.oneof(fc.constantFrom(...RISK_LEVELS), fc.constant('extreme')), { nil: undefined }),
  response: fc.option(fc.oneof(fc.constant(''), fc.string({ minLength: 1, maxLength: 20 })), { nil: undefined }),
});

describe('signal lifecycle state machine', () => {
  it('walks the whole path with who, when and why', () => {
    let l = initialLifecycle();
    const steps = [
      { to: 'under-verification', reason: 'cluster of 12 cases reported' },
      { to: 'verified', reason: 'confirmed with district CDC' },
      { to: 'risk-assessed', reason: 'border market, dengue season', risk: 'high' },
      { to: 'response', reason: 'vector control campaign', response: 'Phun hóa chất diệt muỗi toàn phường Ka Long' },
      { to: 'closed', reason: 'no new cases for 28 days' },
    ];
    steps.forEach((s, i) => {
      const r = transition(l, s, actor, new Date(Date.UTC(2025, 0, 1 + i)));
      expect(r.ok).toBe(true);
      if (r.ok) l = r.lifecycle;
    });
    expect(l.state).toEqual({ status: 'closed', risk: 'high', response: 'Phun hóa chất diệt muỗi toàn phường Ka Long' });
    expect(l.history.map((h) => [h.seq, h.from, h.to])).toEqual([
      [1, 'new', 'under-verification'],
      [2, 'under-verification', 'verified'],
      [3, 'verified', 'risk-assessed'],
      [4, 'risk-assessed', 'response'],
      [5, 'response', 'closed'],
    ]);
    expect(l.history[2]).toMatchObject({ risk: 'high', actor, at: '2025-01-03T00:00:00.000Z' });
    expect(lifecycleProblems(l)).toEqual([]);
  });

  it('refuses invalid moves, missing reasons, risks and responses with their own codes', () => {
    const l = initialLifecycle();
    expect(transition(l, { to: 'closed', reason: 'x' }, actor, new Date())).toEqual({
      ok: false,
      error: { code: 'BH_SIGNAL_INVALID_TRANSITION', from: 'new', to: 'closed' },
    });
    expect(transition(l, { to: 'under-verification', reason: '  ' }, actor, new Date())).toMatchObject({ error: { code: 'BH_SIGNAL_REASON_REQUIRED' } });
    const verified: Lifecycle = { state: { status: 'verified' }, history: [] };
    expect(transition(verified, { to: 'risk-assessed', reason: 'x' }, actor, new Date())).toMatchObject({ error: { code: 'BH_SIGNAL_RISK_REQUIRED' } });
    expect(transition(verified, { to: 'risk-assessed', reason: 'x', risk: 'extreme' }, actor, new Date())).toMatchObject({ error: { code: 'BH_SIGNAL_RISK_REQUIRED' } });
    const assessed: Lifecycle = { state: { status: 'risk-assessed', risk: 'low' }, history: [] };
    expect(transition(assessed, { to: 'response', reason: 'x' }, actor, new Date())).toMatchObject({ error: { code: 'BH_SIGNAL_RESPONSE_REQUIRED' } });
    expect(transition(assessed, { to: 'closed', reason: 'x', risk: 'high' }, actor, new Date())).toMatchObject({
      error: { code: 'BH_SIGNAL_FIELD_NOT_ALLOWED', field: 'risk' },
    });
    // low risk, no response needed: closed directly, keeping the risk
    expect(transition(assessed, { to: 'closed', reason: 'monitoring only' }, actor, new Date())).toMatchObject({
      ok: true,
      lifecycle: { state: { status: 'closed', risk: 'low', response: null } },
    });
  });

  it('names from and to in the three languages', () => {
    const params = transitionErrorParams({ code: 'BH_SIGNAL_INVALID_TRANSITION', from: 'discarded', to: 'closed' });
    const e = new BhError('BH_SIGNAL_INVALID_TRANSITION', params);
    expect(e.status).toBe(409);
    expect(e.localized('en')).toBe('A signal cannot move from “discarded” to “closed” (discarded → closed).');
    expect(e.localized('vi')).toBe('Không thể chuyển tín hiệu từ trạng thái “đã loại bỏ” sang “đã đóng” (discarded → closed).');
    expect(e.localized('zh-CN')).toBe('信号不能从“已排除”状态转为“已关闭”（discarded → closed）。');
  });

  it('property: any command sequence keeps a valid state, an append-only consistent history, and terminal states final', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let l = initialLifecycle();
        let clock = Date.UTC(2025, 0, 1);
        for (const c of commands) {
          const before = l;
          clock += 3_600_000;
          const r = transition(before, c, actor, new Date(clock));
          const allowed = (NEXT[before.state.status] as readonly string[]).includes(c.to);
          if (isTerminal(before.state.status)) expect(r).toMatchObject({ ok: false, error: { code: 'BH_SIGNAL_INVALID_TRANSITION' } });
          if (!allowed) expect(r.ok).toBe(false);
          if (!r.ok) {
            // a refusal changes nothing
            expect(l).toBe(before);
            continue;
          }
          expect(allowed).toBe(true);
          expect(c.reason.trim()).not.toBe('');
          l = r.lifecycle;
          // append-only: the old history is an untouched prefix, one record added
          expect(l.history.length).toBe(before.history.length + 1);
          l.history.slice(0, -1).forEach((h, i) => expect(h).toBe(before.history[i]));
          expect(r.record).toBe(l.history[l.history.length - 1]);
          expect(r.record).toMatchObject({ from: before.state.status, to: c.to, seq: l.history.length });
          expect(lifecycleProblems(l)).toEqual([]);
        }
        expect(lifecycleProblems(l)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: sequences of valid commands reach every status, and only through NEXT', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 9 }), { maxLength: 8 }), (choices) => {
        let l = initialLifecycle();
        reached.add(l.state.status);
        for (const ch of choices) {
          const next = NEXT[l.state.status];
          if (next.length === 0) break;
          const to = next[ch % next.length];
          const r = transition(l, { to, reason: 'ok', risk: to === 'risk-assessed' ? RISK_LEVELS[ch % 4] : undefined, response: to === 'response' ? 'act' : undefined }, actor, new Date());
          expect(r.ok).toBe(true);
          if (r.ok) l = r.lifecycle;
          reached.add(l.state.status);
        }
        expect(lifecycleProblems(l)).toEqual([]);
      }),
      { numRuns: 500 },
    );
    expect([...reached].sort()).toEqual([...SIGNAL_STATUSES].sort());
  });

  it('lifecycleProblems catches a state that does not follow from its history', () => {
    expect(lifecycleProblems({ state: { status: 'verified' }, history: [] })).toContain('the state does not follow from the history');
    expect(lifecycleProblems({ state: { status: 'risk-assessed' } as never, history: [] })[0]).toMatch(/needs a risk level/);
  });
});

describe('ISO weeks', () => {
  it('converts dates to weeks across year ends', () => {
    expect(isoWeekOf('2021-01-01')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(addWeeks('2020-W52', 1)).toBe('2020-W53');
    expect(addWeeks('2020-W53', 1)).toBe('2021-W01');
    expect(weeksBetween('2019-W01', '2025-W10')).toBe(322);
    expect(() => weekStart('2021-W53')).toThrow(RangeError);
    expect(lastCompletedWeek('2025-03-12')).toBe('2025-W10');
  });

  it('reads the local date in the node’s time zone', () => {
    // 2025-03-09 (Sunday) 20:00 UTC is already Monday 03:00 in Hà Nội
    const now = new Date('2025-03-09T20:00:00Z');
    expect(localDate(now)).toBe('2025-03-09');
    expect(localDate(now, 'Asia/Ho_Chi_Minh')).toBe('2025-03-10');
    expect(lastCompletedWeek(localDate(now, 'Asia/Ho_Chi_Minh'))).toBe('2025-W10');
  });

  it('property: addWeeks and weeksBetween agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 600 }), fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 52 }), (n, y, w) => {
        const a = `${y}-W${String(w).padStart(2, '0')}`;
        expect(weeksBetween(a, addWeeks(a, n))).toBe(n);
      }),
    );
  });
});
