// The bare lit floor: a LitElement that renders the survey card's visible shape and nothing else (no
// configuration checks, no storage, no delivery). Bundled with vite into a classic script, as the widget is.
import { LitElement, html, unsafeCSS } from 'lit';
import { SCORES, cardCss } from './card-style.js';

class LitCard extends LitElement {
  static styles = unsafeCSS(cardCss);

  static properties = { question: {}, low: {}, high: {}, chosen: { state: true } };

  constructor() {
    super();
    this.question = '';
    this.low = '';
    this.high = '';
    this.chosen = undefined;
  }

  render() {
    return html`<section class="card">
      <p class="question">${this.question}</p>
      <div class="options">
        ${SCORES.map(
          (score) =>
            html`<button type="button" aria-pressed=${score === this.chosen} @click=${() => (this.chosen = score)}>
              ${score}
            </button>`,
        )}
      </div>
      <div class="ends"><span>${this.low}</span><span>${this.high}</span></div>
    </section>`;
  }
}

customElements.define('lit-card', LitCard);
