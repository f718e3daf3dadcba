/**
 * What the renderer chunk imports in place of delivery.js: the delivery object of the delivery chunk,
 * which the loader runs first, so one outbox serves the page.
 */
import { hook, type DeliveryChunk } from './hook.js';

export type { DeliveryNotice, DeliveryStatus, DeliveryErrorCode } from '../delivery.js';

const delivery = (): DeliveryChunk => hook().delivery as DeliveryChunk;

export const clearStoredResponses: DeliveryChunk['clearStoredResponses'] = () => delivery().clearStoredResponses();
export const deliveryStatus: DeliveryChunk['deliveryStatus'] = () => delivery().deliveryStatus();
export const flush: DeliveryChunk['flush'] = () => delivery().flush();
export const flushDue: DeliveryChunk['flushDue'] = () => delivery().flushDue();
export const onNotice: DeliveryChunk['onNotice'] = (listener) => delivery().onNotice(listener);
export const record: DeliveryChunk['record'] = (entry) => delivery().record(entry);
export const recordDisplay: DeliveryChunk['recordDisplay'] = (entry) => delivery().recordDisplay(entry);
export const startDelivery: DeliveryChunk['startDelivery'] = () => delivery().startDelivery();
