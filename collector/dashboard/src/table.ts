/** A data table (a caption, column headers, a header cell per row) and its "show as a table" switch. */
import { html, nothing, type TemplateResult } from 'lit';

export type Cell = string | TemplateResult;

/**
 * The table; `visible` false keeps it for assistive technology only (visually hidden). Shown, it
 * scrolls sideways inside its own box when it is wider than the card, never the page: the box is then
 * a named region that takes the keyboard focus, so it can be scrolled with the arrow keys.
 */
export function dataTable(
  id: string,
  caption: string,
  headers: string[],
  rows: Cell[][],
  visible = true,
  captionHidden = false,
): TemplateResult {
  return html`<div
    id=${id}
    class=${visible ? 'table-wrap' : 'visually-hidden'}
    role=${visible ? 'group' : nothing}
    tabindex=${visible ? '0' : nothing}
    aria-labelledby=${visible ? `${id}-caption` : nothing}
  >
    <table>
      <caption id="${id}-caption" class=${captionHidden ? 'visually-hidden' : ''}>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${headers.map((text) => html`<th scope="col">${text}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (cells) =>
            html`<tr>
              ${cells.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td>${cell}</td>`))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The switch between a chart and its table. */
export function tableToggle(pressed: boolean, controls: string, label: string, toggle: () => void): TemplateResult {
  return html`<button
    type="button"
    class="quiet toggle"
    aria-pressed=${pressed ? 'true' : 'false'}
    aria-controls=${controls}
    @click=${toggle}
  >
    ${label}
  </button>`;
}
