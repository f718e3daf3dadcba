// The example's page around the survey: buttons to re-render and to unmount it, a checkbox for include-query,
// and the events received.
import type { ReactNode } from 'react';

export interface Logged {
  name: string;
  text: string;
}

/** `?endpoint=` for tests; else the collector that `npm start` runs. */
export const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '/v1/responses';

export function Shell(props: {
  framework: string;
  renders: number;
  mounted: boolean;
  includeQuery: boolean;
  log: Logged[];
  onRerender: () => void;
  onToggle: () => void;
  onFlush: () => void;
  onIncludeQuery: () => void;
  children: ReactNode;
}) {
  return (
    <main>
      <h1>csat-survey in {props.framework}</h1>
      <p>
        <button id="rerender" onClick={props.onRerender}>
          Re-render ({props.renders})
        </button>{' '}
        <button id="toggle" onClick={props.onToggle}>
          {props.mounted ? 'Unmount the survey' : 'Mount the survey'}
        </button>{' '}
        <button id="flush" onClick={props.onFlush}>
          Send now
        </button>{' '}
        <label>
          <input id="include-query" type="checkbox" checked={props.includeQuery} onChange={props.onIncludeQuery} /> Send
          the query string
        </label>
      </p>
      {props.children}
      <h2>Events received</h2>
      <ol id="events">
        {props.log.map((entry, i) => (
          <li key={i} data-event={entry.name}>
            {entry.name}: {entry.text}
          </li>
        ))}
      </ol>
    </main>
  );
}
