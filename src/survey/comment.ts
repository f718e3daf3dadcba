/** The comment as sent: what stops it. */
import { MAX_COMMENT } from '../metadata.js';

export type CommentProblem = false | 'commentRequired' | 'commentTooLong';

/**
 * A required comment left empty, or one too long: `maxlength` stops typing, not a value set by a script, so a
 * longer one is refused here, before anything is stored.
 */
export const commentProblem = (comment: string, required: boolean): CommentProblem =>
  required && !comment ? 'commentRequired' : comment.length > MAX_COMMENT ? 'commentTooLong' : false;

/** What the page's console and `csat-error` say of a comment that is too long. */
export const tooLongMessage = (length: number): string =>
  `the comment is ${length} characters long, more than the ${MAX_COMMENT} allowed, so it was neither stored nor sent; the score already chosen is kept and sent.`;
