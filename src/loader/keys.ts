/** The synchronous state the loader decides from, written by the chunks (see visitor-state.ts, delivery.ts). */
/** + survey id: the visitor's state as JSON `{ draw, answeredAt?, dismissedAt? }` (see visitor-state.ts). */
export const INDEX_KEY = 'csat-survey-visitor:';
/** How many answers and displays wait ("0": none; absent: unknown). */
export const WAITING_KEY = 'csat-survey-waiting';
export const VISIT_KEY = 'csat-survey-visit';
/** The visitor's state, per survey (visitor-state.ts). */
export const VISITOR_DB = 'csat-survey-visitor';
/** When a popover survey was last answered or dismissed on this site (ms, device clock): the cooldown's start. */
export const COOLDOWN_KEY = 'csat-survey-cooldown';
/** How many popover surveys were shown in this visit (sessionStorage). */
export const POPOVERS_KEY = 'csat-survey-popovers';
