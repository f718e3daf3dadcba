import { readFileSync } from 'node:fs';
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

export default defineConfig(({ mode }) =>
  mode === 'script'
    ? {
        define: { __VERSION__: JSON.stringify(version) },
        plugins: [minifyCssLiterals, collapseTemplateWhitespace],
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
            // policy may only be created once on a strict page).
            output: { intro: 'if (window.CsatSurvey) return;' },
          },
        },
      }
    : {
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
