// <csat-survey> in React 19, as an app would write it: attributes in JSX, `metadata` and `strings` as
// props (React 19 sets them as properties, since the element has them), events through `oncsat-*` props,
// `include-query` bound to a boolean (React 19 removes the attribute for false).
// `import 'csat-survey'` registers the element before the first render; the typings come from
// 'csat-survey/react'.
import { useRef, useState } from 'react';
import 'csat-survey';
import type {} from 'csat-survey/react';
import type { CsatSurveyElement } from 'csat-survey';
import { endpoint, Shell, type Logged } from './Shell';

export function App() {
  const [renders, setRenders] = useState(0);
  const [mounted, setMounted] = useState(true);
  const [includeQuery, setIncludeQuery] = useState(false);
  const [log, setLog] = useState<Logged[]>([]);
  const survey = useRef<CsatSurveyElement>(null);
  const note = (name: string, text: string) => setLog((all) => [...all, { name, text }]);

  return (
    <Shell
      framework="React 19"
      renders={renders}
      mounted={mounted}
      includeQuery={includeQuery}
      log={log}
      onRerender={() => setRenders((n) => n + 1)}
      onToggle={() => setMounted((m) => !m)}
      onFlush={() => void survey.current?.flush()}
      onIncludeQuery={() => setIncludeQuery((on) => !on)}
    >
      {mounted && (
        <csat-survey
          ref={survey}
          type="nps"
          survey-id="react-example"
          endpoint={endpoint}
          lang="en"
          comment="off"
          subject="this example"
          include-query={includeQuery}
          metadata={{ framework: 'react', plan: 'pro', renders }}
          strings={{ npsQuestion: 'How likely are you to recommend our React example to a friend?' }}
          oncsat-show={(event) => note('csat-show', event.detail.surveyId)}
          oncsat-answer={(event) => note('csat-answer', `${event.detail.score} ${event.detail.id}`)}
          oncsat-submit={(event) => note('csat-submit', `${event.detail.score} ${event.detail.id}`)}
          oncsat-delivered={(event) => note('csat-delivered', event.detail.ids.join(' '))}
          oncsat-error={(event) => note('csat-error', event.detail.message)}
        />
      )}
    </Shell>
  );
}
