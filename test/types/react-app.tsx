// React 19 with the package's JSX typings: attributes, properties, a typed ref and typed handlers,
// with no annotation, no `any` and no cast. The @ts-expect-error lines fail the check if the typings
// ever become loose.
import { useRef, useState } from 'react';
import 'csat-survey';
import type {} from 'csat-survey/react';
import type { CsatSurveyElement, SurveyResponse } from 'csat-survey';

export function Feedback({ plan }: { plan: string }) {
  const survey = useRef<CsatSurveyElement>(null);
  const [last, setLast] = useState<SurveyResponse>();
  const [delivered, setDelivered] = useState<string[]>([]);
  return (
    <>
      <csat-survey
        ref={survey}
        type="nps"
        survey-id="checkout-nps"
        endpoint="/v1/responses"
        lang="fa"
        dir="rtl"
        touchpoint="checkout"
        mode="popover"
        position="bottom-start"
        trigger="delay:5s"
        sample={0.25}
        recontact-days={30}
        theme="dark"
        include-query
        className="survey"
        metadata={{ plan, seats: 3, trial: false }}
        strings={{ thanks: 'Thank you!' }}
        headers={{ authorization: 'Bearer token' }}
        oncsat-answer={(event) => setLast(event.detail)}
        oncsat-delivered={(event) => setDelivered(event.detail.ids)}
        oncsat-error={(event) => console.warn(event.detail.code, event.detail.message)}
        oncsat-dismiss={(event) => console.info(event.detail.surveyId, event.detail.responseId)}
      />
      <button onClick={() => void survey.current?.flush()}>Send now</button>
      <button onClick={() => survey.current?.show()}>Ask</button>
      <output>{last ? `${last.score} of ${last.scale.max}` : ''}</output>
      <output>{delivered.length}</output>
    </>
  );
}

export function Wrong() {
  return (
    <>
      {/* @ts-expect-error: "stars" is not a survey type */}
      <csat-survey type="stars" survey-id="a" endpoint="/v1/responses" />
      {/* @ts-expect-error: survey-id and endpoint are required */}
      <csat-survey type="nps" />
      {/* @ts-expect-error: metadata values are flat (string, number or boolean) */}
      <csat-survey type="nps" survey-id="a" endpoint="/r" metadata={{ nested: { no: true } }} />
      {/* @ts-expect-error: "left" is not a position */}
      <csat-survey type="nps" survey-id="a" endpoint="/r" position="left" />
      {/* @ts-expect-error: "soon" is not a trigger */}
      <csat-survey type="nps" survey-id="a" endpoint="/r" trigger="soon" />
      <csat-survey
        type="nps"
        survey-id="a"
        endpoint="/r"
        // @ts-expect-error: an answer's detail has no "rating"
        oncsat-answer={(event) => event.detail.rating}
      />
      <csat-survey
        type="nps"
        survey-id="a"
        endpoint="/r"
        // @ts-expect-error: the survey renders its own content
        children="text"
      />
    </>
  );
}
