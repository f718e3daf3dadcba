/**
 * The element's script, served by the collector so that a site's snippet can point at its own
 * collector: the exact `dist/csat-survey.bundle.js` of the `csat-survey` package this collector depends on (the
 * whole widget in one file: the two-stage `dist/csat-survey.js` loads its chunks from its own folder, which
 * here would be the collector's root).
 *
 *   GET /csat-survey.js             short cache, revalidated (ETag): the current version
 *   GET /csat-survey@<version>.js   cached for a year, immutable: that version's bytes never change
 *   GET /csat-survey.js.sri         its Subresource Integrity value (sha384-…)
 *   GET /csat-survey.json           { version, script, integrity }
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface WidgetScript {
  version: string;
  body: Buffer;
  /** `sha384-<base64>`, as the integrity attribute wants it. */
  integrity: string;
  etag: string;
}

/** Reads the script of the installed widget package; undefined (with the reason) when it is missing. */
export async function loadWidget(
  resolveFrom: string = import.meta.url,
): Promise<{ ok: true; widget: WidgetScript } | { ok: false; reason: string }> {
  let packageJson: string;
  try {
    packageJson = createRequire(resolveFrom).resolve('csat-survey/package.json');
  } catch {
    return { ok: false, reason: 'the csat-survey package is not installed next to the collector' };
  }
  const file = join(dirname(packageJson), 'dist', 'csat-survey.bundle.js');
  try {
    const [pkg, body] = await Promise.all([readFile(packageJson, 'utf8'), readFile(file)]);
    const { version } = JSON.parse(pkg) as { version: string };
    const digest = createHash('sha384').update(body).digest();
    return {
      ok: true,
      widget: {
        version,
        body,
        integrity: `sha384-${digest.toString('base64')}`,
        etag: `"${digest.toString('hex').slice(0, 32)}"`,
      },
    };
  } catch (error) {
    return { ok: false, reason: `${file} cannot be read (${(error as Error).message}); build the widget first` };
  }
}
