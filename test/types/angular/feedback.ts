// Angular 21 with the package: strictTemplates types `$event` by the element's events (the event classes), a
// template reference `#survey` as CsatSurveyElement, and typed fields hold what is bound as properties.
import { Component, CUSTOM_ELEMENTS_SCHEMA, type ElementRef, viewChild } from '@angular/core';
import 'csat-survey';
import type {
  CsatAnswerEvent,
  CsatDeliveredEvent,
  CsatErrorEvent,
  CsatSurveyElement,
  SurveyResponse,
} from 'csat-survey';

@Component({
  selector: 'app-feedback',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <csat-survey
      #survey
      type="nps"
      survey-id="checkout-nps"
      endpoint="/v1/responses"
      [includeQuery]="false"
      [metadata]="metadata"
      [strings]="strings"
      (csat-answer)="onAnswer($event)"
      (csat-delivered)="onDelivered($event)"
      (csat-error)="onError($event)"
      (csat-submit)="last = $event.detail"
    ></csat-survey>
    <button (click)="survey.flush()">Send now</button>
    <button (click)="survey.show()">Ask</button>
    <output>{{ last?.score }} {{ delivered.length }}</output>
  `,
})
export class FeedbackComponent {
  readonly survey = viewChild.required<ElementRef<CsatSurveyElement>>('survey');
  readonly metadata: CsatSurveyElement['metadata'] = { plan: 'pro', seats: 3 };
  readonly strings: CsatSurveyElement['strings'] = { npsQuestion: 'How likely are you to recommend us?' };
  last: SurveyResponse | undefined;
  delivered: string[] = [];

  onAnswer(event: CsatAnswerEvent): void {
    this.last = event.detail;
    void this.survey().nativeElement.flush();
  }

  onDelivered(event: CsatDeliveredEvent): void {
    this.delivered = event.detail.ids;
  }

  onError(event: CsatErrorEvent): void {
    console.warn(event.detail.code, event.detail.message);
  }
}
