// The script-tag build's global (run `npm run build` first): calls queued by the snippet's stub
// before dist/csat-survey.js loaded are replayed, and dist/csat-survey.js.sri matches the file.
import { expect } from '@open-wc/testing';
import { clearOutbox, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';
import { forgetVisitor } from '../src/visitor-state.js';
import type { CsatSurveyGlobal } from '../src/script-tag.js';

interface Report {
  version?: string;
  extra: Record<string, unknown>;
  errors: string[];
  violations: string[];
  consoleErrors: string[];
}

type FixtureWindow = Window & { CsatSurvey?: CsatSurveyGlobal & { q?: unknown } };

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

let frame: HTMLIFrameElement | undefined;
afterEach(() => frame?.remove());

/** Opens test/fixtures/<page> in an iframe and resolves with what the page reported. */
async function open(page: string): Promise<{ report: Report; win: FixtureWindow }> {
  const iframe = (frame = document.createElement('iframe'));
  iframe.style.inlineSize = '640px';
  iframe.style.blockSize = '480px';
  const report = await new Promise<Report>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${page} never reported`)), 8000);
    window.addEventListener('message', function onMessage(event: MessageEvent) {
      const data = event.data as { csatFixture?: Report } | null;
      if (event.source !== iframe.contentWindow || !data?.csatFixture) return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(data.csatFixture);
    });
    iframe.src = new URL(`./fixtures/${page}`, import.meta.url).href;
    document.body.append(iframe);
  });
  return { report, win: iframe.contentWindow as FixtureWindow };
}

describe('dist/csat-survey.js: the pre-load queue and window.CsatSurvey', () => {
  before(async () => {
    const response = await fetch('/dist/csat-survey.js');
    expect(response.ok, 'dist/csat-survey.js is missing: run `npm run build` first').to.equal(true);
  });

  it('replays CsatSurvey.track() made before the script loaded: the event:bought popover is shown', async () => {
    // The iframe shares this origin's IndexedDB: it meets the survey as a new visitor.
    await forgetVisitor('dist-preload');
    const { report, win } = await open('preload-queue.html');
    expect(report.errors, 'errors').to.deep.equal([]);
    expect(report.consoleErrors, 'console errors').to.deep.equal([]);
    expect(report.extra.queued, 'the stub queued both calls').to.equal(
      JSON.stringify([
        ['track', ['bought']],
        ['flush', []],
      ]),
    );
    const version = ((await (await fetch('/package.json')).json()) as { version: string }).version;
    expect(report.version).to.equal(version);
    const api = win.CsatSurvey!;
    expect(api.version, 'the stub was replaced by the real global').to.equal(version);
    expect(api.track).to.be.a('function');
    expect(api.flush).to.be.a('function');
    expect(api.clear).to.be.a('function');
    expect(api.status).to.be.an('object');

    const el = win.document.querySelector('csat-survey')!;
    await waitFor(
      () => el.shadowRoot?.querySelector('.popover')?.matches(':popover-open'),
      'the event:bought popover is open',
    );
    expect(el.shadowRoot!.querySelector('.announcer')!.textContent!.trim()).to.equal(
      'Survey: How satisfied are you with us?',
    );
  });

  it('dist/csat-survey.js.sri is the sha384 of dist/csat-survey.js', async () => {
    const [file, sri] = await Promise.all([
      fetch('/dist/csat-survey.js', { cache: 'no-store' }).then((r) => r.arrayBuffer()),
      fetch('/dist/csat-survey.js.sri', { cache: 'no-store' }).then((r) => r.text()),
    ]);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', file));
    const base64 = btoa(String.fromCharCode(...digest));
    expect(sri.trim()).to.equal(`sha384-${base64}`);
  });
});
