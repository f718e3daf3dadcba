import { foldSql } from './search.js';

/**
 * The schema, as numbered migrations: the same SQL for the embedded database and for PostgreSQL.
 * Applied in order at start, each once, inside a transaction; a lock keeps two collectors starting
 * at the same time from applying one twice.
 */
export const MIGRATIONS: string[] = [
  `CREATE TABLE responses (
     id uuid PRIMARY KEY,
     revision integer NOT NULL CHECK (revision >= 1),
     complete boolean NOT NULL,
     survey_id text NOT NULL,
     type text NOT NULL CHECK (type IN ('nps', 'csat', 'ces')),
     score smallint NOT NULL,
     comment text,
     locale text NOT NULL,
     touchpoint text,
     page_url text NOT NULL,
     metadata jsonb,
     answered_at timestamptz NOT NULL,
     sent_at timestamptz NOT NULL,
     received_at timestamptz NOT NULL,
     first_received_at timestamptz NOT NULL
   );
   CREATE INDEX responses_by_survey_time ON responses (survey_id, answered_at);
   CREATE INDEX responses_by_survey_touchpoint_time ON responses (survey_id, touchpoint, answered_at);
   CREATE INDEX responses_with_comment ON responses (survey_id, answered_at DESC) WHERE comment IS NOT NULL;`,
  // What every collector on one database shares: settings (the admin token made when none is set),
  // the rate-limit counters (the table rate-limiter-flexible's PostgreSQL store uses) and the origins
  // allowed to send answers besides CSAT_ALLOWED_ORIGINS. The export reads in (answered_at, id) order.
  `CREATE TABLE csat_settings (
     name text PRIMARY KEY,
     value text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE csat_rate_limits (
     key varchar(255) PRIMARY KEY,
     points integer NOT NULL DEFAULT 0,
     expire bigint
   );
   CREATE TABLE allowed_origins (
     origin text PRIMARY KEY,
     added_at timestamptz NOT NULL DEFAULT now(),
     note text
   );
   CREATE INDEX responses_by_survey_time_id ON responses (survey_id, answered_at, id);
   DROP INDEX responses_by_survey_time;`,
  // Each time a survey was shown (sent by the widget), for response rates.
  `CREATE TABLE displays (id uuid PRIMARY KEY, survey_id text NOT NULL, type text NOT NULL, shown_at timestamptz NOT NULL,
     locale text NOT NULL, touchpoint text, page_url text NOT NULL, received_at timestamptz NOT NULL DEFAULT now());
   CREATE INDEX displays_survey_time ON displays (survey_id, shown_at);
   CREATE INDEX displays_survey_touchpoint_time ON displays (survey_id, touchpoint, shown_at);`,
  // The comment folded for search (search.ts), kept by the database itself. The expression is made
  // from search.ts's table when this runs: a change to that table needs a new migration that drops
  // and adds this column again, so stored rows are folded the new way too.
  `ALTER TABLE responses ADD COLUMN comment_folded text GENERATED ALWAYS AS (${foldSql('comment')}) STORED;`,
  // Alerts (alert-*.ts): where they go, when they fire, and the outbox of jobs written in the same
  // transaction as the answer that triggers them, with the last deliveries per destination.
  `CREATE TABLE alert_destinations (
     id text PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('webhook', 'slack', 'email')),
     name text NOT NULL,
     target text NOT NULL,
     secret text,
     source text NOT NULL DEFAULT 'database' CHECK (source IN ('database', 'file')),
     created_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE alert_rules (
     id text PRIMARY KEY,
     name text NOT NULL,
     survey_id text,
     condition text NOT NULL CHECK (condition IN ('nps-detractor', 'csat-at-most', 'ces-at-most', 'any-comment', 'comment-words')),
     threshold smallint,
     words jsonb NOT NULL DEFAULT '[]',
     destinations jsonb NOT NULL DEFAULT '[]',
     enabled boolean NOT NULL DEFAULT true,
     source text NOT NULL DEFAULT 'database' CHECK (source IN ('database', 'file')),
     created_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE alert_jobs (
     id bigserial PRIMARY KEY,
     event_id uuid NOT NULL UNIQUE,
     rule_id text NOT NULL,
     destination_id text NOT NULL,
     response_id uuid NOT NULL,
     revision integer NOT NULL,
     follow_up boolean NOT NULL DEFAULT false,
     status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'parked', 'cancelled')),
     attempts integer NOT NULL DEFAULT 0,
     due_at timestamptz NOT NULL,
     locked_until timestamptz,
     created_at timestamptz NOT NULL,
     sent_at timestamptz,
     last_error text,
     UNIQUE (rule_id, destination_id, response_id)
   );
   CREATE INDEX alert_jobs_due ON alert_jobs (due_at) WHERE status = 'pending';
   CREATE INDEX alert_jobs_by_response ON alert_jobs (response_id);
   CREATE TABLE alert_deliveries (
     id bigserial PRIMARY KEY,
     destination_id text NOT NULL,
     event_id uuid,
     at timestamptz NOT NULL,
     outcome text NOT NULL CHECK (outcome IN ('sent', 'retry', 'parked', 'test-sent', 'test-failed')),
     status integer,
     error text,
     ms integer
   );
   CREATE INDEX alert_deliveries_by_destination ON alert_deliveries (destination_id, id DESC);`,
];
