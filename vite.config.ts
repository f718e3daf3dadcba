import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// Two builds from one config:
//   `vite build`               -> dist/index.js + dist/element.js: ES modules for bundlers
//                                 (lit, idb-keyval and zod stay imports, deduped by the app).
//   `vite build --mode script` -> dist/csat-survey.js: one self-contained classic script for a
//                                 <script> tag (everything bundled, minified, no exports).
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
const subresourceIntegrity: Plugin = {
  name: 'subresource-integrity',
  writeBundle(options, bundle) {
    for (const [name, chunk] of Object.entries(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const digest = createHash('sha384').update(chunk.code).digest('base64');
      writeFileSync(`${options.dir ?? 'dist'}/${name}.sri`, `sha384-${digest}\n`);
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

export default defineConfig(({ mode }) =>
  mode === 'script'
    ? {
        define: { __VERSION__: JSON.stringify(version) },
        plugins: [minifyCssLiterals, collapseTemplateWhitespace, subresourceIntegrity],
        build: {
          target: 'es2021',
          emptyOutDir: false,
          lib: {
            entry: 'src/script-tag.ts',
            formats: ['iife'],
            name: 'CsatSurveyBundle',
            fileName: () => 'csat-survey.js',
          },
          rollupOptions: {
            // A second copy on the page stops before running anything (lit's Trusted Types
            // policy may only be created once on a strict page). The pre-load stub of the
            // snippet has no version, so the real script goes on and replays its queue.
            output: { intro: 'if (window.CsatSurvey && window.CsatSurvey.version) return;' },
          },
        },
      }
    : {
        plugins: [typingsOnlyEntries],
        build: {
          target: 'es2021',
          sourcemap: true,
          lib: {
            entry: { index: 'src/index.ts', element: 'src/element.ts' },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
          rollupOptions: {
            external: [/^lit(\/|$)/, /^@lit\//, 'idb-keyval', /^zod(\/|$)/],
          },
        },
      },
);
