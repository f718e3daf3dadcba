/**
 * What the renderer chunk imports in place of delivery.js: the delivery of the delivery chunk, which the loader
 * runs first, so one outbox serves the page.
 */
import { hook } from './hook.js';
import type { Delivery } from '../delivery.js';

export type { Delivery, DeliveryNotice, DeliveryStatus, DeliveryErrorCode } from '../delivery.js';

export const pageDelivery = (): Delivery => hook().delivery as Delivery;
