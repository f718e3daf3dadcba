// Every text of the dashboard in Persian and English. Functions take numbers already formatted
// for the language (see `formatters`), so Persian text gets Persian digits.
// The Persian is written as a Persian speaker would say it, not word for word from English.
// \u200c is the zero-width non-joiner (نیم‌فاصله).

/** Isolates text of unknown direction (survey ids) inside a sentence: FSI … PDI. */
const iso = (text) => `\u2068${text}\u2069`;

const en = {
  title: 'Survey dashboard',
  skip: 'Skip to the content',
  language: 'Language',
  signOut: 'Sign out',
  signedOut: 'Signed out. The token was removed from this tab.',
  noscript: 'The dashboard needs JavaScript.',

  authHeading: 'Admin token',
  authIntro: 'Enter the admin token (CSAT_ADMIN_TOKEN) that the collector printed when it started.',
  tokenLabel: 'Admin token',
  open: 'Open',
  tokenMissing: 'Enter the admin token first.',
  tokenRejected: 'The collector did not accept this token. Check CSAT_ADMIN_TOKEN and enter it again.',
  tokenNeeded: 'Enter the admin token to see the reports.',

  surveys: 'Surveys',
  loadingSurveys: 'Loading the surveys…',
  surveysLoaded: (n, count) => `${n} ${count === 1 ? 'survey' : 'surveys'}.`,
  noSurveys: 'No answers yet. As soon as visitors answer a survey, it appears here.',
  answers: (n, count) => `${n} ${count === 1 ? 'answer' : 'answers'}`,
  lastAnswer: (date) => `last answer ${date}`,
  retry: 'Try again',

  typeName: {
    nps: 'Net Promoter Score (NPS)',
    csat: 'Customer satisfaction (CSAT)',
    ces: 'Customer effort score (CES)',
  },
  typeShort: { nps: 'NPS', csat: 'CSAT', ces: 'CES' },

  reportHeading: (id) => `Report: ${iso(id)}`,
  loadingReport: (id) => `Loading the report of ${iso(id)}…`,
  reportLoaded: (id, n, count) => `Report of ${iso(id)}: ${n} ${count === 1 ? 'answer' : 'answers'}.`,
  emptyReport: 'No answers match these filters. Widen the dates or choose another touchpoint.',
  emptyAnnounced: (id) => `Report of ${iso(id)}: no answers match these filters.`,
  surveyGone: (id) => `The survey ${iso(id)} has no answers any more.`,

  filters: 'Filters',
  from: 'From',
  to: 'To',
  daysUtc: 'Days are counted in UTC; both ends are included.',
  touchpoint: 'Touchpoint',
  allTouchpoints: 'All touchpoints',
  noTouchpoint: '(none)',
  apply: 'Apply',
  clear: 'Clear',
  badRange: 'The start date is after the end date.',
  range: (from, to) =>
    from && to
      ? `Showing ${from} to ${to}.`
      : from
        ? `Showing from ${from}.`
        : to
          ? `Showing until ${to}.`
          : 'Showing every date.',
  csv: 'Download the answers (CSV)',
  csvPreparing: 'Preparing the CSV file…',
  csvReady: 'The CSV file is downloading.',

  headline: 'Headline figure',
  npsRange: (min, max) => `on a scale from ${min} to ${max}`,
  csatMeaning: (a, b) => `of answers are ${a} or ${b}`,
  cesMeaning: (max) => `mean score out of ${max}`,
  cesHigh: (share, a, b) => `${share} answered ${a}–${b}`,
  margin: (m, unit) => `± ${m}${unit ? ` ${unit}` : ''} margin of error (95% confidence)`,
  pointUnit: 'points',
  percentPointUnit: 'percentage points',
  noMargin: 'The margin of error needs at least two answers.',
  n: (n) => `n = ${n}`,

  trend: 'Trend per day',
  trendSummary: (name, days, count, first, last, low, high, latest) =>
    count === 1
      ? `${name} on ${first}: ${latest}.`
      : `${name} per day over ${days} days with answers, from ${first} to ${last}: lowest ${low}, highest ${high}, last ${latest}.`,
  distribution: 'Distribution of scores',
  distributionSummary: (pairs) => `Answers per score: ${pairs}.`,
  scoreCount: (score, count) => `${score}: ${count}`,
  listSeparator: ', ',
  showTable: 'Show as a table',
  day: 'Day',
  score: 'Score',
  count: 'Answers',
  share: 'Share',
  marginHeader: 'Margin (95%)',

  groups: 'Groups',
  group: 'Group',
  scores: 'Scores',
  scoreRange: (a, b) => `${a}–${b}`,
  groupName: {
    detractor: 'Detractors',
    passive: 'Passives',
    promoter: 'Promoters',
    csatLow: 'Not satisfied',
    csatHigh: 'Satisfied',
    cesLow: 'Not easy',
    cesHigh: 'Easy',
  },

  touchpoints: 'Per touchpoint',

  comments: 'Latest comments',
  noComments: 'No comments with these filters.',
  commentScore: (s) => `Score ${s}`,
  commentTouchpoint: (t) => `at ${t}`,

  networkError: 'The collector could not be reached. Check that it is running, then try again.',
  serverError: (status, message) => `The collector answered ${status}${message ? `: ${iso(message)}` : '.'}`,
};

const fa = {
  title: 'داشبورد نظرسنجی\u200cها',
  skip: 'رفتن به محتوای اصلی',
  language: 'زبان',
  signOut: 'خروج',
  signedOut: 'خارج شدید. توکن از این زبانه پاک شد.',
  noscript: 'برای دیدن داشبورد، جاوااسکریپت مرورگر باید روشن باشد.',

  authHeading: 'توکن مدیریت',
  authIntro: 'توکن مدیریت (CSAT_ADMIN_TOKEN) را که گردآورنده هنگام راه\u200cاندازی نشان داد، وارد کنید.',
  tokenLabel: 'توکن مدیریت',
  open: 'باز کردن',
  tokenMissing: 'اول توکن مدیریت را وارد کنید.',
  tokenRejected: 'گردآورنده این توکن را نپذیرفت. مقدار CSAT_ADMIN_TOKEN را بررسی کنید و دوباره واردش کنید.',
  tokenNeeded: 'برای دیدن گزارش\u200cها توکن مدیریت را وارد کنید.',

  surveys: 'نظرسنجی\u200cها',
  loadingSurveys: 'در حال بارگذاری نظرسنجی\u200cها…',
  surveysLoaded: (n) => `${n} نظرسنجی.`,
  noSurveys:
    'هنوز پاسخی نرسیده است. همین که بازدیدکننده\u200cای به نظرسنجی\u200cای پاسخ دهد، اینجا نمایش داده می\u200cشود.',
  answers: (n) => `${n} پاسخ`,
  lastAnswer: (date) => `آخرین پاسخ: ${date}`,
  retry: 'تلاش دوباره',

  typeName: { nps: 'شاخص خالص مروجان (NPS)', csat: 'رضایت مشتری (CSAT)', ces: 'شاخص سهولت مشتری (CES)' },
  typeShort: { nps: 'NPS', csat: 'CSAT', ces: 'CES' },

  reportHeading: (id) => `گزارش ${iso(id)}`,
  loadingReport: (id) => `در حال بارگذاری گزارش ${iso(id)}…`,
  reportLoaded: (id, n) => `گزارش ${iso(id)}: ${n} پاسخ.`,
  emptyReport: 'هیچ پاسخی با این فیلترها پیدا نشد. بازهٔ تاریخ را بازتر کنید یا نقطهٔ تماس دیگری را انتخاب کنید.',
  emptyAnnounced: (id) => `گزارش ${iso(id)}: هیچ پاسخی با این فیلترها پیدا نشد.`,
  surveyGone: (id) => `نظرسنجی ${iso(id)} دیگر پاسخی ندارد.`,

  filters: 'فیلترها',
  from: 'از تاریخ',
  to: 'تا تاریخ',
  daysUtc: 'روزها به وقت جهانی (UTC) حساب می\u200cشوند و هر دو سر بازه را شامل می\u200cشوند.',
  touchpoint: 'نقطهٔ تماس',
  allTouchpoints: 'همهٔ نقاط تماس',
  noTouchpoint: '(بدون نقطهٔ تماس)',
  apply: 'اعمال فیلترها',
  clear: 'پاک کردن فیلترها',
  badRange: 'تاریخ شروع بعد از تاریخ پایان است.',
  range: (from, to) =>
    from && to
      ? `بازهٔ نمایش: از ${from} تا ${to}.`
      : from
        ? `بازهٔ نمایش: از ${from} به بعد.`
        : to
          ? `بازهٔ نمایش: تا ${to}.`
          : 'بازهٔ نمایش: همهٔ تاریخ\u200cها.',
  csv: 'دریافت پاسخ\u200cها (CSV)',
  csvPreparing: 'در حال آماده\u200cسازی فایل CSV…',
  csvReady: 'دریافت فایل CSV شروع شد.',

  headline: 'شاخص اصلی',
  npsRange: (min, max) => `در بازهٔ ${min} تا ${max}`,
  csatMeaning: (a, b) => `از پاسخ\u200cها ${a} یا ${b} بوده\u200cاند`,
  cesMeaning: (max) => `میانگین امتیاز از ${max}`,
  cesHigh: (share, a, b) => `${share} از پاسخ\u200cدهندگان امتیاز ${a} تا ${b} داده\u200cاند`,
  margin: (m, unit) => `حاشیهٔ خطا: ± ${m}${unit ? ` ${unit}` : ''} (با اطمینان ۹۵٪)`,
  pointUnit: 'واحد',
  percentPointUnit: 'واحد درصد',
  noMargin: 'برای محاسبهٔ حاشیهٔ خطا دست\u200cکم دو پاسخ لازم است.',
  n: (n) => `تعداد پاسخ\u200cها: ${n}`,

  trend: 'روند روزانه',
  trendSummary: (name, days, count, first, last, low, high, latest) =>
    count === 1
      ? `${name} در ${first}: ${latest}.`
      : `${name} در ${days} روزِ دارای پاسخ، از ${first} تا ${last}: کمترین ${low}، بیشترین ${high} و آخرین ${latest}.`,
  distribution: 'توزیع امتیازها',
  distributionSummary: (pairs) => `تعداد پاسخ به تفکیک امتیاز: ${pairs}.`,
  scoreCount: (score, count) => `امتیاز ${score}: ${count}`,
  listSeparator: '، ',
  showTable: 'نمایش به\u200cصورت جدول',
  day: 'روز',
  score: 'امتیاز',
  count: 'تعداد پاسخ',
  share: 'سهم',
  marginHeader: 'حاشیهٔ خطا (۹۵٪)',

  groups: 'گروه\u200cها',
  group: 'گروه',
  scores: 'امتیازها',
  scoreRange: (a, b) => `${a} تا ${b}`,
  groupName: {
    detractor: 'منتقدان',
    passive: 'بی\u200cطرف\u200cها',
    promoter: 'مروجان',
    csatLow: 'ناراضی یا بی\u200cنظر',
    csatHigh: 'راضی',
    cesLow: 'نه چندان آسان',
    cesHigh: 'آسان',
  },

  touchpoints: 'به تفکیک نقطهٔ تماس',

  comments: 'تازه\u200cترین نظرها',
  noComments: 'با این فیلترها نظری ثبت نشده است.',
  commentScore: (s) => `امتیاز ${s}`,
  commentTouchpoint: (t) => `در ${t}`,

  networkError: 'دسترسی به گردآورنده ممکن نشد. مطمئن شوید در حال اجراست و دوباره تلاش کنید.',
  serverError: (status, message) => `گردآورنده با خطای ${status} پاسخ داد${message ? `: ${iso(message)}` : '.'}`,
};

export const STRINGS = { en, fa };
export const LANGUAGES = ['fa', 'en'];

/** Number and date formatting for a language: Persian digits and calendar in fa, Gregorian in en. */
export function formatters(lang) {
  const cache = new Map();
  const nf = (options) => {
    const key = JSON.stringify(options);
    if (!cache.has(key)) cache.set(key, new Intl.NumberFormat(lang, options));
    return cache.get(key);
  };
  const calendar = lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-u-ca-gregory';
  const day = new Intl.DateTimeFormat(calendar, { dateStyle: 'medium', timeZone: 'UTC' });
  const shortDay = new Intl.DateTimeFormat(calendar, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const moment = new Intl.DateTimeFormat(calendar, { dateStyle: 'medium', timeStyle: 'short' });
  const toDay = (iso) => new Date(`${iso}T00:00:00Z`);
  const date = new Intl.DateTimeFormat(calendar, { dateStyle: 'medium' });
  // A time the browser cannot show (none, or outside what Date holds) is a dash, never an error.
  const shown = (format, time) => (time && !Number.isNaN(time.getTime()) ? format.format(time) : '—');
  const moment_ = (iso) => (typeof iso === 'string' ? new Date(iso) : undefined);
  return {
    int: (n) => nf({ maximumFractionDigits: 0, signDisplay: 'negative' }).format(n),
    /** With its sign, as in "+100". */
    signed: (n) => nf({ maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(n),
    num: (n, digits) =>
      nf({ minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'negative' }).format(n),
    /** `value` in percent (0…100). */
    percent: (value, digits = 0) => nf({ style: 'percent', maximumFractionDigits: digits }).format(value / 100),
    /** A UTC day given as YYYY-MM-DD. */
    day: (iso) => shown(day, toDay(iso)),
    shortDay: (iso) => shown(shortDay, toDay(iso)),
    /** A moment (ISO time), in the browser's time zone. */
    moment: (iso) => shown(moment, moment_(iso)),
    /** The calendar day of a moment, in the browser's time zone. */
    date: (iso) => shown(date, moment_(iso)),
  };
}
