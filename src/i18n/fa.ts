import type { Translation } from './translation.js';

// Written as a Persian speaker would say it, not word for word from English.
// \u200c is the zero-width non-joiner (نیم‌فاصله).
const fa: Translation = {
  $code: 'fa',
  $name: 'فارسی',
  $dir: 'rtl',
  npsQuestion: 'چقدر احتمال دارد {subject} را به دوستان یا همکارانتان پیشنهاد کنید؟',
  npsQuestionNoSubject: 'چقدر احتمال دارد ما را به دوستان یا همکارانتان پیشنهاد کنید؟',
  npsLow: 'به هیچ وجه',
  npsHigh: 'حتماً',
  csatQuestion: 'چقدر از {subject} راضی هستید؟',
  csatQuestionNoSubject: 'چقدر از ما راضی هستید؟',
  csatLow: 'خیلی ناراضی',
  csatHigh: 'خیلی راضی',
  cesQuestion: 'با {subject} مشکلم به\u200cراحتی حل شد.',
  cesQuestionNoSubject: 'مشکلم به\u200cراحتی حل شد.',
  cesLow: 'کاملاً مخالفم',
  cesHigh: 'کاملاً موافقم',
  face1: 'خیلی ناراضی',
  face2: 'ناراضی',
  face3: 'معمولی',
  face4: 'راضی',
  face5: 'خیلی راضی',
  option: '{n} از {max}',
  starOption: '{n} ستاره از {max}',
  followUp: 'مهم\u200cترین دلیل امتیازتان چیست؟',
  followUpDetractor: 'متأسفیم که راضی نبودید. به نظرتان چه چیزی را باید بهتر کنیم؟',
  followUpPassive: 'چه کنیم که تجربه\u200cتان از این هم بهتر شود؟',
  followUpPromoter: 'خوشحالیم که راضی هستید! چه چیزی را بیشتر از همه پسندیدید؟',
  followUpLow: 'متأسفیم. کجای کار ایراد داشت؟',
  followUpHigh: 'ممنونیم! چه چیزی برایتان خوب بود؟',
  optional: '(اختیاری)',
  commentRequired: 'لطفاً پیش از ارسال، چند کلمه بنویسید.',
  next: 'ادامه',
  submit: 'ارسال',
  skip: 'رد شدن',
  scoreSaved: 'امتیازتان ثبت شد.',
  thanks: 'ممنون که وقت گذاشتید! نظرتان به ما کمک می\u200cکند بهتر شویم.',
  close: 'بستن نظرسنجی',
};

export default fa;
