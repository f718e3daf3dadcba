/** The npm entry's functions over the page's delivery (`import { flush } from 'csat-survey'`). */
import { pageDelivery, type DeliveryStatus } from './delivery.js';

/** Tries to deliver every buffered answer now. Never rejects. */
export const flush = (): Promise<void> => pageDelivery().flush();
/** The outbox now and what happened to responses since this page loaded. */
export const deliveryStatus = (): DeliveryStatus => pageDelivery().deliveryStatus();
/** Forgets every buffered response, dead letter and display on this device. */
export const clearStoredResponses = (): Promise<void> => pageDelivery().clearStoredResponses();
