/**
 * <comments-panel>: every comment of the period and touchpoint, newest first, in pages ("Show
 * more"), with search (the collector folds Persian spellings: see collector/search.ts) and filters by
 * group, score and language; each comment with its score, group, touchpoint, language, time, page and
 * metadata. Comments are visitor input: they reach the page as text only. Emits `comment-filters`
 * with the filters in force (the export takes them).
 */
import { LitElement, css, html, nothing } from 'lit';
import { shared } from './styles.js';
import { groupName, groupsOf } from './groups-table.js';
import { ApiError, type Api } from './api.js';
import type { Format } from './format.js';
import type { Strings } from './strings.js';
import type { Comment, CommentQuery, Report, ReportQuery } from './types.js';
import { SCALES } from '../../../src/scales.js';

const EMPTY: CommentQuery = { q: '', group: '', score: '', lang: '' };

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A comment's locale as a lang attribute, when it names a known language. */
function languageTag(locale: string): string | undefined {
  try {
    const tag = Intl.getCanonicalLocales(locale)[0];
    return tag && languageNames.of(tag.split('-')[0]!) ? tag : undefined;
  } catch {
    return undefined;
  }
}

export class CommentsPanelElement extends LitElement {
  static override styles = [
    shared,
    css`
      form .fields {
        align-items: end;
      }
      .search input {
        inline-size: 18rem;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.75rem;
      }
      li {
        border-inline-start: 4px solid var(--group, var(--rule));
        padding-block: 0.25rem;
        padding-inline: 0.9rem 0;
      }
      .text {
        margin-block-end: 0.35rem;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 1rem;
        margin: 0;
        color: var(--muted);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      .badge {
        padding-block: 0.05rem;
        padding-inline: 0.5rem;
        border-radius: 1rem;
        background: var(--group);
        color: var(--on-group);
        font-weight: 600;
      }
      dl {
        display: inline;
        margin: 0;
      }
      dt,
      dd {
        display: inline;
        margin: 0;
      }
      dt::after {
        content: ': ';
      }
      dd:not(:last-child)::after {
        content: ' · ';
      }
    `,
  ];

  static override properties = {
    api: { attribute: false },
    surveyId: { attribute: false },
    query: { attribute: false },
    report: { attribute: false },
    t: { attribute: false },
    f: { attribute: false },
    filters: { state: true },
    draft: { state: true },
    comments: { state: true },
    total: { state: true },
    next: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  declare api: Api;
  surveyId = '';
  declare query: ReportQuery;
  declare report: Report;
  declare t: Strings;
  declare f: Format;
  private filters: CommentQuery = { ...EMPTY };
  private draft: CommentQuery = { ...EMPTY };
  private comments: Comment[] = [];
  private total = 0;
  private next: string | null = null;
  private loading = false;
  private error = '';
  private controller?: AbortController;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('surveyId') && changed.get('surveyId') !== undefined) {
      this.filters = { ...EMPTY };
      this.draft = { ...EMPTY };
      this.emitFilters();
    }
  }

  override updated(changed: Map<string, unknown>) {
    if (changed.has('surveyId') || changed.has('query')) void this.load(false);
  }

  private emitFilters() {
    this.dispatchEvent(new CustomEvent('comment-filters', { detail: { ...this.filters }, bubbles: true }));
  }

  /** Loads the first page (`more` false) or the next one. */
  private async load(more: boolean) {
    if (!this.surveyId || !this.query) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    this.error = '';
    try {
      const page = await this.api.comments(
        this.surveyId,
        { ...this.query, ...this.filters, ...(more && this.next ? { cursor: this.next } : {}) },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      this.comments = more ? [...this.comments, ...page.comments] : page.comments;
      this.total = page.total;
      this.next = page.next;
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') return;
      this.error =
        error instanceof ApiError && error.kind === 'http'
          ? this.t.serverError(this.f.int(error.status), error.detail)
          : this.t.networkError;
      if (error instanceof ApiError && error.kind === 'unauthorized')
        this.dispatchEvent(new CustomEvent('unauthorized', { bubbles: true, composed: true }));
    } finally {
      if (this.controller === controller) this.loading = false;
    }
  }

  private async more() {
    const count = this.comments.length;
    await this.load(true);
    // The focus goes to the first comment that came in, so a keyboard user reads on from there.
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('li')[count]?.focus();
  }

  private search(event: Event) {
    event.preventDefault();
    this.filters = { ...this.draft };
    this.emitFilters();
    void this.load(false);
  }

  private edit(change: Partial<CommentQuery>) {
    this.draft = { ...this.draft, ...change };
  }

  override render() {
    const { t, f, report } = this;
    const type = report.type;
    const { min, max } = SCALES[type];
    const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
    const languages = report.options.languages;
    const names = new Intl.DisplayNames([f.lang], { type: 'language', fallback: 'code' });
    return html`<section class="panel" aria-labelledby="comments-heading">
      <h3 id="comments-heading">${t.comments}</h3>
      <form role="search" aria-label=${t.search} @submit=${this.search}>
        <div class="fields">
          <div class="field search">
            <label for="q">${t.search}</label>
            <input
              id="q"
              type="search"
              dir="auto"
              maxlength="200"
              .value=${this.draft.q}
              aria-describedby="q-hint"
              @input=${(e: Event) => this.edit({ q: (e.target as HTMLInputElement).value })}
            />
          </div>
          <div class="field">
            <label for="group">${t.group}</label>
            <select
              id="group"
              @change=${(e: Event) => this.edit({ group: (e.target as HTMLSelectElement).value as CommentQuery['group'] })}
            >
              <option value="" ?selected=${!this.draft.group}>${t.anyGroup}</option>
              ${groupsOf(type).map(
                (g) =>
                  html`<option value=${g.group} ?selected=${g.group === this.draft.group}>
                    ${groupName(t, type, g.group)}
                  </option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="score">${t.score}</label>
            <select id="score" @change=${(e: Event) => this.edit({ score: (e.target as HTMLSelectElement).value })}>
              <option value="" ?selected=${!this.draft.score}>${t.anyScore}</option>
              ${scores.map((s) => html`<option value=${s} ?selected=${String(s) === this.draft.score}>${f.int(s)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="lang">${t.languageLabel}</label>
            <select id="lang" @change=${(e: Event) => this.edit({ lang: (e.target as HTMLSelectElement).value })}>
              <option value="" ?selected=${!this.draft.lang}>${t.anyLanguage}</option>
              ${languages.map((l) => html`<option value=${l} ?selected=${l === this.draft.lang}>${names.of(l) ?? l}</option>`)}
            </select>
          </div>
          <div class="actions"><button type="submit">${t.searchButton}</button></div>
        </div>
        <p id="q-hint" class="hint">${t.searchHint}</p>
      </form>
      <p id="comments-status" class="subtle" role="status">
        ${
          this.loading && !this.comments.length
            ? t.loadingComments
            : this.error
              ? ''
              : this.comments.length
                ? t.commentsShown(f.int(this.comments.length), f.int(this.total))
                : t.noComments
        }
      </p>
      <p class="message error">${this.error}</p>
      <ol id="comments">
        ${this.comments.map((c) => this.comment(c))}
      </ol>
      ${
        this.next
          ? html`<p class="actions">
              <button type="button" class="quiet" id="more" @click=${this.more} ?disabled=${this.loading}>
                ${t.more}
              </button>
            </p>`
          : nothing
      }
    </section>`;
  }

  private comment(c: Comment) {
    const { t, f, report } = this;
    const metadata = c.metadata && typeof c.metadata === 'object' ? Object.entries(c.metadata) : [];
    return html`<li class="comment group-${c.group}" tabindex="-1">
      <p class="text" dir="auto" lang=${languageTag(c.locale) ?? ''}>${c.comment}</p>
      <div class="meta">
        <span class="badge">${t.commentScore(f.int(c.score))}</span>
        <span>${groupName(t, report.type, c.group)}</span>
        ${c.touchpoint ? html`<span>${t.commentTouchpoint}: <bdi>${c.touchpoint}</bdi></span>` : nothing}
        <span>${t.commentLocale}: <bdi>${c.locale}</bdi></span>
        <time datetime=${c.answeredAt ?? ''}>${f.moment(c.answeredAt)}</time>
        ${c.complete ? nothing : html`<span>${t.commentIncomplete}</span>`}
        ${c.pageUrl ? html`<span>${t.commentPage}: <bdi class="url">${c.pageUrl}</bdi></span>` : nothing}
        ${
          metadata.length
            ? html`<dl>
                ${metadata.map(
                  ([key, value]) =>
                    html`<dt><bdi>${key}</bdi></dt>
                      <dd><bdi>${typeof value === 'object' ? JSON.stringify(value) : String(value)}</bdi></dd>`,
                )}
              </dl>`
            : nothing
        }
      </div>
    </li>`;
  }
}

customElements.define('comments-panel', CommentsPanelElement);

declare global {
  interface HTMLElementTagNameMap {
    'comments-panel': CommentsPanelElement;
  }
}
