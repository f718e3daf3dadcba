/**
 * The alerts API, under the admin token (registered in the admin scope of server.ts):
 *   GET    /v1/alerts                                  destinations, rules, parked alerts, counts
 *   PUT    /v1/alerts/destinations/:id                 add or change a destination
 *   DELETE /v1/alerts/destinations/:id                 remove one no rule uses
 *   POST   /v1/alerts/destinations/:id/test            send a test alert now; ?lang=fa|en
 *   GET    /v1/alerts/destinations/:id/deliveries      its last 100 deliveries
 *   PUT    /v1/alerts/rules/:id                        add or change a rule
 *   DELETE /v1/alerts/rules/:id                        remove one
 *   POST   /v1/alerts/parked/:eventId/retry            send a parked alert again
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from './db.js';
import type { AlertConfig } from './alert-config.js';
import type { AlertWorker } from './alert-worker.js';
import { ID } from './alert-rules.js';
import {
  deleteDestination,
  deleteRule,
  getDestination,
  listDestinations,
  listRules,
  saveDestination,
  saveRule,
} from './alert-store.js';
import { deliveries, jobCounts, parkedJobs, retryParked } from './alert-outbox.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerAlertRoutes(
  scope: FastifyInstance,
  options: { db: Db; config: AlertConfig; worker?: AlertWorker | undefined },
): void {
  const { db, config } = options;
  const badId = (reply: FastifyReply, id: string, what: string) =>
    reply.code(400).send({
      error: `${what} id "${id.slice(0, 80)}": expected 1-64 characters of a-z, 0-9, "-" and "_", starting with a letter or digit.`,
    });

  scope.get('/v1/alerts', async () => ({
    destinations: await listDestinations(db.query.bind(db)),
    rules: await listRules(db.query.bind(db)),
    parked: await parkedJobs(db),
    jobs: await jobCounts(db),
    email: !!config.smtpUrl,
    allowHttpLoopback: config.allowHttpLoopback,
  }));

  scope.put('/v1/alerts/destinations/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!ID.test(id)) return badId(reply, id, 'destination');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const result = await saveDestination(db, { ...body, id }, config.allowHttpLoopback);
    if (!result.ok)
      return reply.code(result.status).send({ error: result.problems.join('; '), problems: result.problems });
    return reply.code(result.created ? 201 : 200).send({ destination: await getDestination(db.query.bind(db), id) });
  });
  scope.delete('/v1/alerts/destinations/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const result = await deleteDestination(db, id);
    if (result === 'unknown') return reply.code(404).send({ error: `No destination ${id}.` });
    if (result === 'file')
      return reply.code(409).send({ error: `Destination ${id} comes from the alerts file; remove it there.` });
    if (Array.isArray(result))
      return reply
        .code(409)
        .send({ error: `Destination ${id} is used by the rules ${result.join(', ')}; change them first.` });
    return reply.code(204).send();
  });
  scope.post('/v1/alerts/destinations/:id/test', async (request, reply) => {
    const { id } = request.params as { id: string };
    const destination = await getDestination(db.query.bind(db), id);
    if (!destination) return reply.code(404).send({ error: `No destination ${id}.` });
    if (!options.worker) return reply.code(503).send({ error: 'This server does not send alerts.' });
    const lang = (request.query as { lang?: string }).lang === 'fa' ? 'fa' : 'en';
    return options.worker.sendTest(destination, lang);
  });
  scope.get('/v1/alerts/destinations/:id/deliveries', async (request) => {
    const { id } = request.params as { id: string };
    return { deliveries: await deliveries(db, id) };
  });

  scope.put('/v1/alerts/rules/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!ID.test(id)) return badId(reply, id, 'rule');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const result = await saveRule(db, { ...body, id });
    if (!result.ok)
      return reply.code(result.status).send({ error: result.problems.join('; '), problems: result.problems });
    return reply
      .code(result.created ? 201 : 200)
      .send({ rule: (await listRules(db.query.bind(db))).find((r) => r.id === id) });
  });
  scope.delete('/v1/alerts/rules/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const result = await deleteRule(db, id);
    if (result === 'unknown') return reply.code(404).send({ error: `No rule ${id}.` });
    if (result === 'file')
      return reply.code(409).send({ error: `Rule ${id} comes from the alerts file; remove it there.` });
    return reply.code(204).send();
  });

  scope.post('/v1/alerts/parked/:eventId/retry', async (request, reply) => {
    const { eventId } = request.params as { eventId: string };
    if (!UUID.test(eventId))
      return reply.code(400).send({ error: `event id "${eventId.slice(0, 80)}": expected a UUID.` });
    if (!(await retryParked(db, eventId, new Date())))
      return reply.code(404).send({ error: `No parked alert ${eventId}.` });
    options.worker?.wake();
    return reply.code(202).send({ eventId });
  });
}
