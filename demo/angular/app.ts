// <csat-survey> in Angular 21, as an app would write it: a standalone component with CUSTOM_ELEMENTS_SCHEMA,
// attributes in the template, `[metadata]` and `[strings]` bound as properties, events with `(csat-*)`, and
// `include-query` bound as an attribute. `import 'csat-survey'` registers the element before the app starts.
// With strictTemplates, Angular types `$event` from the element's event map: `(csat-answer)` gets a
// CsatAnswerEvent, so the handlers below take the event classes. It does not check the attributes or property
// bindings of a custom element (CUSTOM_ELEMENTS_SCHEMA), so `metadata` and `strings` are typed fields here.
import { Component, computed, CUSTOM_ELEMENTS_SCHEMA, type ElementRef, signal, viewChild } from '@angular/core';
import 'csat-survey';
import type {
  CsatAnswerEvent,
  CsatDeliveredEvent,
  CsatErrorEvent,
  CsatShowEvent,
  CsatSubmitEvent,
  CsatSurveyElement,
} from 'csat-survey';

interface Logged {
  name: string;
  text: string;
}

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>csat-survey in Angular 21</h1>
      <p>
        <button id="rerender" (click)="renders.set(renders() + 1)">Re-render ({{ renders() }})</button>
        <button id="toggle" (click)="mounted.set(!mounted())">
          {{ mounted() ? 'Unmount the survey' : 'Mount the survey' }}
        </button>
        <button id="flush" (click)="flush()">Send now</button>
        <label>
          <input id="include-query" type="checkbox" [checked]="includeQuery()" (change)="toggleQuery()" />
          Send the query string
        </label>
      </p>
      @if (mounted()) {
        <csat-survey
          #survey
          type="nps"
          survey-id="angular-example"
          [attr.endpoint]="endpoint"
          lang="en"
          comment="off"
          subject="this example"
          [attr.include-query]="includeQuery()"
          [metadata]="metadata()"
          [strings]="strings"
          (csat-show)="onShow($event)"
          (csat-answer)="onAnswer($event)"
          (csat-submit)="onSubmit($event)"
          (csat-delivered)="onDelivered($event)"
          (csat-error)="onError($event)"
        ></csat-survey>
      }
      <h2>Events received</h2>
      <ol id="events">
        @for (entry of log(); track $index) {
          <li [attr.data-event]="entry.name">{{ entry.name }}: {{ entry.text }}</li>
        }
      </ol>
    </main>
  `,
})
export class App {
  /** `?endpoint=` for tests; else the collector that `npm start` runs. */
  readonly endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/v1/responses';
  readonly renders = signal(0);
  readonly mounted = signal(true);
  readonly includeQuery = signal(false);
  readonly log = signal<Logged[]>([]);
  readonly survey = viewChild<ElementRef<CsatSurveyElement>>('survey');
  // Angular does not check property bindings on a custom element: typed fields are where the values are checked.
  readonly metadata = computed<CsatSurveyElement['metadata']>(() => ({
    framework: 'angular',
    plan: 'pro',
    renders: this.renders(),
  }));
  readonly strings: CsatSurveyElement['strings'] = {
    npsQuestion: 'How likely are you to recommend our Angular example to a friend?',
  };

  flush(): void {
    void this.survey()?.nativeElement.flush();
  }

  toggleQuery(): void {
    this.includeQuery.set(!this.includeQuery());
  }

  onShow(event: CsatShowEvent): void {
    this.note('csat-show', event.detail.surveyId);
  }

  onAnswer(event: CsatAnswerEvent): void {
    this.note('csat-answer', `${event.detail.score} ${event.detail.id}`);
  }

  onSubmit(event: CsatSubmitEvent): void {
    this.note('csat-submit', `${event.detail.score} ${event.detail.id}`);
  }

  onDelivered(event: CsatDeliveredEvent): void {
    this.note('csat-delivered', event.detail.ids.join(' '));
  }

  onError(event: CsatErrorEvent): void {
    this.note('csat-error', event.detail.message);
  }

  private note(name: string, text: string): void {
    this.log.update((all) => [...all, { name, text }]);
  }
}
