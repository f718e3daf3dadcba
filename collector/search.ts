/**
 * Comment search that reads Persian as Persian readers do: one table of characters, from which come
 * both the function that folds a query (`foldText`) and the SQL that folds the stored comments
 * (`foldSql`, a stored generated column: see migrations.ts), so the two can never disagree.
 *
 * Folding:
 *  - Arabic letters typed on Arabic keyboards become the Persian ones: ي ى ئ → ی, ك → ک, ة ۀ → ه,
 *    and alef forms (آ أ إ ٱ) become ا (so «اسان» finds «آسان», whichever way it was typed);
 *  - Persian and Arabic-Indic digits become Latin ones (۱۴۰۵ finds 1405);
 *  - diacritics (harakat, tanwin, shadda, sukun, superscript alef, hamza marks), tatweel, the
 *    zero-width non-joiner and joiner, bidirectional marks and every space are dropped, so
 *    «میخواهم», «می‌خواهم» and «می خواهم» are one word;
 *  - A–Z become a–z (other letters keep their case: the database's lower() depends on its locale).
 * A query is cut at spaces into terms; a comment matches when its folded text holds every folded
 * term.
 */

/** Characters and what they become. */
const MAPPED: ReadonlyArray<readonly [string, string]> = [
  ['\u064A', '\u06CC'], // ي Arabic yeh → ی
  ['\u0649', '\u06CC'], // ى alef maksura → ی
  ['\u0626', '\u06CC'], // ئ yeh with hamza → ی
  ['\u0643', '\u06A9'], // ك Arabic kaf → ک
  ['\u0629', '\u0647'], // ة teh marbuta → ه
  ['\u06C0', '\u0647'], // ۀ heh with yeh above → ه
  ['\u06D5', '\u0647'], // ە ae → ه
  ['\u0622', '\u0627'], // آ alef with madda → ا
  ['\u0623', '\u0627'], // أ alef with hamza above → ا
  ['\u0625', '\u0627'], // إ alef with hamza below → ا
  ['\u0671', '\u0627'], // ٱ alef wasla → ا
  ['\u0624', '\u0648'], // ؤ waw with hamza → و
  ...Array.from({ length: 10 }, (_, d) => [String.fromCodePoint(0x06f0 + d), String(d)] as const), // ۰–۹
  ...Array.from({ length: 10 }, (_, d) => [String.fromCodePoint(0x0660 + d), String(d)] as const), // ٠–٩
  ...Array.from({ length: 26 }, (_, i) => [String.fromCodePoint(0x41 + i), String.fromCodePoint(0x61 + i)] as const),
];

/** Characters dropped. */
const DROPPED: readonly string[] = [
  ...Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => String.fromCodePoint(0x064b + i)), // harakat … hamza marks
  '\u0670', // superscript alef
  '\u0640', // tatweel
  '\u200C', // zero-width non-joiner
  '\u200D', // zero-width joiner
  '\u200B', // zero-width space
  '\uFEFF', // zero-width no-break space
  '\u200E', // left-to-right mark
  '\u200F', // right-to-left mark
  '\u061C', // Arabic letter mark
  ...Array.from({ length: 5 }, (_, i) => String.fromCodePoint(0x202a + i)), // embeddings and overrides
  ...Array.from({ length: 4 }, (_, i) => String.fromCodePoint(0x2066 + i)), // isolates
  // White space: spaces, tabs, line breaks, no-break and typographic spaces.
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00A0',
  '\u1680',
  ...Array.from({ length: 11 }, (_, i) => String.fromCodePoint(0x2000 + i)),
  '\u2028',
  '\u2029',
  '\u202F',
  '\u205F',
  '\u3000',
];

const FOLD = new Map<string, string>([...MAPPED, ...DROPPED.map((c) => [c, ''] as const)]);

/** Folds text for search (see the top of this file). */
export function foldText(text: string): string {
  let out = '';
  for (const char of text) out += FOLD.get(char) ?? char;
  return out;
}

/** The search terms of a query, folded; empty ones left out, at most 8 of at most 100 characters. */
export function searchTerms(query: string): string[] {
  return query
    .split(/\s+/u)
    .map(foldText)
    .filter(Boolean)
    .slice(0, 8)
    .map((term) => term.slice(0, 100));
}

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The same folding as SQL over `column`: one translate() (characters past the end of its third
 * argument are dropped). Immutable, so it can make a stored generated column.
 */
export function foldSql(column: string): string {
  return `translate(${column}, ${sqlString([...MAPPED.map(([from]) => from), ...DROPPED].join(''))}, ${sqlString(
    MAPPED.map(([, to]) => to).join(''),
  )})`;
}
