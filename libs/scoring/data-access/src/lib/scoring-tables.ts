/** Campaign id under which responses accepted before campaigns existed (ResponseSubmitted v1) are counted. */
export const NO_CAMPAIGN = '00000000-0000-0000-0000-000000000000';

/**
 * The read model of scoring, created in whichever schema holds one (scoring's own; the audit's replay
 * may build the same in its schema).
 *
 * - `score_cells`: pre-aggregated counts per campaign × on-time/late × unit (as it was on the service
 *   date) × service day (Asia/Ho_Chi_Minh) × channel × procedure × respondent group, in the row form of
 *   @hailong/scoring/domain (`kind` item | pattern | expectation, `key`, `level`). Counts form a group
 *   under addition, so every breakdown is a `SUM(count) … GROUP BY` over the dimensions it needs and
 *   the result is directly a ScoreCounts; a void adds the negation of its response's rows.
 * - `scored_responses`: each response once, with the cell it was counted in and its answers, so a void
 *   or correction can subtract exactly what was added, and a close can move responses that turn out
 *   late. A row in state `voided`/`replaced` without answers is a tombstone: a void seen before its
 *   response (never on one partition, but cheap to be safe), so the response, if it comes, never counts.
 * - `campaigns`, `questionnaires`: what the figures need from intake's campaign and questionnaire events.
 * - `publications`: publication requests and the published figures.
 */
export function scoringTablesSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `CREATE TABLE ${s}.score_cells (
       campaign_id uuid NOT NULL,
       late boolean NOT NULL,
       unit_id uuid NOT NULL,
       service_day date NOT NULL,
       channel text NOT NULL,
       procedure_id text NOT NULL,
       respondent_group text NOT NULL,
       kind text NOT NULL CHECK (kind IN ('item', 'pattern', 'expectation')),
       key text NOT NULL,
       level smallint NOT NULL CHECK (level BETWEEN 0 AND 9),
       count integer NOT NULL,
       PRIMARY KEY (campaign_id, late, unit_id, service_day, channel, procedure_id, respondent_group, kind, key, level)
     )`,
    `CREATE INDEX score_cells_unit ON ${s}.score_cells (unit_id)`,
    `CREATE TABLE ${s}.scored_responses (
       response_id uuid PRIMARY KEY,
       state text NOT NULL CHECK (state IN ('counted', 'voided', 'replaced')),
       campaign_id uuid NOT NULL,
       unit_id uuid,
       service_day date,
       channel text,
       procedure_id text,
       respondent_group text,
       late boolean NOT NULL DEFAULT false,
       ledger_sequence bigint,
       answers jsonb,
       expectations jsonb,
       submitted_event_id uuid,
       changed_event_id uuid
     )`,
    `CREATE INDEX scored_responses_campaign ON ${s}.scored_responses (campaign_id, late) WHERE state = 'counted'`,
    `CREATE TABLE ${s}.campaigns (
       campaign_id uuid PRIMARY KEY,
       definition jsonb NOT NULL,
       status text NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
       closed_event_id uuid,
       closed_ledger_sequence bigint,
       closed_at timestamptz
     )`,
    `CREATE TABLE ${s}.questionnaires (
       questionnaire_id text NOT NULL,
       version integer NOT NULL,
       content_hash text NOT NULL,
       content jsonb NOT NULL,
       PRIMARY KEY (questionnaire_id, version)
     )`,
    `CREATE TABLE ${s}.publications (
       campaign_id uuid PRIMARY KEY,
       publication_id uuid NOT NULL UNIQUE,
       status text NOT NULL CHECK (status IN ('waiting', 'published')),
       requested_at timestamptz NOT NULL,
       requested_by jsonb NOT NULL,
       last_error text,
       correlation_id text NOT NULL,
       target_offsets jsonb NOT NULL,
       published_at timestamptz,
       event_id uuid,
       data jsonb
     )`,
  ];
}
