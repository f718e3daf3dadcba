/**
 * A small custom-element base: reactive properties read from attributes, batched asynchronous updates rendered
 * with lit-html into an open shadow root, adopted styles, and Lit's reactive controllers (`addController`,
 * `hostConnected`, `hostDisconnected`, `requestUpdate`, `updateComplete`). It keeps the part of `LitElement` the
 * survey uses, and its timing: nothing updates before the first connection; a change made while rendering joins
 * that update; a change made in `updated()` makes another.
 */
import { render } from 'lit/html.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { booleanAttribute } from './attribute-converters.js';

/** How a property is read from its attribute (none: internal state, or a property only). */
export interface PropertyOptions {
  /** The attribute's name; false: none. */
  readonly attribute?: string | false;
  /** How the attribute's text becomes the value. */
  readonly type?: string | undefined;
  /** The value until one is given. */
  readonly default?: unknown;
  /** Internal reactive state: no attribute, not public. */
  readonly state?: boolean;
}

/** An attribute's text as the property's value (Booleans as in attribute-converters.ts). */
const fromAttribute = (type: PropertyOptions['type'], value: string | null): unknown =>
  type === 'boolean'
    ? booleanAttribute.fromAttribute!(value, Boolean)
    : type === 'number' && value !== null
      ? Number(value)
      : value;

/** On a server (no DOM) a stand-in base, so that importing the element there does not throw. */
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

export abstract class ReactiveHost extends Base implements ReactiveControllerHost {
  /** Every reactive property and how it is read. */
  static elementProperties: Map<PropertyKey, PropertyOptions> = new Map();
  /** The element's style sheet, as text. */
  static styles = '';
  /** The same, made a constructed sheet once, adopted by every shadow root. */
  static elementStyles: CSSStyleSheet[];

  /** Makes the accessors of `elementProperties` once, on the class that declares them. */
  private static finalize(): void {
    const proto = this.prototype;
    if (Object.prototype.hasOwnProperty.call(proto, '$finalized')) return;
    Object.defineProperty(proto, '$finalized', { value: true });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(this.styles);
    this.elementStyles = [sheet];
    this.elementProperties.forEach((_options, name) => {
      const key = Symbol();
      Object.defineProperty(proto, name, {
        get(this: Record<symbol, unknown>) {
          return this[key];
        },
        set(this: ReactiveHost & Record<symbol, unknown>, value: unknown) {
          if (Object.is(this[key], value)) return;
          this[key] = value;
          this.requestUpdate();
        },
        configurable: true,
        enumerable: true,
      });
    });
  }

  static get observedAttributes(): string[] {
    this.finalize();
    const names: string[] = [];
    this.elementProperties.forEach(({ attribute }) => {
      if (attribute) names.push(attribute);
    });
    return names;
  }

  /** The open shadow root, made at the first connection. */
  renderRoot!: ShadowRoot;
  hasUpdated = false;
  private pending = false;
  private updating: Promise<boolean>;
  private enable!: (value?: unknown) => void;
  private readonly controllers = new Set<ReactiveController>();
  /** Properties set on the element before it was upgraded: they win over the defaults. */
  private early?: Map<PropertyKey, unknown>;

  constructor() {
    super();
    (this.constructor as typeof ReactiveHost).finalize();
    this.updating = new Promise((resolve) => (this.enable = resolve)).then(() => this.perform());
    this.pending = true;
    (this.constructor as typeof ReactiveHost).elementProperties.forEach((options, name) => {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        (this.early ??= new Map()).set(name, this[name as keyof this]);
        delete this[name as keyof this];
      }
      if (options.default !== undefined) (this as Record<PropertyKey, unknown>)[name] = options.default;
    });
  }

  connectedCallback(): void {
    if (!this.renderRoot) {
      this.renderRoot = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      this.renderRoot.adoptedStyleSheets = (this.constructor as typeof ReactiveHost).elementStyles;
    }
    this.enable();
    this.controllers.forEach((c) => c.hostConnected?.());
  }

  disconnectedCallback(): void {
    this.controllers.forEach((c) => c.hostDisconnected?.());
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    (this.constructor as typeof ReactiveHost).elementProperties.forEach((options, key) => {
      if (options.attribute === name) (this as Record<PropertyKey, unknown>)[key] = fromAttribute(options.type, value);
    });
  }

  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.controllers.delete(controller);
  }

  /** Asks for an update, after the current one (and, the first time, after the element is connected). */
  requestUpdate(): void {
    if (this.pending) return;
    this.pending = true;
    this.updating = this.updating.then(
      () => this.perform(),
      () => this.perform(),
    );
  }

  get updateComplete(): Promise<boolean> {
    return this.getUpdateComplete();
  }

  protected getUpdateComplete(): Promise<boolean> {
    return this.updating;
  }

  private perform(): boolean {
    if (!this.pending) return true;
    if (this.early) {
      this.early.forEach((value, name) => ((this as Record<PropertyKey, unknown>)[name] = value));
      this.early = undefined;
    }
    try {
      this.willUpdate();
      this.controllers.forEach((c) => c.hostUpdate?.());
      const template = this.render();
      this.pending = false;
      render(template, this.renderRoot, { host: this });
    } catch (error) {
      this.pending = false;
      throw error;
    }
    this.hasUpdated = true;
    this.controllers.forEach((c) => c.hostUpdated?.());
    this.updated();
    return !this.pending;
  }

  /** Before rendering: work out what the render needs. Changes made here join this update. */
  protected willUpdate(): void {}

  /** What the shadow root shows. */
  protected abstract render(): unknown;

  /** After rendering. Changes made here make another update. */
  protected updated(): void {}
}
