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
  addToSite: 'Add to your site',
  backToReports: 'Back to the reports',
  siteTitle: 'Add a survey to your site',
  siteIntro:
    'Three steps: allow your site on this collector, choose the survey, and paste the snippet into your pages. The script comes from this collector, checked by its integrity value: no other server is involved.',
  siteStep1: '1. Your site',
  siteOriginLabel: 'Your site’s address',
  siteOriginHint: 'As visitors see it, such as https://shop.example.com. Only the origin counts: no path.',
  siteOriginBad: (why) => `This is not a site address: ${why}`,
  siteAllowed: (origin) => `${iso(origin)} may send answers to this collector.`,
  siteAllowedFrom: {
    environment: 'It is in CSAT_ALLOWED_ORIGINS.',
    database: 'It was added here; every collector on this database accepts it.',
  },
  siteNotAllowed: (origin) =>
    `${iso(origin)} may not send answers yet: its visitors would see the survey, but every answer would be refused (403) and kept on their devices until you allow it.`,
  siteAllow: (origin) => `Allow ${iso(origin)}`,
  siteAllowedNow: (origin) =>
    `${iso(origin)} is allowed now; answers waiting on visitors’ devices arrive on their next visit.`,
  siteOrSet: 'Or set it where the collector starts (this keeps the origins allowed now):',
  siteOrigins: 'Allowed sites',
  siteNoOrigins: 'No site is allowed yet.',
  siteRemove: (origin) => `Remove ${iso(origin)}`,
  siteFromEnvironment: 'from CSAT_ALLOWED_ORIGINS',
  siteStep2: '2. The survey',
  siteType: 'Question',
  siteSurveyId: 'Survey id',
  siteSurveyIdHint: 'Answers are grouped by it in the reports: 1–64 characters of a–z, 0–9, - and _.',
  siteSurveyIdBad: 'Use 1–64 characters of a–z, 0–9, - and _.',
  siteLanguage: 'Language',
  siteMode: 'Where it shows',
  siteModeInline: 'In the page, where you paste it',
  siteModePopover: 'Floating in a corner (popover)',
  siteSubject: 'What it asks about (optional)',
  siteSubjectHint: 'Put into the question: “How likely are you to recommend … to a friend?”',
  siteStep3: '3. Paste this into your pages',
  siteSnippetIntro: (version) =>
    `The script of csat-survey ${version}, from this collector, with its integrity value. Put the script once per page, before </body>, and the element where the survey should be.`,
  siteCopy: 'Copy the snippet',
  siteCopied: 'The snippet is copied.',
  siteCopyFailed: 'The browser did not allow copying: select the snippet and copy it.',
  siteDownload: 'Download csat-survey.js',
  siteDownloadHint: (size) =>
    `To host the script yourself (${size}); keep the integrity value, which matches this file, or drop the attribute if you change it.`,
  siteScriptMissing: (why) => `This collector cannot serve the script: ${iso(why)}`,
  siteLoading: 'Loading…',
  kilobytes: (n) => `${n} kB`,
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
  addToSite: 'افزودن به سایت',
  backToReports: 'بازگشت به گزارش\u200cها',
  siteTitle: 'افزودن نظرسنجی به سایت',
  siteIntro:
    'سه قدم: سایتتان را روی این سرور مجاز کنید، نظرسنجی را انتخاب کنید و کد را در صفحه\u200cهایتان بگذارید. اسکریپت از همین سرور می\u200cآید و با مقدار integrity بررسی می\u200cشود؛ هیچ سرور دیگری در کار نیست.',
  siteStep1: '۱. سایت شما',
  siteOriginLabel: 'نشانی سایت شما',
  siteOriginHint:
    'همان\u200cطور که بازدیدکننده می\u200cبیند، مثلاً https://shop.example.com. فقط خود دامنه مهم است، بدون مسیر.',
  siteOriginBad: (why) => `این نشانی سایت نیست: ${why}`,
  siteAllowed: (origin) => `${iso(origin)} اجازه دارد پاسخ\u200cها را به این سرور بفرستد.`,
  siteAllowedFrom: {
    environment: 'در CSAT_ALLOWED_ORIGINS آمده است.',
    database: 'همین\u200cجا افزوده شده و همهٔ سرورهایی که از این پایگاه داده استفاده می\u200cکنند آن را می\u200cپذیرند.',
  },
  siteNotAllowed: (origin) =>
    `${iso(origin)} هنوز اجازهٔ فرستادن پاسخ ندارد: بازدیدکننده\u200cها نظرسنجی را می\u200cبینند، اما هر پاسخ رد می\u200cشود (۴۰۳) و تا وقتی اجازه بدهید روی دستگاهشان می\u200cماند.`,
  siteAllow: (origin) => `اجازه به ${iso(origin)}`,
  siteAllowedNow: (origin) =>
    `${iso(origin)} اکنون مجاز است؛ پاسخ\u200cهایی که روی دستگاه بازدیدکننده\u200cها مانده\u200cاند، در بازدید بعدی\u200cشان می\u200cرسند.`,
  siteOrSet: 'یا آن را جایی که سرور را راه می\u200cاندازید تنظیم کنید (نشانی\u200cهای مجاز کنونی هم در آن هست):',
  siteOrigins: 'سایت\u200cهای مجاز',
  siteNoOrigins: 'هنوز هیچ سایتی مجاز نشده است.',
  siteRemove: (origin) => `حذف ${iso(origin)}`,
  siteFromEnvironment: 'از CSAT_ALLOWED_ORIGINS',
  siteStep2: '۲. نظرسنجی',
  siteType: 'پرسش',
  siteSurveyId: 'شناسهٔ نظرسنجی',
  siteSurveyIdHint:
    'گزارش\u200cها پاسخ\u200cها را با همین شناسه دسته\u200cبندی می\u200cکنند: ۱ تا ۶۴ نویسه از a تا z، ۰ تا ۹، - و _.',
  siteSurveyIdBad: '۱ تا ۶۴ نویسه از a تا z، ۰ تا ۹، - و _ به کار ببرید.',
  siteLanguage: 'زبان',
  siteMode: 'محل نمایش',
  siteModeInline: 'در خود صفحه، همان\u200cجا که کد را می\u200cگذارید',
  siteModePopover: 'شناور در گوشهٔ صفحه',
  siteSubject: 'دربارهٔ چه چیزی می\u200cپرسد (اختیاری)',
  siteSubjectHint: 'در پرسش می\u200cنشیند: «چقدر احتمال دارد … را به دوستانتان توصیه کنید؟»',
  siteStep3: '۳. این کد را در صفحه\u200cهایتان بگذارید',
  siteSnippetIntro: (version) =>
    `اسکریپت csat-survey نسخهٔ ${version}، از همین سرور، با مقدار integrity آن. اسکریپت را یک بار در هر صفحه پیش از </body> بگذارید و عنصر را همان\u200cجا که نظرسنجی باید باشد.`,
  siteCopy: 'کپی کد',
  siteCopied: 'کد کپی شد.',
  siteCopyFailed: 'مرورگر اجازهٔ کپی نداد: کد را انتخاب و کپی کنید.',
  siteDownload: 'دریافت csat-survey.js',
  siteDownloadHint: (size) =>
    `برای میزبانی اسکریپت روی سرور خودتان (${size})؛ مقدار integrity با همین فایل جور است؛ اگر فایل را تغییر دادید، این ویژگی را بردارید.`,
  siteScriptMissing: (why) => `این سرور نمی\u200cتواند اسکریپت را بدهد: ${iso(why)}`,
  siteLoading: 'در حال بارگذاری…',
  kilobytes: (n) => `${n} کیلوبایت`,
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
