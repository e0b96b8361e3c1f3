/**
 * Cross-border notification in a real browser, in each UI language: a case imported through
 * Móng Cái – Dongxing is confirmed on VN-QN; CN-GX's liaison officer sees the incoming
 * notification, opens it and acknowledges it; VN-QN's liaison officer sees the acknowledgement on
 * the outgoing notification. Screenshots go to test/e2e/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { login, startTestNodes } from '../support/nodes';
import { importedCase } from '../notifications/support';
import vi from '../../web/src/i18n/locales/vi.json';
import zhCN from '../../web/src/i18n/locales/zh-CN.json';
import en from '../../web/src/i18n/locales/en.json';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'];
const WEB_DIST_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const RESOURCES = { vi, 'zh-CN': zhCN, en } as const;
type Lang = keyof typeof RESOURCES;
const LANGS: Lang[] = ['vi', 'zh-CN', 'en'];

type Tree = { [k: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] => Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
const NOTIFICATION_KEYS = keysOf((en as unknown as Tree).notifications as Tree, 'notifications.');

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[notifications e2e] ${CHROMIUM} is not installed: skipping the browser test.`);

async function expectNoRawKeys(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(NOTIFICATION_KEYS.filter((k) => text.includes(k)), `raw i18n keys on ${where}`).toEqual([]);
}

describe.skipIf(!hasChromium)('cross-border notification in Chromium', () => {
  let nodes: Awaited<ReturnType<typeof startTestNodes>> | undefined;
  let browser: Browser | undefined;
  let epiToken = '';

  beforeAll(async () => {
    if (!existsSync(WEB_DIST_INDEX)) {
      const { build } = await import('vite');
      await build({ configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
    }
    mkdirSync(SHOTS, { recursive: true });
    [nodes, browser] = await Promise.all([startTestNodes(), chromium.launch({ executablePath: CHROMIUM, args: ARGS })]);
    epiToken = await login(nodes.vn.url, 'epi');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await nodes?.stop();
  }, 60_000);

  /** A signed-in page on a node, in a language. */
  async function signIn(url: string, username: string, lang: Lang): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page.locator('#login-username').waitFor();
    await page.locator(`[data-lang="${lang}"]`).click();
    await page.fill('#login-username', username);
    await page.fill('#login-password', `${username}-demo-2026`);
    await page.click('button[type=submit]');
    await page.locator('.topbar').waitFor();
    return { context, page, errors };
  }

  for (const lang of LANGS) {
    it(`in ${lang}: confirmed on VN-QN, acknowledged on CN-GX, acknowledgement seen on VN-QN`, async () => {
      const t = RESOURCES[lang];
      const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}notifications-${lang}-${name}.png`, fullPage: true });
      // Confirm an imported case on VN-QN.
      const r = await fetch(`${nodes!.vn.url}/api/cases`, { method: 'POST', headers: { authorization: `Bearer ${epiToken}`, 'content-type': 'application/json' }, body: JSON.stringify(importedCase()) });
      expect(r.status).toBe(201);
      const caseId = ((await r.json()) as { id: string }).id;

      // CN-GX: the incoming notification appears, is opened and acknowledged.
      const cn = await signIn(nodes!.cn.url, 'liaison', lang);
      try {
        await cn.page.locator(`nav a[href="/notifications"]`).click();
        await cn.page.locator(`[data-direction="incoming"]`).click();
        const row = cn.page.locator(`tr[data-subject="${caseId}"]`);
        await row.waitFor({ timeout: 20_000 });
        expect(await row.getAttribute('data-status')).toBe('received');
        expect(await cn.page.locator('h1').innerText()).toBe(t.notifications.title);
        await expectNoRawKeys(cn.page, 'CN-GX list');
        await shot(cn.page, 'cn-incoming');
        await row.locator('a').first().click();
        await cn.page.locator('[data-testid=notification-summary][data-status=received]').waitFor();
        expect(await cn.page.locator('.notification-data').innerText()).toContain(t.notifications.case.title);
        await cn.page.locator('#ack-note').fill('OK — Dongxing CDC');
        await cn.page.locator('[data-testid=acknowledge]').click();
        await cn.page.locator('[data-testid=notification-summary][data-status=acknowledged]').waitFor();
        await cn.page.locator('[data-testid=acknowledged]').waitFor();
        await expectNoRawKeys(cn.page, 'CN-GX notification');
        await shot(cn.page, 'cn-acknowledged');
        expect(cn.errors).toEqual([]);
      } finally {
        await cn.context.close();
      }

      // VN-QN: the outgoing notification shows the acknowledgement.
      const vn = await signIn(nodes!.vn.url, 'liaison', lang);
      try {
        await vn.page.locator(`nav a[href="/notifications"]`).click();
        const row = vn.page.locator(`tr[data-subject="${caseId}"]`);
        await row.waitFor({ timeout: 20_000 });
        await vn.page.locator(`tr[data-subject="${caseId}"][data-status="acknowledged"]`).waitFor({ timeout: 20_000 });
        await row.locator('a').first().click();
        await vn.page.locator('[data-testid=notification-summary][data-status=acknowledged]').waitFor();
        const ack = await vn.page.locator('[data-testid=acknowledged]').innerText();
        expect(ack).toContain(t.notificationStatus.acknowledged);
        expect(await vn.page.locator('[data-testid=status-timeline] [data-step=acknowledged]').getAttribute('data-reached')).toBe('yes');
        expect(await vn.page.locator('body').innerText()).toContain('OK — Dongxing CDC');
        await expectNoRawKeys(vn.page, 'VN-QN notification');
        await shot(vn.page, 'vn-acknowledged');
        await vn.page.locator(`nav a[href="/notifications/timeliness"]`).click();
        await vn.page.locator('[data-testid=timeliness-table]').waitFor();
        await vn.page.locator('[data-testid=timeliness-chart] canvas').waitFor();
        await expectNoRawKeys(vn.page, 'VN-QN timeliness');
        await shot(vn.page, 'vn-timeliness');
        expect(vn.errors).toEqual([]);
      } finally {
        await vn.context.close();
      }
    }, 90_000);
  }
});
