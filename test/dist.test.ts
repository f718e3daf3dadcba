// The built files (run `npm run build` first). Each case loads them in its own iframe, since this
// page may already have <csat-survey> registered from src/; the fixture pages in test/fixtures/
// post back what they saw.
import { expect } from '@open-wc/testing';
import { clearOutbox, waitFor } from './helpers/fixtures.js';
import { startWorker, resetEndpoint, accept } from './helpers/msw.js';

interface Report {
  page: string;
  tag: string;
  defined?: boolean;
  question?: string | null;
  radios?: number;
  version?: string;
  resources?: string[];
  extra: Record<string, boolean>;
  errors: string[];
  violations: string[];
  consoleErrors: string[];
}

interface FixtureWindow extends Window {
  __fixture: { violations: string[]; errors: string[] };
}

before(startWorker);
beforeEach(async () => {
  resetEndpoint(accept);
  await clearOutbox();
});

const frames: HTMLIFrameElement[] = [];
afterEach(() => frames.splice(0).forEach((frame) => frame.remove()));

let packageVersion: string;
before(async () => {
  for (const file of ['/dist/csat-survey.js', '/dist/index.js', '/dist/element.js']) {
    const response = await fetch(file);
    expect(response.ok, `${file} is missing: run \`npm run build\` before the browser tests`).to.equal(true);
  }
  packageVersion = ((await (await fetch('/package.json')).json()) as { version: string }).version;
});

/** Opens test/fixtures/<page> in an iframe and resolves with what the page reported. */
async function open(page: string): Promise<{ report: Report; frame: HTMLIFrameElement; win: FixtureWindow }> {
  const frame = document.createElement('iframe');
  frame.style.inlineSize = '640px';
  frame.style.blockSize = '480px';
  frames.push(frame);
  const report = await new Promise<Report>((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', onMessage);
      reject(new Error(`${page} never reported`));
    }, 8000);
    function onMessage(event: MessageEvent) {
      const data = event.data as { csatFixture?: Report } | null;
      if (event.source !== frame.contentWindow || !data?.csatFixture) return;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(data.csatFixture);
    }
    window.addEventListener('message', onMessage);
    frame.src = new URL(`./fixtures/${page}`, import.meta.url).href;
    document.body.append(frame);
  });
  return { report, frame, win: frame.contentWindow as FixtureWindow };
}

function expectClean(report: Report): void {
  expect(report.errors, `errors in ${report.page}`).to.deep.equal([]);
  expect(report.consoleErrors, `console errors in ${report.page}`).to.deep.equal([]);
  expect(report.violations, `CSP violations in ${report.page}`).to.deep.equal([]);
}

describe('dist/csat-survey.js (script tag)', () => {
  it('renders a survey from a classic <script src> and sets window.CsatSurvey', async () => {
    const { report, win } = await open('classic.html');
    expectClean(report);
    expect(report.defined).to.equal(true);
    expect(report.radios).to.equal(11);
    expect(report.question).to.equal('How likely are you to recommend the shop to a friend or colleague?');
    expect(report.version).to.equal(packageVersion);
    const global = win.CsatSurvey!;
    expect(global.flush).to.be.a('function');
    expect(global.registerTranslation).to.be.a('function');
    expect(win.customElements.get('csat-survey')).to.equal(global.CsatSurveyElement);
  });

  it('loads only its own files: the loader, then its two chunks from its folder, and nothing else', async () => {
    const { report } = await open('classic.html');
    const own = [
      '/test/fixtures/errors.js',
      '/dist/csat-survey.js',
      '/dist/csat-survey.delivery.js',
      '/dist/csat-survey.renderer.js',
      '/test/fixtures/report.js',
    ];
    // The dev server injects its own web-socket module into every HTML page it serves.
    const harness = (path: string) => path.startsWith('/__web-dev-server');
    const extra = report.resources!.filter((path) => !own.includes(path) && !harness(path));
    expect(extra, 'extra requests').to.deep.equal([]);
    expect(report.resources).to.include('/dist/csat-survey.js');
  });

  for (const file of ['csat-survey.js', 'csat-survey.delivery.js', 'csat-survey.renderer.js', 'csat-survey.bundle.js'])
    it(`${file} is a classic script: no import or export statements`, async () => {
      const source = await (await fetch(`/dist/${file}`)).text();
      expect(source).to.not.match(/^\s*(import|export)\s[\s\S]*?from\s*["'`]/m);
      expect(source).to.not.match(/\bimport\s*\(/);
      expect(source).to.not.match(/\bimport\.meta\b/);
    });

  it('loaded twice in one page, does not throw and keeps the first window.CsatSurvey', async () => {
    const { report } = await open('twice.html');
    expectClean(report);
    expect(report.extra.firstDefined, 'the first copy set the global').to.equal(true);
    expect(report.extra.sameGlobal, 'the second copy replaced window.CsatSurvey').to.equal(true);
    expect(report.extra.sameClass).to.equal(true);
    expect(report.radios).to.equal(5);
    expect(report.version).to.equal(packageVersion);
  });

  it('loaded after the npm build in the same page, does not throw and still renders', async () => {
    const { report } = await open('es-then-classic.html');
    expectClean(report);
    expect(report.extra.registeredIsExport, 'the first registration stays').to.equal(true);
    expect(report.radios).to.equal(5);
    expect(report.version).to.equal(packageVersion);
  });

  it('loaded before the npm build in the same page, neither throws', async () => {
    const { report } = await open('classic-then-es.html');
    expectClean(report);
    expect(report.extra.exportsElement).to.equal(true);
    expect(report.extra.registeredIsGlobal, 'the first registration stays').to.equal(true);
    expect(report.radios).to.equal(11);
  });
});

describe('dist/index.js and dist/element.js (npm)', () => {
  it('import registers <csat-survey>, exports CsatSurveyElement, and a survey renders', async () => {
    const { report } = await open('es.html');
    expectClean(report);
    expect(report.extra.exportsElement).to.equal(true);
    expect(report.extra.registeredIsExport).to.equal(true);
    expect(report.radios).to.equal(7);
    // lang comes from <html lang="fa">: the Persian default question.
    expect(report.question).to.match(/[\u0600-\u06FF]/);
  });

  it('the element entry registers nothing, and the class works under an app-chosen tag', async () => {
    const { report } = await open('element.html');
    expectClean(report);
    expect(report.extra.registeredByImport).to.equal(false);
    expect(report.defined).to.equal(true);
    expect(report.radios).to.equal(11);
  });
});

describe('strict Content-Security-Policy with Trusted Types', () => {
  it('renders and runs a whole survey with no CSP or Trusted Types violation', async () => {
    const { report, win } = await open('csp.html');
    expectClean(report);
    expect(report.version).to.equal(packageVersion);
    expect(report.radios).to.equal(11);
    expect(report.question).to.include('دیجی‌کالا');

    // Answer it: the follow-up and the thank-you render under the same policy.
    const el = win.document.querySelector('csat-survey')!;
    const root = el.shadowRoot!;
    root.querySelectorAll<HTMLInputElement>('input[type=radio]')[9]!.click();
    await waitFor(() => root.querySelector('textarea'), 'the follow-up never rendered');
    root.querySelector('textarea')!.value = 'خیلی خوب';
    root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitFor(() => root.querySelector('.thanks')?.textContent?.trim(), 'the thank-you never rendered');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(win.__fixture.violations).to.deep.equal([]);
    expect(win.__fixture.errors).to.deep.equal([]);

    // The policy is really enforced in that page: a raw HTML string is refused.
    let refused = false;
    try {
      win.document.createElement('div').innerHTML = '<b>raw</b>';
    } catch {
      refused = true;
    }
    expect(refused, 'Trusted Types were not enforced in the fixture').to.equal(true);
    await waitFor(() => win.__fixture.violations.length === 1, 'the fixture does not record violations');
  });

  it('pasted twice on such a page, does not throw and keeps rendering', async () => {
    const { report } = await open('csp-twice.html');
    expectClean(report);
    expect(report.extra.sameGlobal).to.equal(true);
    expect(report.radios).to.equal(7);
  });
});
