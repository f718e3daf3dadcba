// The pure parts of the reports: the Solar Hijri calendar (known dates, every day against the
// browser's own Intl calendar), typed Persian dates, time zones, the trend's bucket rule, and the
// search folding, whose SQL (a stored column) must fold exactly as the function folds a query, on
// both databases.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends, openDatabase } from './helpers.mjs';

const load = (name) => import(new URL(`../../collector/dist/collector/${name}.js`, import.meta.url).href);
const calendar = await load('calendar');
const { chooseBucket, bucketOf } = await load('trend');
const { foldText, foldSql, searchTerms } = await load('search');

describe('the Solar Hijri calendar', () => {
  it('converts known dates both ways (Nowruz, leap years, the last day of Esfand)', () => {
    for (const [jalali, iso] of [
      ['1403/01/01', '2024-03-20'],
      ['1404/01/01', '2025-03-21'],
      ['1405/01/01', '2026-03-21'],
      ['1399/12/30', '2021-03-20'], // 1399 is a leap year
      ['1403/12/30', '2025-03-20'], // and 1403
      ['1404/12/29', '2026-03-20'], // 1404 is not
      ['1357/11/22', '1979-02-11'],
      ['1405/09/15', '2026-12-06'],
      ['1300/01/01', '1921-03-21'],
    ]) {
      const [year, month, day] = jalali.split('/').map(Number);
      assert.equal(calendar.fromCalendar('persian', { year, month, day }), iso, jalali);
      assert.deepEqual(calendar.toCalendar('persian', iso), { year, month, day }, iso);
    }
  });

  it('agrees with Intl’s Persian calendar on every day from 1925 to 2075, and round-trips', () => {
    const format = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    const first = calendar.isoToJdn('1925-01-01');
    const last = calendar.isoToJdn('2075-12-31');
    let differ = 0;
    for (let jdn = first; jdn <= last; jdn++) {
      const iso = calendar.jdnToIso(jdn);
      const parts = Object.fromEntries(
        format.formatToParts(new Date(`${iso}T00:00:00Z`)).map((p) => [p.type, p.value]),
      );
      const date = calendar.jdnToJalali(jdn);
      if (date.year !== Number(parts.year) || date.month !== Number(parts.month) || date.day !== Number(parts.day))
        differ++;
      assert.equal(calendar.jalaliToJdn(date), jdn);
    }
    assert.equal(differ, 0);
  });

  it('month lengths and month starts in both calendars', () => {
    assert.equal(calendar.monthLength('persian', 1403, 12), 30);
    assert.equal(calendar.monthLength('persian', 1404, 12), 29);
    assert.equal(calendar.monthLength('persian', 1404, 6), 31);
    assert.equal(calendar.monthLength('persian', 1404, 7), 30);
    assert.equal(calendar.monthLength('gregory', 2024, 2), 29);
    assert.equal(calendar.monthLength('gregory', 2100, 2), 28);
    assert.equal(calendar.monthStart('persian', '2026-12-06'), '2026-11-22'); // 1 Azar 1405
    assert.equal(calendar.nextMonthStart('persian', '2026-12-06'), '2026-12-22'); // 1 Dey 1405
    assert.equal(calendar.nextMonthStart('persian', '2026-03-10'), '2026-03-21'); // Nowruz
    assert.equal(calendar.monthStart('gregory', '2026-12-06'), '2026-12-01');
    assert.equal(calendar.nextMonthStart('gregory', '2026-12-06'), '2027-01-01');
  });

  it('reads a typed day in Persian, Arabic-Indic or Latin digits, and refuses what is not a date', () => {
    for (const text of ['۱۴۰۵/۹/۱۵', '1405-09-15', '١٤٠٥/٠٩/١٥', ' ۱۴۰۵ / ۰۹ / ۱۵ ', '1405.9.15', '۱۴۰۵-۰۹-۱۵']) {
      assert.equal(calendar.parseDay('persian', text), '2026-12-06', text);
    }
    for (const text of ['1404/12/30', '1405/13/01', '1405/00/10', '1405/07/31', 'فردا', '', '15/9/1405', '14055/1/1']) {
      assert.equal(calendar.parseDay('persian', text), null, text);
    }
    assert.equal(calendar.parseDay('gregory', '2026-12-06'), '2026-12-06');
    assert.equal(calendar.parseDay('gregory', '2026/2/29'), null);
    assert.equal(calendar.formatDay('persian', '2026-12-06'), '1405/09/15');
    assert.equal(calendar.formatDay('gregory', '2026-12-06'), '2026-12-06');
  });

  it('day arithmetic, today in a time zone, time zone names', () => {
    assert.equal(calendar.addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(calendar.addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(calendar.daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(calendar.isIsoDay('2023-02-29'), false);
    // 21:00 UTC on 5 December is 00:30 on the 6th in Tehran.
    const at = new Date('2026-12-05T21:00:00Z');
    assert.equal(calendar.todayIn('UTC', at), '2026-12-05');
    assert.equal(calendar.todayIn('Asia/Tehran', at), '2026-12-06');
    for (const name of ['UTC', 'Asia/Tehran', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])
      assert.ok(calendar.isTimeZone(name), name);
    for (const name of ['Mars/Olympus', 'Asia/Tehran;', '', '../x', 'a'.repeat(70)])
      assert.ok(!calendar.isTimeZone(name), name);
  });
});

describe('the trend’s buckets', () => {
  it('the finest of day, week, month whose buckets hold 30 answers on average, at most 120 points', () => {
    assert.equal(chooseBucket(30 * 31, 31), 'day');
    assert.equal(chooseBucket(30 * 31 - 1, 31), 'week');
    assert.equal(chooseBucket(100_000, 365), 'week', 'a year of days is more than 120 points');
    assert.equal(chooseBucket(100_000, 90), 'day');
    assert.equal(chooseBucket(30, 7), 'week', 'one week of 30');
    assert.equal(chooseBucket(29, 7), 'month');
    assert.equal(chooseBucket(130, 30), 'week');
    assert.equal(chooseBucket(10, 3), 'month');
    assert.equal(chooseBucket(0, 1), 'month');
    assert.equal(chooseBucket(1_000_000, 7 * 121), 'month', 'more than 120 weeks');
  });

  it('weeks count from the start of the range; months follow the calendar; both cut to the range', () => {
    const range = { start: '2026-11-01', end: '2026-12-15' };
    assert.deepEqual(bucketOf('day', '2026-11-03', range, 'gregory'), { start: '2026-11-03', end: '2026-11-03' });
    assert.deepEqual(bucketOf('week', '2026-11-03', range, 'gregory'), { start: '2026-11-01', end: '2026-11-07' });
    assert.deepEqual(bucketOf('week', '2026-12-14', range, 'gregory'), { start: '2026-12-13', end: '2026-12-15' });
    assert.deepEqual(bucketOf('month', '2026-11-03', range, 'gregory'), { start: '2026-11-01', end: '2026-11-30' });
    assert.deepEqual(bucketOf('month', '2026-12-06', range, 'gregory'), { start: '2026-12-01', end: '2026-12-15' });
    // Aban 1405 ends on 21 November; Azar runs 22 November to 21 December.
    assert.deepEqual(bucketOf('month', '2026-11-03', range, 'persian'), { start: '2026-11-01', end: '2026-11-21' });
    assert.deepEqual(bucketOf('month', '2026-12-06', range, 'persian'), { start: '2026-11-22', end: '2026-12-15' });
  });
});

const SAMPLES = [
  'می\u200cخواهم',
  'میخواهم',
  'می خواهم',
  'كيفيت عالي',
  'قیمتِ ۱۲۰ هزار',
  'خیلـــی خوب',
  'Great SERVICE',
  'آسان أو إلى ة ۀ ؤ ئ ى',
  'ٱلْحَمْدُ',
  '١٢٣ ۴۵۶ 789',
  '\u202bمتن\u202c\u2067x\u2069\u200e\u200f\u061c',
  'tab\there\nline\u00a0nbsp\u2003em',
  'ZWJ\u200d zero\u200b bom\ufeff',
  'quote \' and " and \\ and %_',
  'É ß Ω emoji 😀',
];

describe('search folding', () => {
  it('folds as Persian readers read', () => {
    assert.equal(foldText('می\u200cخواهم'), 'میخواهم');
    assert.equal(foldText('می خواهم'), 'میخواهم');
    assert.equal(foldText('كيفيت عالي'), 'کیفیتعالی');
    assert.equal(foldText('قیمتِ ۱۲۰'), 'قیمت120');
    assert.equal(foldText('خیلـــی'), 'خیلی');
    assert.equal(foldText('آسان'), 'اسان');
    assert.equal(foldText('Great SERVICE'), 'greatservice');
    assert.equal(foldText('É'), 'É', 'only A–Z change case (as in any database locale)');
    assert.deepEqual(searchTerms('  می‌خواهم   سفارش '), ['میخواهم', 'سفارش']);
    assert.deepEqual(searchTerms('\u200c \u0640'), []);
  });

  for (const backend of backends()) {
    const { it: test, before, after } = backend.test;
    describe(`the stored column folds exactly as the function does (${backend.name})`, () => {
      let store;
      let db;
      before(async () => {
        store = await backend.createStore();
        db = await openDatabase({ databaseUrl: store.env.DATABASE_URL, dataDir: store.env.CSAT_DATA_DIR });
      });
      after(async () => {
        await db?.close();
        await store?.cleanup();
      });
      test('every sample, through SQL and through the stored column', async () => {
        for (const [i, text] of SAMPLES.entries()) {
          const [row] = await db.query(`SELECT ${foldSql('$1::text')} AS folded`, [text]);
          assert.equal(row.folded, foldText(text), JSON.stringify(text));
          const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
          await db.query(
            `INSERT INTO responses (id, revision, complete, survey_id, type, score, comment, locale, page_url,
                                    answered_at, sent_at, received_at, first_received_at)
             VALUES ($1, 1, true, 's', 'nps', 9, $2, 'fa', '', now(), now(), now(), now())`,
            [id, text],
          );
          const [stored] = await db.query('SELECT comment_folded FROM responses WHERE id = $1', [id]);
          assert.equal(stored.comment_folded, foldText(text), JSON.stringify(text));
        }
      });
    });
  }
});
