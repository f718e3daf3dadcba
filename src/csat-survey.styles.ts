/** The style sheet's text (the build squeezes the whitespace out of this literal). */
const css = (strings: TemplateStringsArray): string => strings.join('');

/*
 * Logical properties only, so the whole layout mirrors with `dir`. Sizes in px and em from a
 * fixed base, never rem: the host page's root font size cannot change the widget. `all: initial`
 * on the base stops inherited page styles (font, colour, spacing, transforms) at the boundary.
 * Colours come from `light-dark()` and follow `color-scheme`, set by the `theme` attribute.
 */
export default css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    all: initial;
    display: block;
    position: relative;
    box-sizing: border-box;
    max-inline-size: var(--csat-max-width, 40em);
    padding: var(--csat-padding, 1em clamp(0.75em, 4cqi, 1.25em));
    border: 1px solid var(--_card-border);
    border-radius: var(--csat-radius, 12px);
    background: var(--_bg);
    color: var(--_fg);
    font-family: var(--csat-font-family, var(--_font, system-ui, sans-serif));
    font-size: var(--csat-font-size, 16px);
    line-height: 1.5;
    text-align: start;
    --_bg: var(--csat-bg, light-dark(#ffffff, #1c1f24));
    --_fg: var(--csat-fg, light-dark(#1f2328, #e6edf3));
    --_muted: var(--csat-muted, light-dark(#57606a, #b1bac4));
    --_border: var(--csat-border, light-dark(#6e7781, #8b949e));
    --_card-border: var(--csat-card-border, light-dark(#d0d7de, #3d444d));
    --_accent: var(--csat-accent, light-dark(#0b57d0, #8ab4f8));
    --_on-accent: var(--csat-on-accent, light-dark(#ffffff, #0b1b33));
    --_star: var(--csat-star, #f5b301);
    --_star-stroke: var(--csat-star-stroke, light-dark(#9a6700, #d39a00));
    --_star-preview: color-mix(in srgb, var(--_star) 35%, transparent);
    --_error: var(--csat-error, light-dark(#b3261e, #ffb4ab));
    --_field-bg: var(--csat-field-bg, light-dark(#ffffff, #0d1117));
    --_hover: var(--csat-hover, light-dark(#eef1f4, #2d333b));
    --_radius-sm: calc(var(--csat-radius, 12px) / 1.5);
  }
  .light {
    color-scheme: light;
  }
  .dark {
    color-scheme: dark;
  }
  .auto {
    color-scheme: light dark;
  }
  .base *,
  .base *::before,
  .base *::after {
    box-sizing: border-box;
  }

  .close {
    position: absolute;
    inset-block-start: 0.5em;
    inset-inline-end: 0.5em;
    display: grid;
    place-items: center;
    inline-size: 32px;
    block-size: 32px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: var(--_muted);
    cursor: pointer;
  }
  .close:hover {
    background: var(--_hover);
    color: var(--_fg);
  }

  fieldset {
    min-inline-size: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .question {
    display: block;
    padding: 0;
    padding-inline-end: 36px;
    margin-block-end: 0.75em;
    font-size: 1.125em;
    font-weight: 600;
  }

  /*
   * The scale: one grid of equal cells. A container query on the scale's box decides between one
   * row (11 cells for NPS, 7 for CES, 5 for CSAT) while every cell stays at least 24 px wide
   * (WCAG 2.2 SC 2.5.8), and a deliberate two-row split below that (NPS 0–5 / 6–10, CES 1–4 / 5–7,
   * CSAT 1–3 / 4–5): never an orphan, never a stretched cell. The low label stays at the start of
   * the first row and the high label at the end of the last. Stars and faces keep fixed cells: the
   * row and its labels are one block as wide as the icons.
   */
  .scale-box {
    container: csat-scale / inline-size;
    contain-intrinsic-inline-size: 20em;
  }
  /* One row of n cells while each has 24 px: the gap shrinks to 2 px before the row splits. */
  .scale {
    display: grid;
    grid-template-columns: repeat(var(--_cols, var(--_n)), minmax(0, 1fr));
    gap: var(--_gap);
    --_gap: clamp(2px, (100cqi - var(--_n) * 24px) / (var(--_n) - 1), var(--csat-gap, 6px));
  }
  .nps {
    --_n: 11;
  }
  .ces {
    --_n: 7;
  }
  .csat {
    --_n: 5;
  }
  /* Two rows: the low label above the first, the high label under the end of the second. */
  @container csat-scale (width < 284px) {
    .nps {
      --_cols: 6;
      --_last: 5;
      --_split: ;
    }
  }
  @container csat-scale (width < 180px) {
    .ces {
      --_cols: 4;
      --_last: 3;
      --_split: ;
    }
  }
  @container csat-scale (width < 128px) {
    .csat {
      --_cols: 3;
      --_last: 2;
      --_split: ;
    }
  }
  .scale.numbers {
    --_ends: var(--_split) contents;
    --_low-row: var(--_split) 1;
    --_row: var(--_split) 2;
    --_row2: var(--_split) 3;
    --_gap2: var(--_split) var(--csat-gap, 6px);
  }
  .numbers {
    gap: var(--_gap2, var(--_gap));
  }
  .options {
    display: contents;
  }
  .option {
    position: relative;
    display: flex;
    min-inline-size: 0;
    grid-row: var(--_row, auto);
  }
  .option.second {
    grid-row: var(--_row2, auto);
  }
  .ends {
    grid-column: 1 / -1;
    display: var(--_ends, flex);
    justify-content: space-between;
    align-items: start;
    gap: 1em;
    margin-block-start: 0.25em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .low {
    grid-row: var(--_low-row, auto);
    grid-column: 1 / -1;
  }
  .high {
    grid-row: 4;
    grid-column: 1 / span var(--_last, 1);
    justify-self: end;
    text-align: end;
  }

  .option input {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .mark {
    display: flex;
    align-items: center;
    justify-content: center;
    inline-size: 100%;
    min-block-size: 44px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_bg);
    color: var(--_fg);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    transition:
      background-color 0.15s,
      border-color 0.15s,
      color 0.15s;
  }
  .option input:hover + .mark {
    border-color: var(--_accent);
    background: var(--_hover);
  }
  /* Keyboard focus is a ring, never the fill of a saved answer. */
  .option input:focus-visible + .mark {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  /* The saved answer: set from the survey's state once the answer is stored, not by the radio alone. */
  .option.saved .mark {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }

  /* Stars and faces: fixed cells, the labels as wide as the icons. */
  .scale.stars,
  .scale.faces {
    --_gap: 4px;
    grid-template-columns: repeat(5, 44px);
    inline-size: max-content;
  }
  .stars .mark,
  .faces .mark,
  .stars .option.saved .mark,
  .faces .option.saved .mark,
  .stars .option input:hover + .mark,
  .faces .option input:hover + .mark {
    padding: 4px;
    border-color: transparent;
    border-radius: 50%;
    background: transparent;
    color: var(--_muted);
  }
  .stars .mark svg,
  .faces .mark svg {
    overflow: visible;
  }

  /* Stars: empty, previewed (the hovered or keyboard-focused star and every one before it), saved. */
  .star {
    fill: none;
    stroke: var(--_muted);
    transition:
      fill 0.15s,
      stroke 0.15s;
  }
  .stars .saved .star {
    fill: var(--_star);
    stroke: var(--_star-stroke);
  }
  .stars .options:has(input:hover, input:focus-visible:not(:checked)) .star {
    fill: none;
    stroke: var(--_muted);
  }
  .stars .option:has(~ .option input:hover) .star,
  .stars .option input:hover + .mark .star,
  .stars .option:has(~ .option input:focus-visible:not(:checked)) .star,
  .stars .option input:focus-visible:not(:checked) + .mark .star {
    fill: var(--_star-preview);
    stroke: var(--_star-stroke);
  }

  /* Faces: a semantic tint on hover and keyboard focus; the saved face is a solid disc in its tint. */
  .faces .f1 {
    --_tint: light-dark(#c5221f, #f28b82);
  }
  .faces .f2 {
    --_tint: light-dark(#b3470b, #fcad70);
  }
  .faces .f3 {
    --_tint: light-dark(#8a6d00, #fdd663);
  }
  .faces .f4 {
    --_tint: light-dark(#4d7c0f, #b5dd7a);
  }
  .faces .f5 {
    --_tint: light-dark(#137333, #81c995);
  }
  .disc {
    fill: none;
    stroke: currentColor;
  }
  .features {
    stroke: currentColor;
  }
  .features .dot {
    fill: currentColor;
    stroke: none;
  }
  .features .grin {
    fill: currentColor;
    fill-opacity: 0.18;
  }
  .faces .option input:is(:hover, :focus-visible) + .mark {
    color: var(--_tint);
  }
  .faces .option input:is(:hover, :focus-visible) + .mark .disc {
    fill: color-mix(in srgb, var(--_tint) 16%, transparent);
  }
  .faces .option.saved .mark,
  .faces .option.saved input:is(:hover, :focus-visible) + .mark {
    color: var(--_tint);
  }
  .faces .option.saved .disc {
    fill: var(--_tint);
    stroke: var(--_tint);
  }
  .faces .option.saved .features {
    stroke: var(--_bg);
  }
  .faces .option.saved .features .dot,
  .faces .option.saved .features .grin {
    fill: var(--_bg);
    fill-opacity: 1;
  }
  .stars .option input:focus-visible + .mark,
  .faces .option input:focus-visible + .mark {
    outline-offset: 0;
  }

  form {
    margin-block-start: 1em;
  }
  label.follow-up {
    display: block;
    margin-block-end: 0.375em;
    font-weight: 600;
  }
  .hint {
    color: var(--_muted);
    font-weight: 400;
  }
  textarea {
    display: block;
    inline-size: 100%;
    min-block-size: 5.5em;
    padding: 0.5em 0.625em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-sm);
    background: var(--_field-bg);
    color: var(--_fg);
    font: inherit;
    resize: vertical;
  }
  textarea:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 1px;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_error);
  }
  .error {
    margin: 0;
    color: var(--_error);
    font-size: 0.875em;
  }
  .error:not(:empty) {
    margin-block-start: 0.375em;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-block-start: 0.75em;
  }
  .button {
    min-block-size: 44px;
    padding: 0.5em 1.25em;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius-sm);
    background: var(--_accent);
    color: var(--_on-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .button.secondary {
    border-color: var(--_border);
    background: transparent;
    color: var(--_fg);
  }
  .button:hover {
    filter: brightness(1.08);
  }
  .button:focus-visible,
  .close:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  .status {
    margin: 0;
  }
  .status.thanks {
    padding-inline-end: 36px;
    font-size: 1.125em;
    font-weight: 600;
  }
  /* Heard, not seen: the hidden "score saved" and the popover's announcement. */
  .status.saved:not(:empty),
  .announcer {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* Popover: floating and non-modal, in the top layer where supported, never shifting the page. */
  .popover {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0;
    border: 0;
    background: transparent;
    overflow: visible;
    z-index: 2147483000;
    inline-size: min(24em, calc(100vw - 32px));

    max-block-size: calc(100dvh - 32px);
    font-size: var(--csat-font-size, 16px);
    animation: csat-enter 180ms ease-out;
  }
  /* Wide enough for the eleven cells of NPS in one row. */
  .popover.nps {
    inline-size: min(28em, calc(100vw - 32px));
  }
  .popover .base {
    max-block-size: calc(100dvh - 32px);
    overflow: auto;
    box-shadow: 0 8px 28px rgb(0 0 0 / 0.22);
  }
  .bottom-end {
    inset-block-end: 16px;
    inset-inline-end: 16px;
  }
  .bottom-start {
    inset-block-end: 16px;
    inset-inline-start: 16px;
  }
  .top-end {
    inset-block-start: 16px;
    inset-inline-end: 16px;
  }
  .top-start {
    inset-block-start: 16px;
    inset-inline-start: 16px;
  }
  .popover.leaving {
    animation: csat-leave 160ms ease-in forwards;
  }
  @keyframes csat-enter {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  @keyframes csat-leave {
    to {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  /* Narrow screens: a bottom sheet, clear of the home indicator and of the on-screen keyboard. */
  @media (max-width: 480px) {
    .popover,
    .popover.nps {
      inset-inline: 0;
      inset-block: auto var(--_keyboard, 0px);
      inline-size: 100%;
    }
    .popover .base {
      max-inline-size: none;
      border-end-start-radius: 0;
      border-end-end-radius: 0;
      padding-block-end: calc(1em + env(safe-area-inset-bottom, 0px));
      padding-inline: calc(1.25em + env(safe-area-inset-left, 0px)) calc(1.25em + env(safe-area-inset-right, 0px));
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .popover,
    .popover.leaving,
    .base *,
    .base *::before,
    .base *::after {
      transition: none !important;
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    .mark,
    .button,
    textarea {
      border-color: ButtonText;
    }
    .star,
    .disc,
    .features {
      stroke: CanvasText;
    }
    .option.saved .mark,
    .stars .option.saved .mark,
    .faces .option.saved .mark {
      forced-color-adjust: none;
      border-color: Highlight;
      background: Highlight;
      color: HighlightText;
    }
    .option.saved .star,
    .stars .saved .star {
      fill: HighlightText;
      stroke: HighlightText;
    }
    .faces .option.saved .disc {
      fill: Highlight;
      stroke: HighlightText;
    }
    .faces .option.saved .features {
      stroke: HighlightText;
    }
    .faces .option.saved .features .dot,
    .faces .option.saved .features .grin {
      fill: HighlightText;
    }
    .option input:focus-visible + .mark,
    .button:focus-visible,
    .close:focus-visible,
    textarea:focus-visible {
      outline-color: Highlight;
    }
  }
`;
