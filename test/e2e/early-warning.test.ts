/**
 * The early-warning part of the web app in a real browser, on both demo nodes and in each UI
 * language: surveillance files with planted outbreaks are imported through the API and detection
 * runs; then an epidemiologist opens the board, sees the signals the engine computed, opens one,
 * sees its epidemic curve drawn, and triages it through to closed, checking the status badge at
 * each step. The situation overview, the import page (a file with bad lines) and a new case report
 * with its audited identity are exercised too; a viewer sees signals read-only.
 *
 * `BH_E2E_NODES='{"vn":"http://…","cn":"http://…"}'` runs against nodes that are already running
 * instead of starting two.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, startTestNodes } from '../support/nodes';
import { CHROMIUM, goTo, hasChromium, heading, keysOf, LANGS, launchBrowser, openPage, painted, rawKeyCheck, RESOURCES, SHOTS, signIn, type Lang, type Tree } from './browser';
import { addDays, aggregatesCsv, PLANTED, screeningCsv, todayIn, vectorsCsv } from './outbreak';

type Side = 'vn' | 'cn';

// Keys that are also ordinary words of a page (`sex.male` is not, but a bare `common.no` could be a substring of text).
const expectNoRawKeys = rawKeyCheck(keysOf(RESOURCES.en as Tree).filter((k) => k.includes('.')), { errorCodes: true });

if (!hasChromium) console.warn(`[early-warning e2e] ${CHROMIUM} is not installed: skipping the browser tests.`);

/**
 * The whole page: the viewport grows to the page's height for the shot (a full-page screenshot
 * would paint the sticky sidebar and header in the middle of a long page), then shrinks back.
 */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const viewport = page.viewportSize()!;
  const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
  if (height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.waitForTimeout(300); // the charts follow the resize
  }
  await page.screenshot({ path: `${SHOTS}${name}.png` });
  if (height > viewport.height) await page.setViewportSize(viewport);
}

interface Api {
  url: string;
  token: string;
}

async function call<T>(a: Api, method: string, path: string, body?: string, contentType = 'text/csv'): Promise<{ status: number; json: T }> {
  const r = await fetch(`${a.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${a.token}`, 'accept-language': 'en', ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body,
  });
  const text = await r.text();
  return { status: r.status, json: (text ? JSON.parse(text) : undefined) as T };
}

/** Imports the planted outbreaks, runs detection and checks the engine found enough new signals. */
async function seed(url: string, side: Side): Promise<void> {
  const a: Api = { url, token: await login(url, 'admin') };
  const p = PLANTED[side];
  const today = todayIn(p.timeZone);
  const files: [string, string][] = [
    ['aggregates', aggregatesCsv(p.series, today)],
    ['screening', screeningCsv(p.gates, addDays(today, -1))],
    ['vectors', vectorsCsv(p.vectorArea, addDays(today, -2))],
  ];
  for (const [kind, csv] of files) {
    const r = await call<{ state?: string; errors?: unknown[]; code?: string; message?: string }>(a, 'POST', `/api/surveillance/imports?kind=${kind}&format=csv`, csv);
    if (r.status === 404) throw new Error(`${side} node does not serve POST /api/surveillance/imports (${r.json?.message}): the surveillance module is not wired into the node`);
    expect(r.json.state, `${side} ${kind} import: ${JSON.stringify(r.json.errors ?? r.json).slice(0, 500)}`).toBe('succeeded');
  }
  const run = await call<{ status?: string; message?: string }>(a, 'POST', '/api/signals/runs?wait=true');
  if (run.status === 404) throw new Error(`${side} node does not serve POST /api/signals/runs (${run.json?.message}): the signals module is not wired into the node`);
  expect(run.status).toBe(200);
  const fresh = await call<{ total: number }>(a, 'GET', '/api/signals?kind=aggregate-detection&status=new&limit=1');
  expect(fresh.json.total, `${side}: new aggregate-detection signals after detection`).toBeGreaterThanOrEqual(LANGS.length);
}

function badCsv(side: Side): string {
  const area = PLANTED[side].series[0].area;
  const disease = PLANTED[side].series[0].disease;
  return ['period,area,disease,age_group,sex,count', `2024-W10,${area},${disease},unknown,unknown,3`, `2024-W99,${area},${disease},unknown,unknown,4`, `2024-W11,NOWHERE,${disease},unknown,unknown,-1`, ''].join('\n');
}

describe.skipIf(!hasChromium)('early warning in Chromium', () => {
  let nodes: Awaited<ReturnType<typeof startTestNodes>> | undefined;
  let urls: Record<Side, string>;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const given = process.env.BH_E2E_NODES ? (JSON.parse(process.env.BH_E2E_NODES) as Record<Side, string>) : null;
    const [started, b] = await Promise.all([given ? Promise.resolve(undefined) : startTestNodes(), launchBrowser()]);
    nodes = started;
    browser = b;
    urls = given ?? { vn: nodes!.vn.url, cn: nodes!.cn.url };
    await Promise.all((['vn', 'cn'] as const).map((side) => seed(urls[side], side)));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await nodes?.stop();
  }, 60_000);

  const open = (lang: Lang) => openPage(browser!, { locale: lang === 'en' ? 'en-US' : lang === 'vi' ? 'vi-VN' : 'zh-CN' });

  for (const side of ['vn', 'cn'] as const) {
    for (const lang of LANGS) {
      it(`${side} node in ${lang}: board, signal curve, triage to closed, situation, import, case report`, async () => {
        const t = RESOURCES[lang];
        const url = urls[side];
        const { context, page, errors } = await open(lang);
        const shot = (name: string) => screenshot(page, `${side}-${lang}-${name}`);
        try {
          await signIn(page, url, lang, 'epi');

          // The board: signals the engine computed, the last detection run, counts by status.
          await goTo(page, '/early-warning');
          expect(await heading(page)).toBe(t.board.title);
          await page.locator('[data-testid=signal-table] tr[data-signal]').first().waitFor();
          expect(await page.locator('tr[data-kind="aggregate-detection"]').count()).toBeGreaterThan(0);
          await page.locator('[data-testid=last-run]').waitFor();
          await expect.poll(() => page.locator('[data-status-count="new"] .status-tile-value').innerText()).toMatch(/\d/);
          await page.locator('[data-testid=run-detection]').waitFor();
          await expectNoRawKeys(page, 'board');
          await shot('board');

          // A new aggregate-detection signal: its epidemic curve is drawn.
          const row = page.locator('tr[data-kind="aggregate-detection"]').filter({ has: page.locator('[data-status="new"]') }).first();
          await row.locator('a.signal-link').click();
          await page.waitForURL((u) => u.pathname.startsWith('/early-warning/signals/'));
          const status = page.locator('[data-testid=signal-status]');
          await expect.poll(() => status.getAttribute('data-status')).toBe('new');
          expect((await status.innerText()).trim()).toBe(t.signalStatus.new);
          await page.locator('[data-testid=epi-curve] canvas').first().waitFor();
          await expect.poll(() => page.evaluate(painted('epi-curve')), { timeout: 15_000 }).toBeGreaterThan(2_000);
          expect(await page.locator('[data-testid=judged-weeks] tbody tr').count()).toBeGreaterThan(0);
          await expectNoRawKeys(page, 'signal');
          await shot('signal');

          // A reason is required: the form says so before anything is sent.
          await page.click('[data-testid=triage-under-verification]');
          await page.click('[data-testid=triage-submit]');
          await expect(page.locator('.field-error').first().innerText()).resolves.toBe(t.triage.reasonRequired);

          const steps: { to: keyof typeof t.signalStatus; fill?: (p: Page) => Promise<void> }[] = [
            { to: 'under-verification' },
            { to: 'verified' },
            { to: 'risk-assessed', fill: (p) => p.selectOption('#triage-risk', 'high').then(() => undefined) },
            { to: 'response', fill: (p) => p.fill('#triage-response', 'Rapid response team sent; vector control around the cluster; the other side notified.') },
            { to: 'closed' },
          ];
          for (const [i, step] of steps.entries()) {
            if (step.to !== 'under-verification') await page.click(`[data-testid=triage-${step.to}]`);
            await page.locator(`[data-testid=triage-form][data-to="${step.to}"]`).waitFor();
            await step.fill?.(page);
            await page.fill('#triage-reason', `Step ${i + 1}: checked with the district health centre.`);
            await page.click('[data-testid=triage-submit]');
            await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe(step.to);
            expect((await status.innerText()).trim()).toBe(t.signalStatus[step.to]);
            if (step.to === 'risk-assessed') {
              expect((await page.locator('[data-testid=signal-risk]').innerText()).trim()).toBe(t.riskLevel.high);
              await shot('triage');
            }
          }
          expect(await page.locator('[data-testid=signal-history] li[data-seq]').count()).toBe(5);
          expect(await page.locator('[data-testid^="triage-"]').count()).toBe(0);

          // A comment, listed at once.
          const comment = `Laboratory confirmation received (${lang}).`;
          await page.fill('#comment-text', comment);
          await page.click('[data-testid=comment-submit]');
          await page.locator('[data-testid=signal-comments] li', { hasText: comment }).waitFor();
          await expectNoRawKeys(page, 'closed signal');
          await shot('closed');

          // The situation of the jurisdiction: curves per disease, bubble map, gate screening.
          await goTo(page, '/early-warning/overview');
          expect(await heading(page)).toBe(t.overview.title);
          await page.locator('[data-testid=bubble-map] canvas').first().waitFor();
          await expect.poll(() => page.evaluate(painted('bubble-map')), { timeout: 15_000 }).toBeGreaterThan(2_000);
          await expect.poll(() => page.locator('[data-testid=weekly-curve] canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(PLANTED[side].series.length);
          await page.locator('[data-testid=screening-panels] [data-testid=screening-chart] canvas').first().waitFor();
          await expectNoRawKeys(page, 'overview');
          await shot('overview');

          // Import: a file with bad lines is refused with every problem listed, in the UI language.
          await goTo(page, '/surveillance/import');
          expect(await heading(page)).toBe(t.import.title);
          await page.setInputFiles('#import-file', { name: 'weekly.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv(side)) });
          await page.click('[data-testid=import-submit]');
          await page.locator('[data-testid=import-rejected]').waitFor({ timeout: 30_000 });
          const rows = page.locator('[data-testid=import-errors] tbody tr');
          expect(await rows.count()).toBeGreaterThanOrEqual(2);
          expect(await rows.first().locator('td').first().innerText()).toBe('3');
          await expectNoRawKeys(page, 'import');
          await shot('import');

          // A new case report with identifiers, then the identity through its audited endpoint.
          await goTo(page, '/surveillance/cases');
          expect(await heading(page)).toBe(t.cases.title);
          await page.click('[data-testid=new-case]');
          await page.waitForURL((u) => u.pathname === '/surveillance/cases/new');
          await page.locator('#nc-disease option[value]:not([value=""])').first().waitFor({ state: 'attached' });
          await page.selectOption('#nc-disease', PLANTED[side].series[0].disease);
          await page.selectOption('#nc-residence', PLANTED[side].series[0].area);
          const facility = await page.locator('#nc-facility option:not([value=""])').first().getAttribute('value');
          await page.selectOption('#nc-facility', facility!);
          await page.fill('#nc-age', '34');
          await page.selectOption('#nc-sex', 'female');
          await page.check('[data-testid=nc-with-identity]');
          const name = side === 'vn' ? 'Nguyễn Thị Hoa' : '李华';
          await page.fill('#nc-name', name);
          await shot('new-case');
          await page.click('[data-testid=new-case-submit]');
          await page.waitForURL((u) => /^\/surveillance\/cases\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 15_000 });
          await page.click('[data-testid=show-identity]');
          await page.locator('[data-testid=case-identity]', { hasText: name }).waitFor();
          await expectNoRawKeys(page, 'case');
          await shot('case');

          expect(errors, 'uncaught errors in the page').toEqual([]);
        } finally {
          await context.close();
        }
      }, 240_000);
    }

    it(`${side} node: a viewer follows signals read-only`, async () => {
      const t = RESOURCES.en;
      const { context, page, errors } = await open('en');
      try {
        await signIn(page, urls[side], 'en', 'viewer');
        expect(await page.locator('nav a[href="/surveillance/cases"]').count()).toBe(0);
        expect(await page.locator('nav a[href="/surveillance/import"]').count()).toBe(0);
        await goTo(page, '/early-warning');
        await page.locator('[data-testid=signal-table] tr[data-signal]').first().waitFor();
        expect(await page.locator('[data-testid=run-detection]').count()).toBe(0);
        await page.locator('tr[data-signal]').filter({ has: page.locator('[data-status="new"]') }).locator('a.signal-link').first().click();
        await page.locator('[data-testid=signal-status]').waitFor();
        await page.locator('.triage-card', { hasText: t.triage.readOnly }).waitFor();
        expect(await page.locator('[data-testid^="triage-"]').count()).toBe(0);
        expect(await page.locator('#comment-text').count()).toBe(0);
        await screenshot(page, `${side}-en-viewer-signal`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
