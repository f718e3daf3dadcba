/** <groups-table>: each score group with its scores, count, share and the share's 95 % interval. */
import { LitElement, html } from 'lit';
import { shared } from './styles.js';
import { dataTable } from './table.js';
import { intervalText, type Format } from './format.js';
import type { Strings } from './strings.js';
import type { Report } from './types.js';
import { SCALES, scoreGroup, type ScoreGroup } from '../../../src/scales.js';

/** The groups of a type in order, with their lowest and highest score. */
function groupsOf(type: Report['type']): Array<{ group: ScoreGroup; min: number; max: number }> {
  const out: Array<{ group: ScoreGroup; min: number; max: number }> = [];
  for (let score = SCALES[type].min; score <= SCALES[type].max; score++) {
    const group = scoreGroup(type, score);
    const last = out[out.length - 1];
    if (last?.group === group) last.max = score;
    else out.push({ group, min: score, max: score });
  }
  return out;
}

export const groupName = (t: Strings, type: Report['type'], group: string): string =>
  t.groupName[type === 'nps' ? group : `${type}${group}`] ?? group;

export { groupsOf };

export class GroupsTableElement extends LitElement {
  static override styles = shared;
  static override properties = {
    report: { attribute: false },
    t: { attribute: false },
    f: { attribute: false },
  };

  declare report: Report;
  declare t: Strings;
  declare f: Format;

  override render() {
    const { report, t, f } = this;
    const percent = (v: number) => f.percent(v);
    const rows = groupsOf(report.type).map(({ group, min, max }) => {
      const entry = report.groups[group] ?? { count: 0, share: { value: null, lower: null, upper: null } };
      return [
        html`<span class="group-${group}">${groupName(t, report.type, group)}</span>`,
        t.scoreRange(f.int(min), f.int(max)),
        f.int(entry.count),
        entry.share.value === null ? '—' : percent(entry.share.value),
        intervalText(entry.share, percent, t.intervalText),
      ];
    });
    return html`<section class="panel" aria-labelledby="groups-heading">
      <h3 id="groups-heading">${t.groups}</h3>
      ${dataTable('groups-table', t.groups, [t.group, t.scores, t.count, t.share, t.interval], rows, true, true)}
    </section>`;
  }
}

customElements.define('groups-table', GroupsTableElement);

declare global {
  interface HTMLElementTagNameMap {
    'groups-table': GroupsTableElement;
  }
}
