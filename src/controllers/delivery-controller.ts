/**
 * The element's way to the page's delivery (a Lit reactive controller): it starts delivery when its host connects,
 * keeps the host's responses and displays and sends them, and brings back to the host the news of the responses it
 * made (`csat-delivered`, `csat-error`). While its host is connected it listens to the delivery, which gives each
 * piece of news to the nearest listener: the element that made the response, else a connected element of the same
 * survey (or sending to the endpoint), else the document. A removed element stops listening, so nothing keeps it
 * alive while its answers wait for the endpoint.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pageDelivery, type DeliveryNotice, type NoticeListener } from '../delivery.js';
import { CsatDeliveredEvent, CsatErrorEvent } from '../events.js';
import type { SurveyDisplay, SurveyResponse } from '../wire.js';
import type { StorageMode } from '../storage-mode.js';

type Host = ReactiveControllerHost & HTMLElement & { surveyId?: string; endpoint?: string };

const absolute = (url: string | undefined) => {
  try {
    return new URL(url ?? '', location.href).href;
  } catch {
    return url;
  }
};

/** Dispatches a notice on `target` as `csat-delivered` or `csat-error`. */
function announce(target: EventTarget, notice: DeliveryNotice): void {
  if (notice.kind === 'delivered') {
    target.dispatchEvent(new CsatDeliveredEvent({ ids: notice.responses.map((r) => r.id) }));
    return;
  }
  const { code, message, status, response, endpoint } = notice;
  target.dispatchEvent(
    new CsatErrorEvent({
      code,
      message,
      ...(status && { status }),
      ...(endpoint && !response && { endpoint }),
      ...(response && { responseId: response.id, surveyId: response.surveyId, response }),
    }),
  );
}

/** The news no connected element is nearer to: on the document. The delivery keeps it once. */
const toDocument: NoticeListener = { near: () => 0, hear: (notice) => announce(document, notice) };

export class DeliveryController implements ReactiveController, NoticeListener {
  private readonly delivery = pageDelivery();
  /** The responses this host made while connected, whose news is not back yet. */
  private readonly made = new Set<string>();
  private stopListening?: () => void;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.delivery.onNotice(toDocument);
    this.stopListening = this.delivery.onNotice(this);
    this.delivery.startDelivery();
  }

  hostDisconnected(): void {
    this.stopListening?.();
    this.made.clear();
  }

  /** 2 for a response this host made, 1 for one of its survey (or a notice about its endpoint). */
  near(response: SurveyResponse | undefined, endpoint: string | undefined): number {
    if (response) return this.made.has(response.id) ? 2 : Number(this.host.surveyId === response.surveyId);
    return Number(!!endpoint && absolute(this.host.endpoint) === absolute(endpoint));
  }

  hear(notice: DeliveryNotice): void {
    const responses = notice.kind === 'delivered' ? notice.responses : [notice.response];
    responses.forEach((r) => r && this.made.delete(r.id));
    announce(this.host, notice);
  }

  /** Keeps a revision durably (its news comes back to the host), then sends everything buffered. */
  async keep(
    response: SurveyResponse,
    endpoint: string,
    headers?: Record<string, string>,
    own?: StorageMode,
  ): Promise<void> {
    if (this.host.isConnected) this.made.add(response.id);
    const { record, flushDue } = this.delivery;
    await record({ endpoint, response, ...(headers && { headers: { ...headers } }) }, own);
    void flushDue();
  }

  /** Records a display once per survey per page load, and sends it after the answers. */
  display(display: SurveyDisplay, endpoint: string, headers?: Record<string, string>, own?: StorageMode): void {
    const { shown, recordDisplay, flushDue } = this.delivery;
    if (shown.has(display.surveyId)) return;
    shown.add(display.surveyId);
    void recordDisplay({ endpoint, ...(headers && { headers: { ...headers } }), display }, own).then(flushDue);
  }

  /** Tries to deliver every buffered answer now. Never rejects. */
  flush(): Promise<void> {
    return this.delivery.flush();
  }
}
