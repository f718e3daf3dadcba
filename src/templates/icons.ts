/** Fixed SVG artwork for `display="stars"` and `display="faces"`. Never configured text. */
import { svg, type SVGTemplateResult } from 'lit';

const STAR = 'M12 2.6l2.9 6 6.5.8-4.8 4.5 1.2 6.5L12 17.3l-5.8 3.1 1.2-6.5-4.8-4.5 6.5-.8z';

export function star(filled: boolean): SVGTemplateResult {
  return svg`<svg viewBox="0 0 24 24" width="32" height="32" focusable="false"><path d=${STAR} fill=${filled ? 'currentColor' : 'none'} stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/></svg>`;
}

/** Mouth curve per level 1–5: frown to broad smile. */
const MOUTH = [-3.5, -1.8, 0, 1.8, 3.5];

export function face(level: number): SVGTemplateResult {
  const curve = MOUTH[level - 1] ?? 0;
  return svg`<svg viewBox="0 0 24 24" width="36" height="36" focusable="false" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"><circle cx="12" cy="12" r="10"/><circle cx="8.5" cy="9.5" r="1.2" fill="currentColor" stroke="none"/><circle cx="15.5" cy="9.5" r="1.2" fill="currentColor" stroke="none"/><path d=${`M7.5 ${15.5 - curve / 2}Q12 ${15.5 + curve * 1.5} 16.5 ${15.5 - curve / 2}`}/></svg>`;
}

export const closeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>`;
