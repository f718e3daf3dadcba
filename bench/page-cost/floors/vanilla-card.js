// The vanilla floor: a custom element that builds the survey card's visible shape with DOM calls, no library.
import { SCORES, cardCss } from './card-style.js';

const sheet = new CSSStyleSheet();
sheet.replaceSync(cardCss);

class VanillaCard extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
  }

  connectedCallback() {
    const root = this.shadowRoot;
    if (root.firstChild) return;
    const el = (tag, className, text) => {
      const node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const card = el('section', 'card');
    card.append(el('p', 'question', this.getAttribute('question') ?? ''));
    const options = el('div', 'options');
    for (const score of SCORES) {
      const button = el('button', '', String(score));
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      options.append(button);
    }
    options.addEventListener('click', (event) => {
      for (const button of options.children) button.setAttribute('aria-pressed', String(button === event.target));
    });
    const ends = el('div', 'ends');
    ends.append(el('span', '', this.getAttribute('low') ?? ''), el('span', '', this.getAttribute('high') ?? ''));
    card.append(options, ends);
    root.append(card);
  }
}

customElements.define('vanilla-card', VanillaCard);
