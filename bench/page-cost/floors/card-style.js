// The look both floor cards share: the same visible shape as the survey's card (a question, a row of eleven
// buttons, two end labels, in a bordered box), so the browser lays out and paints about as much as for the survey.
export const cardCss = `
  :host { display: block; }
  .card {
    box-sizing: border-box;
    max-inline-size: 40em;
    padding: 1em 1.25em;
    border: 1px solid #d0d7de;
    border-radius: 12px;
    background: #fff;
    color: #1f2328;
    font: 16px/1.5 system-ui, sans-serif;
  }
  .question { margin: 0 0 0.75em; font-weight: 600; }
  .options { display: flex; gap: 6px; }
  .options button {
    flex: 1 1 0;
    min-inline-size: 0;
    min-block-size: 44px;
    border: 1px solid #6e7781;
    border-radius: 8px;
    background: #fff;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  .ends { display: flex; justify-content: space-between; margin-block-start: 0.5em; color: #57606a; font-size: 0.875em; }
`;

export const SCORES = Array.from({ length: 11 }, (_, i) => i);
