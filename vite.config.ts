import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { HOOK } from './src/loader/hook.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The builds of one config, run in this order by scripts/build.mjs (`npm run build`):
//   `vite build`                 -> dist/index.js + dist/element.js + dist/lazy.js: ES modules for bundlers
//                                   (lit, idb-keyval and zod stay imports, deduped by the app; lazy.js
//                                   reaches the element and the delivery by import(), chunks of their own).
//   `vite build --mode bundle`   -> dist/csat-survey.bundle.js: the whole widget in one classic script.
//   `vite build --mode delivery` -> dist/csat-survey.delivery.js: outbox, transport, displays (classic).
//   `vite build --mode renderer` -> dist/csat-survey.renderer.js: the element (classic), delivery from the above.
//   `vite build --mode loader`   -> dist/csat-survey.js: the loader, with the two chunks' integrity values.
/** Squeezes the whitespace and comments out of lit's css`` literals (vite leaves them as written). */
const minifyCssLiterals: Plugin = {
  name: 'minify-css-literals',
  transform(code, id) {
    if (!id.endsWith('.styles.ts')) return undefined;
    return code.replace(/css`([^`]*)`/g, (_all, body: string) => {
      const min = body
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/:\s+/g, ':')
        .replace(/;}/g, '}')
        .trim();
      return `css\`${min}\``;
    });
  },
};

/**
 * Drops the indentation inside lit's html`` templates of the minified script-tag file. It runs on the
 * final, minified output, where a line break only survives inside template literals, so this touches nothing
 * else; no template of the element depends on a line break.
 */
const collapseTemplateWhitespace: Plugin = {
  name: 'collapse-template-whitespace',
  enforce: 'post',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk') {
        chunk.code = chunk.code
          .replace(/>\n\s*/g, '>')
          .replace(/\n\s*</g, '<')
          .replace(/\n\s+/g, ' ');
      }
    }
  },
};

/**
 * Writes dist/csat-survey.js.sri: the Subresource Integrity value (sha384) of the script-tag file,
 * for `<script integrity="…">`. The build is deterministic, so the README's snippet can show it.
 */
export const sri = (code: string | Buffer) => `sha384-${createHash('sha384').update(code).digest('base64')}`;

const subresourceIntegrity: Plugin = {
  name: 'subresource-integrity',
  writeBundle(options, bundle) {
    for (const [name, chunk] of Object.entries(bundle)) {
      if (chunk.type !== 'chunk') continue;
      writeFileSync(`${options.dir ?? 'dist'}/${name}.sri`, `${sri(chunk.code)}\n`);
    }
  },
};

/**
 * Writes dist/frameworks/{react,vue,svelte}.js: `export {};`. Those entry points are typings only, but an app may
 * import them as a module (`import 'csat-survey/react'`), so each has a file a bundler or Node can load.
 */
const typingsOnlyEntries: Plugin = {
  name: 'typings-only-entries',
  generateBundle() {
    for (const name of ['react', 'vue', 'svelte']) {
      this.emitFile({
        type: 'asset',
        fileName: `frameworks/${name}.js`,
        source: `// csat-survey/${name} holds typings only (see types/frameworks/${name}.d.ts).\nexport {};\n`,
      });
    }
  },
};

/**
 * In the renderer chunk, `./delivery.js` is the delivery chunk's object (loader/delivery-link.ts): one outbox
 * per page, and the delivery code is not loaded twice.
 */
const deliveryFromChunk: Plugin = {
  name: 'delivery-from-chunk',
  enforce: 'pre',
  resolveId(source, importer) {
    if (/^\.\.?\/delivery\.js$/.test(source) && importer && !importer.includes('/loader/'))
      return fileURLToPath(new URL('./src/loader/delivery-link.ts', import.meta.url));
    return undefined;
  },
};

/**
 * In the renderer chunk, an import from a module the delivery chunk shares (loader/shared.ts) reads the delivery
 * chunk's copy from the hook instead of bundling a second one. The renderer's first line returns when that copy
 * is not there (the delivery chunk was refused), so nothing of it runs on a half-loaded page.
 */
const SHARED_SOURCE = readFileSync(new URL('./src/loader/shared.ts', import.meta.url), 'utf8');
const SHARED_NAMES = (/export const shared = \{([^}]*)\}/.exec(SHARED_SOURCE)?.[1] ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
/** Each shared module, as imported in shared.ts ('idb-keyval', '../json.js', …). */
const SHARED_MODULES = [...SHARED_SOURCE.matchAll(/^import \{([^}]*)\} from '([^']+)';/gm)].map((m) => ({
  names: m[1]!.split(',').map((name) => name.trim()),
  source: m[2]!.replace(/^\.\.\//, './src/'),
}));
/** Resolved file of each shared module -> the names its import in shared.ts takes. */
const sharedFiles = new Map<string, string[]>();
const sharedFromDelivery: Plugin = {
  name: 'shared-from-delivery',
  enforce: 'pre',
  async buildStart() {
    for (const { names, source } of SHARED_MODULES) {
      const target = await this.resolve(source, fileURLToPath(import.meta.url), { skipSelf: true });
      if (target) sharedFiles.set(target.id, names);
    }
  },
  async resolveId(source, importer, options) {
    if (!importer || importer.includes('/loader/') || importer.startsWith('\0shared:')) return undefined;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved && sharedFiles.has(resolved.id) ? `\0shared:${resolved.id}` : undefined;
  },
  load(id) {
    if (!id.startsWith('\0shared:')) return undefined;
    const file = id.slice('\0shared:'.length);
    const names = sharedFiles.get(file)!.filter((name) => SHARED_NAMES.includes(name));
    // The module's other exports come from its own copy, tree-shaken to what the renderer uses.
    return `export * from ${JSON.stringify(file)};\nexport const { ${names.join(', ')} } = window.${HOOK}.shared;`;
  },
};

/** One self-contained classic script (IIFE, minified, no exports) for a <script> element. */
type Classic = 'bundle' | 'delivery' | 'renderer' | 'loader';
const CLASSIC: Record<Classic, { entry: string; file: string }> = {
  bundle: { entry: 'src/script-tag.ts', file: 'csat-survey.bundle.js' },
  delivery: { entry: 'src/loader/delivery-chunk.ts', file: 'csat-survey.delivery.js' },
  renderer: { entry: 'src/loader/renderer-chunk.ts', file: 'csat-survey.renderer.js' },
  loader: { entry: 'src/loader/loader.ts', file: 'csat-survey.js' },
};

/** [file, integrity] of each chunk, read from dist/ when the loader is built (after the chunks). */
function chunks(): Record<'delivery' | 'renderer', [string, string]> {
  const entry = (name: 'delivery' | 'renderer'): [string, string] => {
    const { file } = CLASSIC[name];
    return [file, sri(readFileSync(new URL(`./dist/${file}`, import.meta.url)))];
  };
  return { delivery: entry('delivery'), renderer: entry('renderer') };
}

function classic(mode: Classic) {
  const { entry, file } = CLASSIC[mode];
  return {
    define: {
      __VERSION__: JSON.stringify(version),
      ...(mode === 'loader' && { __CHUNKS__: JSON.stringify(chunks()) }),
    },
    plugins: [
      ...(mode === 'renderer' ? [deliveryFromChunk, sharedFromDelivery] : []),
      minifyCssLiterals,
      collapseTemplateWhitespace,
      subresourceIntegrity,
    ],
    build: {
      target: 'es2021',
      emptyOutDir: false,
      lib: { entry, formats: ['iife' as const], name: 'CsatSurveyBundle', fileName: () => file },
      rollupOptions: {
        // A second copy on the page stops before running anything (lit's Trusted Types policy may only be
        // created once on a strict page). The pre-load stub of the snippet has no version, so the real script
        // goes on and replays its queue. The chunks run only when the loader asked for them.
        output: {
          ...((mode === 'bundle' || mode === 'loader') && {
            intro: 'if (window.CsatSurvey && window.CsatSurvey.version) return;',
          }),
          ...(mode === 'renderer' && { intro: `if (!(window.${HOOK} && window.${HOOK}.shared)) return;` }),
        },
      },
    },
  };
}

export default defineConfig(({ mode }) =>
  mode in CLASSIC
    ? classic(mode as Classic)
    : {
        plugins: [typingsOnlyEntries],
        build: {
          target: 'es2021',
          sourcemap: true,
          lib: {
            entry: { index: 'src/index.ts', element: 'src/element.ts', lazy: 'src/lazy.ts' },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
          rollupOptions: {
            external: [/^lit(\/|$)/, /^@lit\//, 'idb-keyval', /^zod(\/|$)/],
          },
        },
      },
);
