// The DOM with no framework: the tag name map, the event map, the event classes and a custom tag.
import { CsatAnswerEvent, CsatSurveyElement, type SurveyResponse } from 'csat-survey';
import { CsatSurveyElement as Unregistered } from 'csat-survey/element';

const survey = document.createElement('csat-survey');
const element: CsatSurveyElement = survey;
element.metadata = { plan: 'pro', seats: 3 };
element.strings = { npsQuestion: 'How was it?' };
survey.addEventListener('csat-answer', (event) => {
  const score: number = event.detail.score;
  const answer: SurveyResponse = event.detail;
  console.log(score, answer.id, event instanceof CsatAnswerEvent);
});
survey.addEventListener('csat-error', (event) => console.log(event.detail.code, event.detail.issues?.length));
document.addEventListener('csat-delivered', (event) => console.log(event.detail.ids.join()));
const found: CsatSurveyElement | null = document.querySelector('csat-survey');
void found?.flush();
Unregistered.define('my-survey');
const same: typeof CsatSurveyElement = Unregistered;
console.log(same === CsatSurveyElement);

// @ts-expect-error: a survey has no "rating"
survey.addEventListener('csat-submit', (event) => event.detail.rating);
// @ts-expect-error: metadata values are flat
element.metadata = { nested: { no: true } };
// @ts-expect-error: "stars" is not a survey type
element.type = 'stars';
