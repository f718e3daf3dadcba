import { css } from 'lit';

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
    padding: var(--csat-padding, 1em 1.25em);
    border: 1px solid var(--_card-border);
    border-radius: var(--csat-radius, 12px);
    background: var(--_bg);
    color: var(--_fg);
    font-family: var(
      --csat-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Noto Sans',
      'Noto Sans Arabic',
      Tahoma,
      sans-serif
    );
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
    --_star: var(--csat-star, light-dark(#9a6700, #f2cc60));
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

  .options {
    display: flex;
    flex-wrap: wrap;
    gap: var(--csat-gap, 6px);
  }
  .option {
    position: relative;
    display: flex;
    flex: 1 1 0;
    min-inline-size: 36px;
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
  .option input:checked + .mark {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .option input:focus-visible + .mark {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }

  .stars .option,
  .faces .option {
    flex: 0 0 auto;
    min-inline-size: 44px;
  }
  .stars .mark,
  .faces .mark {
    padding: 4px;
    border-color: transparent;
    color: var(--_muted);
  }
  .stars .mark.filled,
  .stars .option input:checked + .mark {
    background: transparent;
    color: var(--_star);
  }
  .faces .option input:checked + .mark {
    border-color: var(--_accent);
    background: transparent;
    color: var(--_accent);
  }

  .ends {
    display: flex;
    justify-content: space-between;
    gap: 1em;
    margin-block-start: 0.5em;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .ends :last-child {
    text-align: end;
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
  .status.saved:not(:empty) {
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
    .popover {
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
  .announcer {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (pointer: coarse) {
    .option {
      min-inline-size: 44px;
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
    .option input:checked + .mark,
    .stars .option input:checked + .mark,
    .faces .option input:checked + .mark {
      forced-color-adjust: none;
      border-color: Highlight;
      background: Highlight;
      color: HighlightText;
    }
    .option input:focus-visible + .mark,
    .button:focus-visible,
    .close:focus-visible,
    textarea:focus-visible {
      outline-color: Highlight;
    }
  }
`;
