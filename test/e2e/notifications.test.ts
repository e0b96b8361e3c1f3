/**
 * Cross-border notification in a real browser, in each UI language: a case imported through
 * Móng Cái – Dongxing is confirmed on VN-QN; CN-GX's liaison officer sees the incoming
 * notification, opens it and acknowledges it; VN-QN's liaison officer sees the acknowledgement on
 * the outgoing notification. Screenshots go to test/e2e/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { login, startTestNodes } from '../support/nodes';
import { importedCase } from '../notifications/support';
import { CHROMIUM, hasChromium, keysOf, LANGS, launchBrowser, openPage, rawKeyCheck, RESOURCES, SHOTS, signIn as signInAs, type Lang, type Tree } from './browser';

const expectNoRawKeys = rawKeyCheck(keysOf((RESOURCES.en as unknown as Tree).notifications as Tree, 'notifications.'));

if (!hasChromium) console.warn(`[notifications e2e] ${CHROMIUM} is not installed: skipping the browser test.`);

describe.skipIf(!hasChromium)('cross-border notification in Chromium', () => {
  let nodes: Awaited<ReturnType<typeof startTestNodes>> | undefined;
  let browser: Browser | undefined;
  let epiToken = '';

  beforeAll(async () => {
    [nodes, browser] = await Promise.all([startTestNodes(), launchBrowser()]);
    epiToken = await login(nodes.vn.url, 'epi');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await nodes?.stop();
  }, 60_000);

  /** A signed-in page on a node, in a language. */
  async function signIn(url: string, username: string, lang: Lang): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const opened = await openPage(browser!, { locale: 'en-US', viewport: { width: 1440, height: 1000 } });
    await signInAs(opened.page, url, lang, username);
    return opened;
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
