/**
 * What the browser tests share: Chromium and the built web app, the UI languages and their keys,
 * a page that records uncaught errors, and signing in through the login page.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import vi from '../../web/src/i18n/locales/vi.json';
import zhCN from '../../web/src/i18n/locales/zh-CN.json';
import en from '../../web/src/i18n/locales/en.json';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--no-first-run'];
const WEB_DIST_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
/** Where the tests' screenshots go. */
export const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

export const hasChromium = existsSync(CHROMIUM);

export const RESOURCES = { vi, 'zh-CN': zhCN, en } as const;
export type Lang = keyof typeof RESOURCES;
export const LANGS: Lang[] = ['vi', 'zh-CN', 'en'];

export type Tree = { [k: string]: string | Tree };
/** Every key of a translation tree (`nav.home`, …), under `prefix`. */
export function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));
}

/**
 * A check that none of the i18n keys is visible on a page (a key shows when its text is missing);
 * with `errorCodes`, nor an untranslated error code (`BH_…`).
 */
export function rawKeyCheck(keys: readonly string[], options: { errorCodes?: boolean } = {}): (page: Page, where: string) => Promise<void> {
  return async (page, where) => {
    const text = await page.locator('body').innerText();
    expect(
      keys.filter((k) => text.includes(k)),
      `raw i18n keys visible on ${where}`,
    ).toEqual([]);
    if (options.errorCodes) expect(text, `an untranslated error code on ${where}`).not.toMatch(/\bBH_[A-Z_]+\b/);
  };
}

/**
 * Builds the web app when it has not been built (`npm test` builds it first), makes the screenshot
 * folder, and starts Chromium.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(WEB_DIST_INDEX)) {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  }
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A new page in a context of its own; `errors` collects the page's uncaught errors. */
export async function openPage(
  browser: Browser,
  options: { locale: string; viewport?: { width: number; height: number } },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: options.locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Picks the UI language on the login page (or the top bar) and waits until the page is in it. */
export async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await page.locator(`[data-lang="${lang}"]`).click();
  await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe(lang);
}

/** Fills in the login form and submits it (the demo password by default). */
export async function submitLogin(page: Page, username: string, password = `${username}-demo-2026`): Promise<void> {
  await page.fill('#login-username', username);
  await page.fill('#login-password', password);
  await page.click('button[type=submit]');
}

/** Opens the node, chooses the language and signs in as a demo user; done once the app's top bar shows. */
export async function signIn(page: Page, url: string, lang: Lang, username: string): Promise<void> {
  await page.goto(url);
  await page.locator('#login-username').waitFor();
  await chooseLanguage(page, lang);
  await submitLogin(page, username);
  await page.locator('.topbar').waitFor();
}

/** The page's main heading. */
export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').first().innerText()).trim();
}

/** Follows the navigation link to a path. */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.locator(`nav a[href="${path}"]`).click();
  await page.waitForURL((u) => u.pathname === path);
}

/** How many pixels of the canvas in `[data-testid=…]` are painted (an expression evaluated in the page; the tests have no DOM types). */
export const painted = (testId: string) => `(() => {
  const c = document.querySelector('[data-testid=${testId}] canvas');
  const ctx = c && c.getContext('2d');
  if (!ctx || c.width === 0 || c.height === 0) return 0;
  const data = ctx.getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
  return n;
})()`;
