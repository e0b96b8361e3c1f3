/**
 * The web app in a real browser: for each demo node and each UI language, sign in as the
 * administrator, check the page is translated (no raw i18n keys), that the border-gate map
 * draws, and that an audit entry's inclusion proof verifies in the browser.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestNodes } from '../support/nodes';
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
/** A browser language other than the one under test, so that the switch really switches. */
const BROWSER_LOCALE: Record<Lang, string> = { vi: 'zh-CN', 'zh-CN': 'en-US', en: 'vi-VN' };

type Tree = { [k: string]: string | Tree };
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}
const ALL_KEYS = keysOf(en as Tree);

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`[web e2e] ${CHROMIUM} is not installed: skipping the browser tests (CI installs it with "apt-get install chromium").`);
}

/** How many pixels of the gate map's canvas are painted (evaluated in the page; the test has no DOM types). */
const PAINTED_PIXELS = `(() => {
  const c = document.querySelector('[data-testid=gate-map] canvas');
  const ctx = c && c.getContext('2d');
  if (!ctx || c.width === 0 || c.height === 0) return 0;
  const data = ctx.getImageData(0, 0, c.width, c.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
  return painted;
})()`;

async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}

/** Fails if any i18n key (like `nav.home`) is visible on the page. */
async function expectNoRawKeys(page: Page, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  const raw = ALL_KEYS.filter((k) => text.includes(k));
  expect(raw, `raw i18n keys visible on ${where}`).toEqual([]);
}

async function goTo(page: Page, path: string): Promise<void> {
  await page.locator(`nav a[href="${path}"]`).click();
  await page.waitForURL((u) => u.pathname === path);
}

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  let nodes: Awaited<ReturnType<typeof startTestNodes>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(WEB_DIST_INDEX)) {
      // `npm test` builds the web app first; build it here when the suite is run on its own.
      const { build } = await import('vite');
      await build({ configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
    }
    mkdirSync(SHOTS, { recursive: true });
    [nodes, browser] = await Promise.all([startTestNodes(), chromium.launch({ executablePath: CHROMIUM, args: ARGS })]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await nodes?.stop();
  }, 60_000);

  for (const side of ['vn', 'cn'] as const) {
    for (const lang of LANGS) {
      it(`${side} node in ${lang}: sign in, translated pages, gate map, in-browser audit proof`, async () => {
        const t = RESOURCES[lang];
        const url = nodes![side].url;
        const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: BROWSER_LOCALE[lang] });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        const shot = async (name: string) => {
          await page.waitForLoadState('networkidle');
          await page.screenshot({ path: `${SHOTS}${side}-${lang}-${name}.png` });
        };
        try {
          // Login page: follows the browser's language until the person chooses one.
          await page.goto(url);
          await page.locator('#login-username').waitFor();
          const browserLang = BROWSER_LOCALE[lang].startsWith('zh') ? 'zh-CN' : (BROWSER_LOCALE[lang].slice(0, 2) as Lang);
          expect(await heading(page)).toBe(RESOURCES[browserLang].login.title);
          await page.locator(`[data-lang="${lang}"]`).click();
          await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe(lang);
          expect(await heading(page)).toBe(t.login.title);
          await expectNoRawKeys(page, 'login');
          await shot('login');

          // A wrong password shows the node's message, localised by Accept-Language.
          await page.fill('#login-username', 'admin');
          await page.fill('#login-password', 'not-the-password');
          await page.click('button[type=submit]');
          await page.locator('[data-testid=login-error]').waitFor();

          await page.fill('#login-password', 'admin-demo-2026');
          await page.click('button[type=submit]');
          await page.locator('.topbar').waitFor();
          await expect.poll(() => heading(page)).toBe(t.home.administrator.title);
          expect(await page.locator('[data-testid=current-user]').innerText()).toContain(t.role.administrator);
          await page.locator('[data-testid=node-kid]').waitFor();
          await expectNoRawKeys(page, 'home');
          await shot('home');

          // The choice survives a reload (localStorage) and the session cookie keeps us signed in.
          await page.reload();
          await expect.poll(() => heading(page)).toBe(t.home.administrator.title);

          // Border-gate map: the ECharts canvas is drawn.
          await goTo(page, '/directory/gates');
          expect(await heading(page)).toBe(t.gates.title);
          await page.locator('[data-testid=gate-map] canvas').first().waitFor();
          await expect.poll(() => page.evaluate(PAINTED_PIXELS), { timeout: 15_000 }).toBeGreaterThan(2_000);
          await page.locator('[data-gate]').first().waitFor();
          await expectNoRawKeys(page, 'gate map');
          await shot('gates');

          // Audit log: the checkpoint signature and an entry's inclusion proof verify in the browser.
          await goTo(page, '/audit');
          expect(await heading(page)).toBe(t.audit.title);
          await page.locator('.check-line.ok', { hasText: t.audit.signatureOk }).waitFor({ timeout: 15_000 });
          const verify = page.locator('button[data-testid^="verify-"]').first();
          await verify.click();
          const result = page.locator('[data-testid^="verify-result-"][data-verified]').first();
          await result.waitFor({ timeout: 15_000 });
          expect(await result.getAttribute('data-verified')).toBe('true');
          expect(await result.innerText()).toContain(t.audit.verified);
          await expectNoRawKeys(page, 'audit');
          await shot('audit');

          expect(errors, 'uncaught errors in the page').toEqual([]);
        } finally {
          await context.close();
        }
      }, 120_000);
    }
  }
});
