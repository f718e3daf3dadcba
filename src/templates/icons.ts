/**
 * Fixed SVG artwork for `display="stars"` and `display="faces"`. Never configured text.
 * Colours and fills come from the stylesheet (hover, keyboard focus and the saved answer each
 * look different), so the artwork itself has no state.
 */
import { svg, type SVGTemplateResult } from 'lit/html.js';

const STAR = 'M12 2.6l2.9 6 6.5.8-4.8 4.5 1.2 6.5L12 17.3l-5.8 3.1 1.2-6.5-4.8-4.5 6.5-.8z';

export const star = svg`<svg viewBox="0 0 24 24" width="32" height="32" focusable="false"><path class="star" d=${STAR} stroke-width="1.6" stroke-linejoin="round"/></svg>`;

/**
 * Five faces that differ at a glance, not only by the curve of the mouth: 1 frowns under angry
 * brows, 2 looks sad under worried brows, 3 is level, 4 smiles, 5 grins with its eyes closed.
 */
const FEATURES = [
  // 1: angry brows, deep frown
  svg`<path d="M6.6 7.4l3.4 1.6M17.4 7.4L14 9"/><circle cx="8.8" cy="11" r="1.15" class="dot"/><circle cx="15.2" cy="11" r="1.15" class="dot"/><path d="M7.6 17.6q4.4-4.2 8.8 0"/>`,
  // 2: worried brows, slight frown
  svg`<path d="M6.9 8.6l2.8-1.2M17.1 8.6l-2.8-1.2"/><circle cx="8.8" cy="11" r="1.15" class="dot"/><circle cx="15.2" cy="11" r="1.15" class="dot"/><path d="M8.4 16.6q3.6-2.2 7.2 0"/>`,
  // 3: level
  svg`<circle cx="8.8" cy="10" r="1.15" class="dot"/><circle cx="15.2" cy="10" r="1.15" class="dot"/><path d="M8.4 15.4h7.2"/>`,
  // 4: smile
  svg`<circle cx="8.8" cy="10" r="1.15" class="dot"/><circle cx="15.2" cy="10" r="1.15" class="dot"/><path d="M7.8 14.2q4.2 3.8 8.4 0"/>`,
  // 5: closed happy eyes, open grin
  svg`<path d="M6.9 10.4q1.9-2.4 3.8 0M13.3 10.4q1.9-2.4 3.8 0"/><path d="M7 13.4h10q-.6 5-5 5t-5-5z" class="grin"/>`,
];

export function face(level: number): SVGTemplateResult {
  return svg`<svg viewBox="0 0 24 24" width="36" height="36" focusable="false" fill="none" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"><circle class="disc" cx="12" cy="12" r="10.2"/><g class="features">${FEATURES[level - 1]}</g></svg>`;
}

export const closeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>`;
