import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveLanguage } from './helpers/app';
import { screenshot } from './helpers/browser';
import { startApp, type TestApp } from './helpers/session';

// Voice input in real Chromium, with a scripted stand-in for the browser's speech recognition: the test says what
// the recognizer "hears" (interim and final results, errors, the end) and checks the composer and the button.

let app: TestApp;
let page: Page;

beforeAll(async () => {
  app = await startApp('voice');
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

type Heard = Array<[text: string, final: boolean]>;
interface Script {
  __started: string[];
  __hear(parts: Heard): void;
  __fail(error: string): void;
  __end(): void;
}

/** Installed before the page's own scripts: a recognizer that does what the test tells it. */
function installFakeRecognition() {
  type Rec = {
    lang: string;
    onresult: ((e: unknown) => void) | null;
    onerror: ((e: unknown) => void) | null;
    onend: (() => void) | null;
  };
  const w = window as unknown as Record<string, unknown>;
  // Every recognizer the page made; the test talks to the last one.
  const made: Rec[] = [];
  const started: string[] = [];
  class FakeRecognition {
    lang = '';
    interimResults = false;
    continuous = false;
    onresult: Rec['onresult'] = null;
    onerror: Rec['onerror'] = null;
    onend: Rec['onend'] = null;
    constructor() {
      made.push(this);
    }
    start() {
      started.push(this.lang);
    }
    stop() {
      setTimeout(() => this.onend?.(), 0);
    }
    abort() {
      this.stop();
    }
  }
  w.webkitSpeechRecognition = FakeRecognition;
  w.__started = started;
  const current = () => made.at(-1);
  w.__hear = (parts: Array<[string, boolean]>) =>
    current()?.onresult?.({
      results: parts.map(([transcript, isFinal]) => Object.assign([{ transcript }], { isFinal })),
    });
  w.__fail = (error: string) => {
    current()?.onerror?.({ error });
    current()?.onend?.();
  };
  w.__end = () => current()?.onend?.();
}

const mic = (name = 'Dictate a message') => page.getByRole('button', { name, exact: true });
const composer = () => page.locator('#chat-input');
const status = () => page.locator('[data-voice-status]');
const script = <T>(fn: (s: Script) => T) => page.evaluate(fn as (s: unknown) => T, undefined as never);

describe('voice input', () => {
  it('GIVEN a browser without speech recognition THEN there is no microphone button', async () => {
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      delete w.SpeechRecognition;
      delete w.webkitSpeechRecognition;
    });
    await page.reload();
    // The help button loads with the microphone (after the page): once it is there, the microphone would be too.
    await page.getByRole('button', { name: 'What can I say?' }).waitFor();
    expect(await page.evaluate(() => 'webkitSpeechRecognition' in window)).toBe(false);
    expect(await mic().count()).toBe(0);
  });

  it('GIVEN speech recognition WHEN dictating THEN interim words show in the composer, then the final ones, and the listening state clears', async () => {
    await page.addInitScript(installFakeRecognition);
    await page.reload();
    await composer().fill('Remind me to');
    const fill = () => mic().evaluate((el) => getComputedStyle(el).backgroundColor);
    const idle = await fill();
    await mic().click();
    await expect.poll(() => mic().getAttribute('aria-pressed')).toBe('true');
    // Visibly on: the button fills with the accent colour, its icon in the accent's text colour (polled: the
    // colours settle a moment after the state under load).
    await expect.poll(fill).not.toBe(idle);
    const sendColour = await page
      .getByRole('button', { name: 'Send' })
      .evaluate((el) => getComputedStyle(el).color);
    await expect.poll(() => mic().evaluate((el) => getComputedStyle(el).color)).toBe(sendColour);
    await status().getByText('Listening…').waitFor();
    expect(await script(() => (window as unknown as Script).__started)).toEqual(['en-US']);
    await screenshot(page, 'voice-listening');

    await script(() => (window as unknown as Script).__hear([['buy', false]]));
    await expect.poll(() => composer().inputValue()).toBe('Remind me to buy');
    await script(() =>
      (window as unknown as Script).__hear([
        ['buy milk', true],
        ['tomorrow', false],
      ]),
    );
    await expect.poll(() => composer().inputValue()).toBe('Remind me to buy milk tomorrow');
    await script(() => (window as unknown as Script).__hear([['buy milk tomorrow at 5pm', true]]));
    await script(() => (window as unknown as Script).__end());

    await expect.poll(() => mic().getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => status().innerText()).toBe('');
    await expect.poll(fill).toBe(idle);
    expect(await composer().inputValue()).toBe('Remind me to buy milk tomorrow at 5pm');
    // What was dictated is an ordinary message: it sends.
    await composer().press('Enter');
    await page.locator('article[aria-label="Assistant"]').first().waitFor();
    expect(await composer().inputValue()).toBe('');
  });

  it('GIVEN dictation WHEN the microphone is blocked or nothing is heard THEN the reason shows briefly and listening stops', async () => {
    await mic().click();
    await script(() => (window as unknown as Script).__fail('not-allowed'));
    await status().getByText('Microphone access is blocked. Allow it in the site settings.').waitFor();
    expect(await mic().getAttribute('aria-pressed')).toBe('false');
    await mic().click();
    await script(() => (window as unknown as Script).__fail('no-speech'));
    await status().getByText('No speech heard. Try again.').waitFor();
    // Brief: the message goes by itself.
    await status().getByText('No speech heard. Try again.').waitFor({ state: 'detached', timeout: 8000 });
  });

  it('GIVEN the Urdu UI WHEN dictating THEN the recognizer listens for Urdu (ur-PK)', async () => {
    await saveLanguage(page, 'ur');
    await page.reload();
    await mic('بول کر پیغام لکھیں').click();
    await page.getByText('سن رہا ہے…').waitFor();
    expect(await script(() => (window as unknown as Script).__started)).toEqual(['ur-PK']);
    await script(() => (window as unknown as Script).__hear([['دودھ لینا ہے', true]]));
    await script(() => (window as unknown as Script).__end());
    await expect.poll(() => composer().inputValue()).toBe('دودھ لینا ہے');
    await screenshot(page, 'voice-urdu');
  });
});
