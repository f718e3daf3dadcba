/**
 * The popover's behaviour (a reactive controller): it is shown in the top layer once drawn, kept above the
 * on-screen keyboard, closed by Escape from the page, and leaves with its exit motion, giving focus back to where
 * the visitor was; a finished one leaves by itself after a moment, unless the visitor is on it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PopoverSurvey {
  /** True in `mode="popover"` with a valid configuration. */
  isPopover(): boolean;
  /** True while the survey is shown. */
  isVisible(): boolean;
  /** Hides the survey at once. */
  hide(): void;
  /** The close button's work (Escape from the page does the same). */
  close(): void;
}

export class PopoverController implements ReactiveController {
  /** True while the exit motion plays. */
  leaving = false;
  private returnFocus?: HTMLElement;
  private thanksTimer?: ReturnType<typeof setTimeout>;
  /** Removes the listeners added while connected. */
  private listening?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly survey: PopoverSurvey,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const { host, survey } = this;
    const onFocus = (event: FocusEvent) => {
      const from = event.relatedTarget as HTMLElement | null;
      if (from && from !== host && !host.shadowRoot?.contains(from)) this.returnFocus = from;
    };
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && survey.isPopover() && survey.isVisible() && document.activeElement === document.body)
        survey.close();
    };
    const { signal } = (this.listening = new AbortController());
    host.addEventListener('focusin', onFocus, { signal });
    visualViewport?.addEventListener('resize', () => this.followKeyboard(), { signal });
    document.addEventListener('keydown', onEscape, { signal });
  }

  hostDisconnected(): void {
    this.listening?.abort();
    this.cancel();
  }

  hostUpdated(): void {
    const popover = this.host.shadowRoot?.querySelector<HTMLElement>('.popover');
    // A survey removed before its update ran has no top layer to join.
    if (!popover || !this.host.isConnected) return;
    if ('showPopover' in popover && !popover.matches(':popover-open')) popover.showPopover();
    this.followKeyboard();
  }

  /** Stops the finished popover's own leaving. */
  cancel(): void {
    clearTimeout(this.thanksTimer);
  }

  /** Hides the survey; a popover plays its exit motion first and gives focus back to where the visitor was. */
  leave(): void {
    const { host, survey } = this;
    this.cancel();
    if (!survey.isPopover() || !survey.isVisible()) {
      survey.hide();
      return;
    }
    const hadFocus = !!host.shadowRoot?.activeElement;
    this.leaving = true;
    host.requestUpdate();
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    setTimeout(
      () => {
        if (!this.leaving) return;
        this.leaving = false;
        survey.hide();
        if (hadFocus && this.returnFocus?.isConnected) this.returnFocus.focus();
      },
      still ? 0 : 160,
    );
  }

  /** A finished popover leaves by itself after a moment, unless the visitor is on it. */
  leaveAfterThanks(): void {
    this.cancel();
    this.thanksTimer = setTimeout(() => {
      if (this.host.matches(':hover') || this.host.shadowRoot?.activeElement) this.leaveAfterThanks();
      else this.leave();
    }, 6000);
  }

  /** Keeps a bottom sheet above the on-screen keyboard. */
  private followKeyboard(): void {
    const viewport = visualViewport;
    if (!viewport || !this.survey.isPopover()) return;
    const covered = Math.max(0, innerHeight - viewport.height - viewport.offsetTop);
    this.host.style.setProperty('--_keyboard', `${Math.round(covered)}px`);
  }
}
