// Each line after an "expect-error" comment must be a type error for Angular's compiler, and no other line
// (checked by test/node/types.test.mjs, since Angular templates have no @ts-expect-error).
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'csat-survey';
import type { CsatDeliveredEvent } from 'csat-survey';

@Component({
  selector: 'app-wrong',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <!-- expect-error: a csat-answer event is not a csat-delivered one -->
    <csat-survey type="nps" survey-id="a" endpoint="/r" (csat-answer)="onDelivered($event)"></csat-survey>
    <!-- expect-error: an answer's detail has no "rating" -->
    <csat-survey type="nps" survey-id="a" endpoint="/r" (csat-submit)="rating = $event.detail.rating"></csat-survey>
    <!-- expect-error: a csat-error detail has no "score" -->
    <csat-survey type="nps" survey-id="a" endpoint="/r" (csat-error)="rating = $event.detail.score"></csat-survey>
    <csat-survey #survey type="nps" survey-id="a" endpoint="/r"></csat-survey>
    <!-- expect-error: the element has no method "send" -->
    <button (click)="survey.send()">Send</button>
  `,
})
export class WrongComponent {
  rating: unknown;

  onDelivered(event: CsatDeliveredEvent): void {
    console.log(event.detail.ids);
  }
}
