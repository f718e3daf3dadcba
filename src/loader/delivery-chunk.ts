/**
 * dist/csat-survey.delivery.js: the outbox, the transport and the displays, loaded by the loader on pages
 * where answers wait or a survey shows. It starts delivery (flush what earlier pages left) as it runs.
 */
import {
  clearStoredResponses,
  deliveryStatus,
  flush,
  flushDue,
  onNotice,
  record,
  recordDisplay,
  startDelivery,
} from '../delivery.js';
import { hook } from './hook.js';

hook().delivery = {
  clearStoredResponses,
  deliveryStatus,
  flush,
  flushDue,
  onNotice,
  record,
  recordDisplay,
  startDelivery,
};
startDelivery();
