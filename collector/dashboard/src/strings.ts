/**
 * Every text of the dashboard in Persian and English. Functions take numbers and dates already
 * formatted for the language (format.ts), so Persian text gets Persian digits. The Persian is written
 * as a Persian speaker would say it, not word for word from English. \u200c is the zero-width
 * non-joiner (نیم‌فاصله); FSI…PDI (iso) isolates text of unknown direction inside a sentence.
 */
export type Lang = 'fa' | 'en';
export const LANGUAGES: readonly Lang[] = ['fa', 'en'];

const iso = (text: string) => `\u2068${text}\u2069`;

type Kind = 'nps' | 'csat' | 'ces';

const en = {
  title: 'Survey dashboard',
  skip: 'Skip to the content',
  language: 'Language',
  signOut: 'Sign out',
  signedOut: 'Signed out. The token was removed from this tab.',
  addToSite: 'Add to your site',
  alerts: 'Alerts',
  backToReports: 'Back to the reports',

  authHeading: 'Admin token',
  authIntro: 'Enter the admin token (CSAT_ADMIN_TOKEN) that the collector printed when it started.',
  tokenLabel: 'Admin token',
  open: 'Open',
  tokenMissing: 'Enter the admin token first.',
  tokenRejected: 'The collector did not accept this token. Check CSAT_ADMIN_TOKEN and enter it again.',
  tokenNeeded: 'Enter the admin token to see the reports.',

  surveys: 'Surveys',
  survey: 'Survey',
  loadingSurveys: 'Loading the surveys…',
  surveysLoaded: (n: string, count: number) => `${n} ${count === 1 ? 'survey' : 'surveys'}.`,
  noSurveys: 'No answers yet. As soon as visitors answer a survey, it appears here.',
  answers: (n: string, count: number) => `${n} ${count === 1 ? 'answer' : 'answers'}`,
  lastAnswer: (date: string) => `last answer ${date}`,
  retry: 'Try again',

  typeName: {
    nps: 'Net Promoter Score (NPS)',
    csat: 'Customer satisfaction (CSAT)',
    ces: 'Customer effort score (CES)',
  } as Record<Kind, string>,
  typeShort: { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as Record<Kind, string>,

  reportHeading: (id: string) => `Report: ${iso(id)}`,
  loadingReport: (id: string) => `Loading the report of ${iso(id)}…`,
  reportLoaded: (id: string, n: string, count: number) =>
    `Report of ${iso(id)}: ${n} ${count === 1 ? 'answer' : 'answers'}.`,
  emptyReport: 'No answers match these filters. Choose a longer period or another touchpoint.',
  showAll: 'Show every date',
  emptyAnnounced: (id: string) => `Report of ${iso(id)}: no answers match these filters.`,
  surveyGone: (id: string) => `The survey ${iso(id)} has no answers any more.`,

  filters: 'Filters',
  period: 'Period',
  presets: {
    '7d': 'Last 7 days',
    '30d': 'Last 30 days',
    '90d': 'Last 90 days',
    'this-month': 'This month',
    'last-month': 'Last month',
    all: 'Every date',
    custom: 'Dates of your choice',
  } as Record<string, string>,
  from: 'From',
  to: 'To',
  dateHint: 'As year-month-day, such as 2026-12-06.',
  dateBad: 'Not a date: write it as year-month-day, such as 2026-12-06.',
  timeZone: 'Time zone',
  timeZoneHint: 'An IANA name, such as Asia/Tehran or Europe/Berlin.',
  timeZoneBad: 'Not a time zone this browser knows: use an IANA name, such as Asia/Tehran.',
  touchpoint: 'Touchpoint',
  allTouchpoints: 'All touchpoints',
  noTouchpoint: '(none)',
  apply: 'Apply',
  clear: 'Clear',
  badRange: 'The start date is after the end date.',
  range: (from: string, to: string) =>
    from && to
      ? `Showing ${from} to ${to}, both days included.`
      : from
        ? `Showing from ${from}.`
        : to
          ? `Showing until ${to}.`
          : 'Showing every date.',
  days: (zone: string, offset: string) => `Days run from midnight to midnight in ${iso(zone)} (${offset}).`,
  csv: 'Export this view (CSV)',
  csvHint: 'The answers of this period and touchpoint, with the comment filters below when set.',
  csvPreparing: 'Preparing the CSV file…',
  csvReady: 'The CSV file is downloading.',

  headline: 'Headline figure',
  npsRange: (min: string, max: string) => `on a scale from ${min} to ${max}`,
  csatMeaning: (a: string, b: string) => `of answers are ${a} or ${b}`,
  cesMeaning: (max: string) => `mean score out of ${max}`,
  cesHigh: (share: string, a: string, b: string) => `${share} answered ${a}–${b}`,
  between: (lower: string, upper: string) => `Likely between ${lower} and ${upper}`,
  withMargin: (between: string, margin: string) => `${between}; ${margin}`,
  margin: (m: string, unit: string) => `margin of error up to ±${m}${unit ? ` ${unit}` : ''} (95% confidence level)`,
  pointUnit: 'points',
  percentPointUnit: 'percentage points',
  noInterval: 'The interval needs at least two answers.',
  fewAnswers: (n: string) => `Few answers (${n}, fewer than 30): read with care.`,
  n: (n: string) => `n = ${n}`,
  change: (name: string, direction: 'up' | 'down' | 'same', amount: string, unit: string, from: string, to: string) =>
    direction === 'same'
      ? `${name} did not change against ${from} to ${to}`
      : `${name} ${direction === 'up' ? 'rose' : 'fell'} ${amount}${unit ? ` ${unit}` : ''} against ${from} to ${to}`,
  verdict: (change: string, verdict: string) => `${change}; ${verdict}`,
  beyondChance: 'that is more than chance explains.',
  withinChance: 'that is within what chance explains.',
  changeInterval: (lower: string, upper: string) => `95% interval of the change: ${lower} to ${upper}.`,
  noComparison: (from: string, to: string) => `No answers from ${from} to ${to} to compare with.`,
  responseRate: (rate: string, lower: string, upper: string, displays: string) =>
    `Response rate ${rate} (likely ${lower} to ${upper}) of ${displays} times shown.`,
  noDisplays: 'Response rate: no displays were recorded in this period (older versions of the widget send none).',
  fewerDisplays: (displays: string) =>
    `Response rate: only ${displays} displays were recorded, fewer than the answers (older versions of the widget send none).`,
  completion: (rate: string, lower: string, upper: string) =>
    `Completed (a comment or the last step): ${rate} (likely ${lower} to ${upper}).`,

  trend: 'Trend',
  bucketLabel: 'Group by',
  bucketAuto: (chosen: string) => `Automatic (${chosen})`,
  bucketName: { day: 'day', week: 'week', month: 'month' } as Record<string, string>,
  bucketRule: 'Automatic: the shortest of day, week and month that holds 30 answers per point on average.',
  legend: (name: string, bucket: string) => `Line: ${name} per ${bucket}. Band: its 95% interval.`,
  trendSummary: (
    name: string,
    points: string,
    count: number,
    first: string,
    last: string,
    low: string,
    high: string,
  ) =>
    count === 1
      ? `${name} from ${first} to ${last}: ${low}.`
      : `${name} over ${points} points from ${first} to ${last}: lowest ${low}, highest ${high}.`,
  noTrend: 'No answers in this period.',
  distribution: 'Distribution of scores',
  distributionSummary: (pairs: string) => `Answers per score: ${pairs}.`,
  scoreCount: (score: string, count: string) => `${score}: ${count}`,
  listSeparator: ', ',
  showTable: 'Show as a table',
  period_: 'Period',
  score: 'Score',
  count: 'Answers',
  share: 'Share',
  interval: '95% interval',
  displays: 'Shown',
  rate: 'Response rate',
  dayRange: (from: string, to: string) => (from === to ? from : `${from} – ${to}`),
  intervalText: (lower: string, upper: string) => `${lower} to ${upper}`,

  groups: 'Groups',
  group: 'Group',
  scores: 'Scores',
  scoreRange: (a: string, b: string) => `${a}–${b}`,
  groupName: {
    detractor: 'Detractors',
    passive: 'Passives',
    promoter: 'Promoters',
    csatlow: 'Not satisfied',
    csathigh: 'Satisfied',
    ceslow: 'Not easy',
    ceshigh: 'Easy',
  } as Record<string, string>,

  touchpoints: 'Per touchpoint',

  comments: 'Comments',
  search: 'Search the comments',
  searchHint: 'Finds every word, in any form of Persian letters, digits and spacing.',
  searchButton: 'Search',
  anyGroup: 'Every group',
  anyScore: 'Every score',
  anyLanguage: 'Every language',
  languageLabel: 'Language of the answer',
  commentsShown: (shown: string, total: string) => `Showing ${shown} of ${total} comments.`,
  noComments: 'No comments with these filters.',
  more: 'Show more comments',
  loadingComments: 'Loading the comments…',
  commentScore: (s: string) => `Score ${s}`,
  commentTouchpoint: 'touchpoint',
  commentLocale: 'language',
  commentPage: 'page',
  commentIncomplete: 'not finished',

  networkError: 'The response server could not be reached. Check that it is running, then try again.',
  serverError: (status: string, message: string) =>
    `The response server answered ${status}${message ? `: ${iso(message)}` : '.'}`,

  siteTitle: 'Add a survey to your site',
  siteIntro:
    'Three steps: allow your site on this server, choose the survey, and paste the snippet into your pages. The script comes from this server, checked by its integrity value: no other server is involved.',
  siteStep1: '1. Your site',
  siteOriginLabel: 'Your site’s address',
  siteOriginHint: 'As visitors see it, such as https://shop.example.com. Only the origin counts: no path.',
  siteOriginBad: (why: string) => `This is not a site address: ${why}`,
  siteAllowed: (origin: string) => `${iso(origin)} may send answers to this collector.`,
  siteAllowedFrom: {
    environment: 'It is in CSAT_ALLOWED_ORIGINS.',
    database: 'It was added here; every collector on this database accepts it.',
  } as Record<string, string>,
  siteNotAllowed: (origin: string) =>
    `${iso(origin)} may not send answers yet: its visitors would see the survey, but every answer would be refused (403) and kept on their devices until you allow it.`,
  siteAllow: (origin: string) => `Allow ${iso(origin)}`,
  siteAllowedNow: (origin: string) =>
    `${iso(origin)} is allowed now; answers waiting on visitors’ devices arrive on their next visit.`,
  siteOrSet: 'Or set it where the collector starts (this keeps the origins allowed now):',
  siteOrigins: 'Allowed sites',
  siteNoOrigins: 'No site is allowed yet.',
  siteRemove: (origin: string) => `Remove ${iso(origin)}`,
  siteFromEnvironment: 'from CSAT_ALLOWED_ORIGINS',
  siteStep2: '2. The survey',
  siteType: 'Question',
  siteSurveyId: 'Survey id',
  siteSurveyIdHint: 'Answers are grouped by it in the reports: 1–64 characters of a–z, 0–9, - and _.',
  siteLanguage: 'Language',
  siteMode: 'Where it shows',
  siteModeInline: 'In the page, where you paste it',
  siteModePopover: 'Floating in a corner (popover)',
  siteSubject: 'What it asks about (optional)',
  siteSubjectHint: 'Put into the question: “How likely are you to recommend … to a friend?”',
  siteStep3: '3. Paste this into your pages',
  siteSnippetIntro: (version: string) =>
    `The script of csat-survey ${version}, from this collector, with its integrity value. Put the script once per page, before </body>, and the element where the survey should be.`,
  siteCopy: 'Copy the snippet',
  siteCopied: 'The snippet is copied.',
  siteCopyFailed: 'The browser did not allow copying: select the snippet and copy it.',
  siteDownload: 'Download csat-survey.js',
  siteDownloadHint: (size: string, integrity: string) =>
    `To host the script yourself: the whole widget in one file (${size}). Point the snippet's src at where you put it and set its integrity to ${iso(integrity)}, or drop the attribute if you change the file.`,
  siteScriptMissing: (why: string) => `This collector cannot serve the script: ${iso(why)}`,
  siteLoading: 'Loading…',
  kilobytes: (n: string) => `${n} kB`,
};

export type Strings = typeof en;

const fa: Strings = {
  title: 'داشبورد نظرسنجی\u200cها',
  skip: 'رفتن به محتوای اصلی',
  language: 'زبان',
  signOut: 'خروج',
  signedOut: 'خارج شدید. توکن از این زبانه پاک شد.',
  addToSite: 'افزودن به سایت',
  alerts: 'هشدارها',
  backToReports: 'بازگشت به گزارش\u200cها',

  authHeading: 'توکن مدیریت',
  authIntro:
    'توکن مدیریت (CSAT_ADMIN_TOKEN) را که سرور گردآوری پاسخ\u200cها هنگام راه\u200cاندازی نشان داد، وارد کنید.',
  tokenLabel: 'توکن مدیریت',
  open: 'باز کردن',
  tokenMissing: 'اول توکن مدیریت را وارد کنید.',
  tokenRejected: 'سرور این توکن را نپذیرفت. مقدار CSAT_ADMIN_TOKEN را بررسی کنید و دوباره واردش کنید.',
  tokenNeeded: 'برای دیدن گزارش\u200cها توکن مدیریت را وارد کنید.',

  surveys: 'نظرسنجی\u200cها',
  survey: 'نظرسنجی',
  loadingSurveys: 'در حال بارگذاری نظرسنجی\u200cها…',
  surveysLoaded: (n) => `${n} نظرسنجی.`,
  noSurveys:
    'هنوز پاسخی نرسیده است. همین که بازدیدکننده\u200cای به نظرسنجی\u200cای پاسخ دهد، همان نظرسنجی اینجا نمایش داده می\u200cشود.',
  answers: (n) => `${n} پاسخ`,
  lastAnswer: (date) => `آخرین پاسخ: ${date}`,
  retry: 'تلاش دوباره',

  typeName: { nps: 'شاخص خالص مروجان (NPS)', csat: 'رضایت مشتری (CSAT)', ces: 'شاخص سهولت مشتری (CES)' },
  typeShort: { nps: 'NPS', csat: 'CSAT', ces: 'CES' },

  reportHeading: (id) => `گزارش ${iso(id)}`,
  loadingReport: (id) => `در حال بارگذاری گزارش ${iso(id)}…`,
  reportLoaded: (id, n) => `گزارش ${iso(id)}: ${n} پاسخ.`,
  emptyReport:
    'هیچ پاسخی با این فیلترها پیدا نشد. بازهٔ تاریخ را گسترده\u200cتر کنید یا نقطهٔ تماس دیگری را انتخاب کنید.',
  showAll: 'نمایش همهٔ تاریخ\u200cها',
  emptyAnnounced: (id) => `گزارش ${iso(id)}: هیچ پاسخی با این فیلترها پیدا نشد.`,
  surveyGone: (id) => `نظرسنجی ${iso(id)} دیگر پاسخی ندارد.`,

  filters: 'فیلترها',
  period: 'بازهٔ زمانی',
  presets: {
    '7d': '۷ روز اخیر',
    '30d': '۳۰ روز اخیر',
    '90d': '۹۰ روز اخیر',
    'this-month': 'این ماه',
    'last-month': 'ماه قبل',
    all: 'همهٔ تاریخ\u200cها',
    custom: 'تاریخ دلخواه',
  },
  from: 'از تاریخ',
  to: 'تا تاریخ',
  dateHint: 'به\u200cصورت سال/ماه/روز، مثلاً ۱۴۰۵/۹/۱۵.',
  dateBad: 'این تاریخ درست نیست: آن را به\u200cصورت سال/ماه/روز بنویسید، مثلاً ۱۴۰۵/۹/۱۵.',
  timeZone: 'منطقهٔ زمانی',
  timeZoneHint: 'نام استاندارد IANA، مثلاً Asia/Tehran یا Europe/Berlin.',
  timeZoneBad: 'مرورگر این منطقهٔ زمانی را نمی\u200cشناسد: نام استاندارد IANA را بنویسید، مثلاً Asia/Tehran.',
  touchpoint: 'نقطهٔ تماس',
  allTouchpoints: 'همهٔ نقاط تماس',
  noTouchpoint: '(بدون نقطهٔ تماس)',
  apply: 'اعمال فیلترها',
  clear: 'پاک کردن فیلترها',
  badRange: 'تاریخ شروع بعد از تاریخ پایان است.',
  range: (from, to) =>
    from && to
      ? `بازهٔ نمایش: از ${from} تا ${to}؛ روز شروع و روز پایان هم جزو بازه\u200cاند.`
      : from
        ? `بازهٔ نمایش: از ${from} به بعد.`
        : to
          ? `بازهٔ نمایش: تا ${to}.`
          : 'بازهٔ نمایش: همهٔ تاریخ\u200cها.',
  days: (zone, offset) => `روزها از نیمه\u200cشب تا نیمه\u200cشب به وقت ${iso(zone)} (${offset}) حساب می\u200cشوند.`,
  csv: 'خروجی همین نما (CSV)',
  csvHint: 'پاسخ\u200cهای همین بازه و نقطهٔ تماس، و اگر فیلتری برای نظرها گذاشته\u200cاید، با همان فیلترها.',
  csvPreparing: 'در حال آماده\u200cسازی فایل CSV…',
  csvReady: 'دریافت فایل CSV شروع شد.',

  headline: 'شاخص اصلی',
  npsRange: (min, max) => `در بازهٔ ${min} تا ${max}`,
  csatMeaning: (a, b) => `از پاسخ\u200cها ${a} یا ${b} بوده\u200cاند`,
  cesMeaning: (max) => `میانگین امتیاز از ${max}`,
  cesHigh: (share, a, b) => `${share} از پاسخ\u200cدهندگان امتیاز ${a} تا ${b} داده\u200cاند`,
  between: (lower, upper) => `به احتمال زیاد بین ${lower} و ${upper}`,
  withMargin: (between, margin) => `${between}؛ ${margin}`,
  margin: (m, unit) => `حاشیهٔ خطا: تا ±${m}${unit ? ` ${unit}` : ''} (سطح اطمینان ۹۵٪)`,
  pointUnit: 'امتیاز',
  percentPointUnit: 'واحد درصد',
  noInterval: 'برای محاسبهٔ بازهٔ اطمینان دست\u200cکم دو پاسخ لازم است.',
  fewAnswers: (n) => `پاسخ\u200cها کم است (${n} پاسخ، کمتر از ۳۰)؛ با احتیاط بخوانید.`,
  n: (n) => `تعداد پاسخ\u200cها: ${n}`,
  change: (name, direction, amount, unit, from, to) =>
    direction === 'same'
      ? `${name} نسبت به ${from} تا ${to} تغییری نکرده است`
      : `${name} نسبت به ${from} تا ${to}، ${amount}${unit ? ` ${unit}` : ''} ${direction === 'up' ? 'بالا رفته' : 'پایین آمده'} است`,
  verdict: (change, verdict) => `${change}؛ ${verdict}`,
  beyondChance: 'این تغییر بیشتر از آن است که تصادف توضیحش دهد.',
  withinChance: 'این تغییر در حدی است که تصادف هم توضیحش می\u200cدهد.',
  changeInterval: (lower, upper) => `بازهٔ اطمینان ۹۵٪ تغییر: از ${lower} تا ${upper}.`,
  noComparison: (from, to) => `از ${from} تا ${to} پاسخی نیست که با آن مقایسه شود.`,
  responseRate: (rate, lower, upper, displays) =>
    `نرخ پاسخ: ${rate} (به احتمال زیاد بین ${lower} و ${upper}) از ${displays} بار نمایش.`,
  noDisplays:
    'نرخ پاسخ: در این بازه نمایشی ثبت نشده است (نسخه\u200cهای قدیمی\u200cتر ابزارک نمایش را گزارش نمی\u200cکنند).',
  fewerDisplays: (displays) =>
    `نرخ پاسخ: فقط ${displays} نمایش ثبت شده که از تعداد پاسخ\u200cها کمتر است (نسخه\u200cهای قدیمی\u200cتر ابزارک نمایش را گزارش نمی\u200cکنند).`,
  completion: (rate, lower, upper) =>
    `پاسخ\u200cهای کامل (با نظر متنی یا تا قدم آخر): ${rate} (به احتمال زیاد بین ${lower} و ${upper}).`,

  trend: 'روند',
  bucketLabel: 'گروه\u200cبندی',
  bucketAuto: (chosen) => `خودکار (${chosen})`,
  bucketName: { day: 'روزانه', week: 'هفتگی', month: 'ماهانه' },
  bucketRule:
    'خودکار: کوتاه\u200cترین بازه از روز، هفته و ماه که هر نقطه\u200cاش به\u200cطور میانگین دست\u200cکم ۳۰ پاسخ داشته باشد.',
  legend: (name, bucket) => `خط: ${name} (${bucket}). نوار: بازهٔ اطمینان ۹۵٪ آن.`,
  trendSummary: (name, points, count, first, last, low, high) =>
    count === 1
      ? `${name} از ${first} تا ${last}: ${low}.`
      : `${name} در ${points} نقطه از ${first} تا ${last}: کمترین ${low} و بیشترین ${high}.`,
  noTrend: 'در این بازه پاسخی نیست.',
  distribution: 'توزیع امتیازها',
  distributionSummary: (pairs) => `تعداد پاسخ به تفکیک امتیاز: ${pairs}.`,
  scoreCount: (score, count) => `امتیاز ${score}: ${count}`,
  listSeparator: '، ',
  showTable: 'نمایش به\u200cصورت جدول',
  period_: 'بازه',
  score: 'امتیاز',
  count: 'تعداد پاسخ',
  share: 'سهم',
  interval: 'بازهٔ اطمینان ۹۵٪',
  displays: 'دفعات نمایش',
  rate: 'نرخ پاسخ',
  dayRange: (from, to) => (from === to ? from : `${from} تا ${to}`),
  intervalText: (lower, upper) => `${lower} تا ${upper}`,

  groups: 'گروه\u200cها',
  group: 'گروه',
  scores: 'امتیازها',
  scoreRange: (a, b) => `${a} تا ${b}`,
  groupName: {
    detractor: 'منتقدان',
    passive: 'بی\u200cطرفان',
    promoter: 'مروجان',
    csatlow: 'ناراضی یا بی\u200cنظر',
    csathigh: 'راضی',
    ceslow: 'نه چندان آسان',
    ceshigh: 'آسان',
  },

  touchpoints: 'به تفکیک نقطهٔ تماس',

  comments: 'نظرها',
  search: 'جست\u200cوجو در نظرها',
  searchHint:
    'همهٔ واژه\u200cها را پیدا می\u200cکند، با هر شکل نوشتن حروف، عددها و فاصله\u200cها (مثلاً «میخواهم» و «می\u200cخواهم»).',
  searchButton: 'جست\u200cوجو',
  anyGroup: 'همهٔ گروه\u200cها',
  anyScore: 'همهٔ امتیازها',
  anyLanguage: 'همهٔ زبان\u200cها',
  languageLabel: 'زبان پاسخ',
  commentsShown: (shown, total) => `${shown} نظر از ${total} نظر نمایش داده شده است.`,
  noComments: 'با این فیلترها نظری ثبت نشده است.',
  more: 'نمایش نظرهای بیشتر',
  loadingComments: 'در حال بارگذاری نظرها…',
  commentScore: (s) => `امتیاز ${s}`,
  commentTouchpoint: 'نقطهٔ تماس',
  commentLocale: 'زبان',
  commentPage: 'صفحه',
  commentIncomplete: 'ناتمام',

  networkError: 'دسترسی به سرور گردآوری پاسخ\u200cها ممکن نشد. مطمئن شوید در حال اجراست و دوباره تلاش کنید.',
  serverError: (status, message) =>
    `سرور گردآوری پاسخ\u200cها با خطای ${status} پاسخ داد${message ? `: ${iso(message)}` : '.'}`,

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
  siteDownloadHint: (size, integrity) =>
    `برای میزبانی اسکریپت روی سرور خودتان: همهٔ ابزار در یک فایل (${size}). در کد، src را نشانی همان فایل بگذارید و integrity را ${iso(integrity)}؛ اگر فایل را تغییر دادید، این ویژگی را بردارید.`,
  siteScriptMissing: (why) => `این سرور نمی\u200cتواند اسکریپت را بدهد: ${iso(why)}`,
  siteLoading: 'در حال بارگذاری…',
  kilobytes: (n) => `${n} کیلوبایت`,
};

export const STRINGS: Record<Lang, Strings> = { en, fa };

/** The language asked for in ?lang=, else the browser's first, else English. */
export function pickLanguage(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'fa' || asked === 'en') return asked;
  const browser = navigator.languages?.[0] || navigator.language || '';
  return browser.toLowerCase().startsWith('fa') ? 'fa' : 'en';
}
