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
];
