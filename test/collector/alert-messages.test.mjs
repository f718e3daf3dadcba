// What an alert says, by e-mail and on Slack: the survey's language (Persian right to left with
// Persian digits, or English), every field, the dashboard link, and what people typed kept as text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIST } from './helpers.mjs';

const { emailMessage } = await import(new URL('alert-email.js', DIST).href);
const { slackPayload } = await import(new URL('alert-slack.js', DIST).href);
const { buildEvent } = await import(new URL('alert-event.js', DIST).href);

const event = (locale, comment, followUp = false) =>
  buildEvent({
    eventId: '6f1c2b0e-8a57-4c4e-9a4e-2f0d4f6b9a11',
    followUp,
    rule: { id: 'detractors', name: 'Detractors', condition: 'nps-detractor', threshold: null, words: [] },
    response: {
      id: '00000000-0000-4000-8000-000000000001',
      revision: 1,
      surveyId: 'checkout-nps',
      type: 'nps',
      score: 3,
      comment,
      locale,
      touchpoint: 'checkout',
      pageUrl: 'https://shop.example.com/checkout?a=1&b=2',
      metadata: { plan: 'pro', orders: 3 },
      answeredAt: '2026-05-01T09:30:00.000Z',
    },
    publicUrl: 'https://collect.example.com/',
    now: new Date('2026-05-01T09:30:01Z'),
  });

describe('alert messages', () => {
  it('an e-mail in Persian is right to left, in Persian digits, with every field and the dashboard link', () => {
    const m = emailMessage(event('fa-IR', 'بسته <script>alert(1)</script> دیر رسید'));
    assert.equal(m.subject, 'امتیاز ۳ از ۱۰ (NPS) در نظرسنجی checkout-nps');
    assert.match(m.html, /<html lang="fa" dir="rtl">/);
    assert.match(m.html, /<body dir="rtl"[^>]*text-align:right/);
    assert.ok(m.html.includes('بسته &lt;script&gt;alert(1)&lt;/script&gt; دیر رسید'));
    assert.ok(!m.html.includes('<script>'));
    assert.ok(m.html.includes('href="https://shop.example.com/checkout?a=1&amp;b=2"'));
    assert.ok(m.html.includes('href="https://collect.example.com/dashboard/?survey=checkout-nps"'));
    for (const line of [
      'نظر: بسته <script>alert(1)</script> دیر رسید',
      'امتیاز: ۳ / ۱۰ (NPS)',
      'نقطهٔ تماس: checkout',
      'صفحه: https://shop.example.com/checkout?a=1&b=2',
      'فراداده: plan: pro، orders: 3',
      'قاعده: Detractors',
      'دیدن نظرسنجی در داشبورد: https://collect.example.com/dashboard/?survey=checkout-nps',
    ])
      assert.ok(m.text.includes(line), line);
    assert.match(m.text, /زمان پاسخ: ۱۱ اردیبهشت ۱۴۰۵/);
  });

  it('an e-mail in English is left to right; a follow-up says so', () => {
    const m = emailMessage(event('en-GB', null, true));
    assert.equal(m.subject, 'Follow-up: NPS 3 of 10 on survey checkout-nps');
    assert.match(m.html, /<html lang="en" dir="ltr">/);
    assert.ok(m.text.includes('Comment: (no comment)'));
    assert.ok(m.text.includes('Answered at: 1 May 2026, 09:30 UTC'));
  });

  it('Slack gets text and blocks, with what people typed escaped', () => {
    const p = slackPayload(event('en', 'see <https://evil.example|here> & <!channel>'));
    assert.equal(p.text, 'NPS 3 of 10 on survey checkout-nps');
    assert.deepEqual(
      p.blocks.map((b) => b.type),
      ['header', 'section', 'context'],
    );
    assert.ok(p.blocks[1].text.text.includes('see &lt;https://evil.example|here&gt; &amp; &lt;!channel&gt;'));
    assert.ok(p.blocks[2].elements[0].text.startsWith('<https://collect.example.com/dashboard/?survey=checkout-nps|'));
  });
});
