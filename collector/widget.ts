/**
 * The element's scripts, served by the collector so that a site's snippet can point at its own collector: the exact
 * files of the `csat-survey` package this collector depends on. The snippet's script is the two-stage loader, which
 * loads its chunks from its own folder (here the collector's root) only on pages that need them, each checked by
 * the integrity value built into it; the one-file build is there for those who host the script themselves.
 *
 *   GET /csat-survey.js                     the loader; short cache, revalidated (ETag)
 *   GET /csat-survey@<version>.js           the loader, cached for a year, immutable
 *   GET /csat-survey.delivery.js, /csat-survey.renderer.js
 *                                           its chunks; short cache, revalidated (the loader pins their bytes)
 *   GET /csat-survey.bundle.js              everything in one file, to download and host yourself
 *   GET /csat-survey.js.sri                 the loader's Subresource Integrity value (sha384-…)
 *   GET /csat-survey.json                   { version, script, latest, integrity, bundle: { script, integrity } }
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One file of the package's dist/, ready to serve. */
export interface WidgetFile {
  body: Buffer;
  /** `sha384-<base64>`, as the integrity attribute wants it. */
  integrity: string;
  etag: string;
}

/** The files, by the name each is served under (at the collector's root). */
export const WIDGET_FILES = [
  'csat-survey.js',
  'csat-survey.delivery.js',
  'csat-survey.renderer.js',
  'csat-survey.bundle.js',
] as const;
export type WidgetFileName = (typeof WIDGET_FILES)[number];

export interface WidgetScript {
  version: string;
  files: Record<WidgetFileName, WidgetFile>;
}

const served = (body: Buffer): WidgetFile => {
  const digest = createHash('sha384').update(body).digest();
  return { body, integrity: `sha384-${digest.toString('base64')}`, etag: `"${digest.toString('hex').slice(0, 32)}"` };
};

/** Reads the scripts of the installed widget package; undefined (with the reason) when one is missing. */
export async function loadWidget(
  resolveFrom: string = import.meta.url,
): Promise<{ ok: true; widget: WidgetScript } | { ok: false; reason: string }> {
  let packageJson: string;
  try {
    packageJson = createRequire(resolveFrom).resolve('csat-survey/package.json');
  } catch {
    return { ok: false, reason: 'the csat-survey package is not installed next to the collector' };
  }
  const dist = join(dirname(packageJson), 'dist');
  let reading = '';
  try {
    const { version } = JSON.parse(await readFile(packageJson, 'utf8')) as { version: string };
    const files = {} as Record<WidgetFileName, WidgetFile>;
    for (const name of WIDGET_FILES) files[name] = served(await readFile(join(dist, (reading = name))));
    return { ok: true, widget: { version, files } };
  } catch (error) {
    return {
      ok: false,
      reason: `${join(dist, reading)} cannot be read (${(error as Error).message}); build the widget first`,
    };
  }
}
