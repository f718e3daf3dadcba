/**
 * The element's way to the page's delivery (a Lit reactive controller): it starts delivery when its host connects,
 * keeps the host's responses and displays and sends them, and brings back to the host the news of the responses it
 * made (`csat-delivered`, `csat-error`). One router per page holds only connected hosts: news of a response whose
 * maker is gone goes to a connected element of the same survey, else to the document, so nothing keeps a removed
 * element alive while its answers wait for the endpoint.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pageDelivery, type Delivery, type DeliveryNotice } from '../delivery.js';
import { CsatDeliveredEvent, CsatErrorEvent } from '../events.js';
import type { SurveyDisplay, SurveyResponse } from '../wire.js';

type Host = ReactiveControllerHost & HTMLElement & { surveyId?: string; endpoint?: string };

const absolute = (url: string | undefined) => {
  try {
    return new URL(url ?? '', location.href).href;
  } catch {
    return url;
  }
};

/** Where the news of the page's delivery goes: the hosts connected now, and which of them made each response. */
class NewsRouter {
  /** The page's delivery, whose news this router brings to the hosts. */
  readonly delivery: Delivery = pageDelivery();
  private readonly connected = new Set<Host>();
  private readonly makers = new Map<string, Host>();
  private listening = false;
  /** The surveys whose question was shown in this page load: each is counted as one display. */
  readonly displayed = new Set<string>();

  connect(host: Host): void {
    this.connected.add(host);
    if (!this.listening) {
      this.listening = true;
      this.delivery.onNotice((notice) => this.announce(notice));
    }
  }

  disconnect(host: Host): void {
    this.connected.delete(host);
    this.makers.forEach((maker, id) => {
      if (maker === host) this.makers.delete(id);
    });
  }

  made(id: string, host: Host): void {
    if (this.connected.has(host)) this.makers.set(id, host);
  }

  /** The element a response belongs to: the one that made it, else one showing its survey, else the document. */
  private targetOf(response: SurveyResponse | undefined, endpoint?: string): EventTarget {
    const maker = response && this.makers.get(response.id);
    if (response) this.makers.delete(response.id);
    if (maker && this.connected.has(maker)) return maker;
    const hosts = [...this.connected];
    const match = response
      ? hosts.find((el) => el.surveyId === response.surveyId)
      : hosts.find((el) => endpoint && absolute(el.endpoint) === absolute(endpoint));
    return match ?? document;
  }

  private announce(notice: DeliveryNotice): void {
    if (notice.kind === 'delivered') {
      const byTarget = new Map<EventTarget, string[]>();
      for (const r of notice.responses) {
        const target = this.targetOf(r);
        byTarget.set(target, [...(byTarget.get(target) ?? []), r.id]);
      }
      byTarget.forEach((ids, target) => target.dispatchEvent(new CsatDeliveredEvent({ ids })));
      return;
    }
    const { code, message, status, response, endpoint } = notice;
    this.targetOf(response, endpoint).dispatchEvent(
      new CsatErrorEvent({
        code,
        message,
        ...(status && { status }),
        ...(endpoint && !response && { endpoint }),
        ...(response && { responseId: response.id, surveyId: response.surveyId, response }),
      }),
    );
  }
}

let router: NewsRouter | undefined;

export class DeliveryController implements ReactiveController {
  private readonly news = (router ??= new NewsRouter());

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    this.news.connect(this.host);
    this.news.delivery.startDelivery();
  }

  hostDisconnected(): void {
    this.news.disconnect(this.host);
  }

  /** Keeps a revision durably (its news comes back to the host), then sends everything buffered. */
  async keep(response: SurveyResponse, endpoint: string, headers?: Record<string, string>): Promise<void> {
    this.news.made(response.id, this.host);
    const { record, flushDue } = this.news.delivery;
    await record({ endpoint, response, ...(headers && { headers: { ...headers } }) });
    void flushDue();
  }

  /** Records a display once per survey per page load, and sends it after the answers. */
  display(display: SurveyDisplay, endpoint: string, headers?: Record<string, string>): void {
    if (this.news.displayed.has(display.surveyId)) return;
    this.news.displayed.add(display.surveyId);
    const { recordDisplay, flushDue } = this.news.delivery;
    void recordDisplay({ endpoint, ...(headers && { headers: { ...headers } }), display }).then(flushDue);
  }

  /** Tries to deliver every buffered answer now. Never rejects. */
  flush(): Promise<void> {
    return this.news.delivery.flush();
  }
}
