/** `import 'csat-survey'`: registers <csat-survey> (once) and exports the element and its types. */
import { CsatSurveyElement } from './csat-survey.js';

export * from './element.js';

if (typeof customElements !== 'undefined') CsatSurveyElement.define();
