/**
 * dist/csat-survey.delivery.js: the outbox, the transport and the displays, loaded by the loader on pages
 * where answers wait or a survey shows. It makes the page's delivery and starts it (flush what earlier pages
 * left) as it runs.
 */
import { pageDelivery } from '../delivery.js';
import { hook } from './hook.js';

(hook().delivery = pageDelivery()).startDelivery();
