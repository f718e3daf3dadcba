// The pages the page-cost benchmark loads, written from the query of `/page.html`:
//   subject=widget|lit|vanilla|idb   what the page holds (idb: the one-IndexedDB-write floor, a button)
//   n=1                              how many elements (0: the script alone)
//   id=bench                         the survey id (`${id}-${i}` when n > 1)
//   sample=0                         the survey's sample attribute (0: this visitor is never asked)
//   reserve=1                        the space reservation (the bench's RESERVATION_CSS) in the page's <style>
//   filler=1                         a heading and a paragraph above the element(s), more text under them
// The widget's page is the README's script-tag snippet (the stub, then the deferred script) and the element;
// a floor's page is the same with its own deferred script. The probe's parameters (probe, card, count) are read
// by the init script (probe.mjs), not here.

const QUESTION = 'How likely are you to recommend us to a friend or colleague?';
const LOW = 'Not at all likely';
const HIGH = 'Extremely likely';

const STUB = `<script>
  window.CsatSurvey = window.CsatSurvey || {
    q: [],
    track: function () { this.q.push(['track', [].slice.call(arguments)]); },
    flush: function () { this.q.push(['flush', []]); },
  };
</script>`;

const TEXT =
  'Free delivery on every order over fifty euros, returns within thirty days, and a real person on the phone ' +
  'from nine to five. Our workshop repairs what we sell for as long as the parts are made.';

const FLOOR_SCRIPT = { lit: '/floors/lit-card.js', vanilla: '/floors/vanilla-card.js' };

/**
 * The one-IndexedDB-write floor: a fresh database, opened at load (then `bench:ready` is told); a click puts one
 * small record in one readwrite transaction, and `bench-durable` fires when that transaction completes.
 */
const IDB_FLOOR = `<button type="button" id="write">Save</button>
<script>
  const opening = new Promise((resolve, reject) => {
    const req = indexedDB.open('bench-floor-' + Math.random().toString(36).slice(2));
    req.onupgradeneeded = () => req.result.createObjectStore('records');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  opening.then((db) => {
    console.debug('bench:ready');
    document.getElementById('write').addEventListener('click', () => {
      const tx = db.transaction('records', 'readwrite');
      tx.objectStore('records').put({ score: 9, answeredAt: new Date().toISOString() }, 'answer');
      tx.oncomplete = () => dispatchEvent(new Event('bench-durable'));
    });
  });
</script>`;

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML of /page.html for this query (URLSearchParams), with `reservation` as the reservation CSS. */
export function pageHtml(query, reservation) {
  const subject = query.get('subject') ?? 'widget';
  const n = Number(query.get('n') ?? 1);
  const id = query.get('id') ?? 'bench';
  const filler = query.get('filler') === '1';
  const head = [];
  if (query.get('reserve') === '1') head.push(`<style>${reservation}</style>`);
  let elements = '';
  if (subject === 'widget') {
    head.push(STUB, '<script src="/dist/csat-survey.js" defer></script>');
    const sample = query.get('sample');
    for (let i = 0; i < n; i++) {
      const attributes = [
        'type="nps"',
        `survey-id="${escape(n > 1 ? `${id}-${i}` : id)}"`,
        'endpoint="/collect"',
        'comment="off"',
        ...(sample === null ? [] : [`sample="${escape(sample)}"`]),
      ];
      elements += `<csat-survey ${attributes.join(' ')}></csat-survey>\n`;
    }
  } else if (subject === 'idb') {
    elements = IDB_FLOOR;
  } else {
    const src = FLOOR_SCRIPT[subject];
    if (!src) throw new Error(`no such subject: ${subject}`);
    head.push(`<script src="${src}" defer></script>`);
    const tag = `${subject}-card`;
    for (let i = 0; i < n; i++) {
      elements += `<${tag} question="${QUESTION}" low="${LOW}" high="${HIGH}"></${tag}>\n`;
    }
  }
  const body = filler
    ? `<h1>Our shop</h1>\n<p>${TEXT}</p>\n${elements}${Array.from({ length: 6 }, () => `<p>${TEXT}</p>`).join('\n')}`
    : elements;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>page cost: ${escape(subject)}</title>
${head.join('\n')}
</head>
<body>
${body}
</body>
</html>
`;
}
