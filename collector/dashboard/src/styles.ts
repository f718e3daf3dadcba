/** Styles every component of the dashboard shares (its colours come from page.css, inherited). */
import { css } from 'lit';

export const shared = css`
  :host {
    display: block;
    min-inline-size: 0;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  h3 {
    font-size: 1.05rem;
    line-height: 1.3;
    margin-block: 0 0.75rem;
  }
  p {
    margin-block: 0 0.5rem;
  }
  :focus-visible {
    outline: 3px solid var(--focus);
    outline-offset: 2px;
  }
  .panel {
    background: var(--surface);
    border: 1px solid var(--rule);
    border-radius: var(--radius);
    padding: 1rem clamp(0.75rem, 2vw, 1.25rem);
  }
  .subtle,
  .hint {
    color: var(--muted);
  }
  .hint {
    font-size: 0.925em;
    margin-block: 0.25rem 0;
  }
  .message:empty {
    display: none;
  }
  .message.error {
    color: var(--error);
    font-weight: 600;
  }
  .warning {
    color: var(--warning);
    background: var(--warning-soft);
    border-inline-start: 4px solid var(--warning);
    padding-block: 0.35rem;
    padding-inline: 0.75rem;
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    min-block-size: 2.5rem;
    padding-block: 0.35rem;
    padding-inline: 1rem;
    border: 1px solid var(--accent);
    border-radius: var(--radius);
    background: var(--accent);
    color: var(--on-accent);
  }
  button.quiet {
    background: var(--surface);
    color: var(--accent);
  }
  button:hover {
    text-decoration: underline;
  }
  input,
  select {
    min-block-size: 2.5rem;
    padding-block: 0.3rem;
    padding-inline: 0.6rem;
    border: 1px solid var(--border);
    border-radius: var(--radius);
    background: var(--surface);
    max-inline-size: 100%;
  }
  input[aria-invalid='true'] {
    border-color: var(--error);
    border-width: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  .card-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-block-end: 0.5rem;
  }
  .card-head h3 {
    margin: 0;
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.75rem 1rem;
    margin-block-end: 0.5rem;
  }
  .field {
    min-inline-size: 0;
    max-inline-size: 100%;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  /* Tables */
  .table-wrap {
    overflow-x: auto;
    margin-block-start: 0.75rem;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    font-variant-numeric: tabular-nums;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block-end: 0.4rem;
  }
  th,
  td {
    padding-block: 0.4rem;
    padding-inline: 0.4rem;
    border-block-end: 1px solid var(--rule);
    text-align: start;
  }
  td {
    text-align: end;
  }
  thead th {
    color: var(--muted);
    font-weight: 600;
    border-block-end-color: var(--border);
  }
  thead th:not(:first-child) {
    text-align: end;
  }
  @media (max-width: 30rem) {
    table {
      font-size: 0.875rem;
    }
    th,
    td {
      padding-inline: 0.2rem;
    }
  }
  .group-detractor,
  .group-low {
    --group: var(--detractor);
  }
  .group-passive {
    --group: var(--passive);
  }
  .group-promoter,
  .group-high {
    --group: var(--promoter);
  }
  /* Charts */
  svg.chart {
    display: block;
    inline-size: 100%;
    block-size: auto;
    font-size: 13px;
    overflow: visible;
  }
  svg.chart text {
    fill: var(--muted);
  }
  @media (forced-colors: active) {
    svg.chart rect,
    svg.chart circle {
      fill: CanvasText;
    }
    svg.chart path {
      stroke: CanvasText;
    }
  }
`;
