/**
 * The web app in a real browser: for each demo node and each UI language, sign in as the
 * administrator, check the page is translated (no raw i18n keys), that the border-gate map
 * draws, and that an audit entry's inclusion proof verifies in the browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestNodes } from '../support/nodes';
import { CHROMIUM, chooseLanguage, goTo, hasChromium, heading, keysOf, LANGS, launchBrowser, openPage, painted, rawKeyCheck, RESOURCES, SHOTS, submitLogin, type Lang, type Tree } from './browser';

/** A browser language other than the one under test, so that the switch really switches. */
const BROWSER_LOCALE: Record<Lang, string> = { vi: 'zh-CN', 'zh-CN': 'en-US', en: 'vi-VN' };

/** Fails if any i18n key (like `nav.home`) is visible on the page. */
const expectNoRawKeys = rawKeyCheck(keysOf(RESOURCES.en as Tree));

if (!hasChromium) {
  console.warn(`[web e2e] ${CHROMIUM} is not installed: skipping the browser tests (CI installs it with "apt-get install chromium").`);
}

describe.skipIf(!hasChromium)('web app in Chromium', () => {
  let nodes: Awaited<ReturnType<typeof startTestNodes>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [nodes, browser] = await Promise.all([startTestNodes(), launchBrowser()]);
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
        const { context, page, errors } = await openPage(browser!, { locale: BROWSER_LOCALE[lang] });
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
          await chooseLanguage(page, lang);
          expect(await heading(page)).toBe(t.login.title);
          await expectNoRawKeys(page, 'login');
          await shot('login');

          // A wrong password shows the node's message, localised by Accept-Language.
          await submitLogin(page, 'admin', 'not-the-password');
          await page.locator('[data-testid=login-error]').waitFor();

          await submitLogin(page, 'admin');
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
          await expect.poll(() => page.evaluate(painted('gate-map')), { timeout: 15_000 }).toBeGreaterThan(2_000);
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
