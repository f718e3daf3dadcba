/**
 * dist/csat-survey.delivery.js: the outbox, the transport and the displays, loaded by the loader on pages
 * where answers wait or a survey shows. It makes the page's delivery and starts it (flush what earlier pages
 * left) as it runs, and leaves the modules the renderer chunk shares with it.
 */
import { pageDelivery } from '../delivery.js';
import { shared as modules } from './shared.js';
import { hook } from './hook.js';

const shared = hook();
shared.shared = modules;
(shared.delivery = pageDelivery()).startDelivery();
