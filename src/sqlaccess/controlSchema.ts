import { CONTROL_SCHEMA as M, quoteIdent } from "./sqlNames.js";

/**
 * The session table and the functions views call. Only meshql's admin connection writes the
 * table; the functions run as their owner (SECURITY DEFINER) and read the calling backend's own
 * row, matched by process id and start time so a row left behind by an earlier backend with the
 * same pid never applies. Without a row, every view refuses.
 */
export const controlSchema = (): string => `
CREATE SCHEMA ${M};
REVOKE ALL ON SCHEMA ${M} FROM PUBLIC;
CREATE TABLE ${M}.session (
  pid integer PRIMARY KEY,
  backend_start timestamptz NOT NULL,
  subject text,
  purpose text,
  policies text[] NOT NULL,
  identity jsonb NOT NULL,
  scopes text[] NOT NULL,
  opened timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON ${M}.session FROM PUBLIC;

CREATE FUNCTION ${M}.session_row() RETURNS ${M}.session
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE s ${M}.session;
BEGIN
  SELECT * INTO s FROM ${M}.session
   WHERE pid = pg_backend_pid() AND backend_start = (SELECT a.backend_start FROM pg_stat_get_activity(pg_backend_pid()) a);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no meshql session: connect through meshql''s SQL endpoint' USING ERRCODE = '28000';
  END IF;
  RETURN s;
END $$;

CREATE FUNCTION ${M}.applies(policy text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$ SELECT coalesce(policy = ANY ((${M}.session_row()).policies), false) $$;

CREATE FUNCTION ${M}.identity_value(name text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$ SELECT (${M}.session_row()).identity ->> name $$;

CREATE FUNCTION ${M}.has_identity_values(names text[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$ SELECT coalesce((${M}.session_row()).identity ?& names, false) $$;

CREATE FUNCTION ${M}.gate(what text, policies text[]) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE s ${M}.session := ${M}.session_row();
DECLARE p text;
BEGIN
  FOREACH p IN ARRAY policies LOOP
    IF p = ANY (s.policies) THEN
      RAISE EXCEPTION '% is not available to this identity (policy %)', what, substr(p, strpos(p, '/') + 1) USING ERRCODE = '42501';
    END IF;
  END LOOP;
  RETURN true;
END $$;

-- Federation's @requiresScopes: one of the alternatives (scopes separated by spaces) must be held.
CREATE FUNCTION ${M}.require_scopes(what text, alternatives text[]) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE s ${M}.session := ${M}.session_row();
DECLARE a text;
BEGIN
  FOREACH a IN ARRAY alternatives LOOP
    IF string_to_array(a, ' ') <@ s.scopes THEN RETURN true; END IF;
  END LOOP;
  RAISE EXCEPTION '% needs the scopes %', what, array_to_string(alternatives, ' or ') USING ERRCODE = '42501';
END $$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ${M} FROM PUBLIC;
`;

/** What a reader role needs of meshql's schema: the functions its views call. */
export const controlGrants = (role: string): string =>
  `GRANT USAGE ON SCHEMA ${M} TO ${quoteIdent(role)};
GRANT EXECUTE ON FUNCTION ${M}.applies(text), ${M}.identity_value(text), ${M}.has_identity_values(text[]), ${M}.gate(text, text[]),
  ${M}.require_scopes(text, text[]) TO ${quoteIdent(role)};`;

/**
 * Functions any role may call by default that would let one caller reach past its session:
 * change its time limit, end or watch other sessions (which share the role), run SQL text.
 */
export const WITHHELD_FUNCTIONS = [
  "set_config(text, text, boolean)",
  "pg_terminate_backend(integer, bigint)",
  "pg_cancel_backend(integer)",
  "pg_stat_get_activity(integer)",
  "query_to_xml(text, boolean, boolean, text)",
  "query_to_xmlschema(text, boolean, boolean, text)",
  "query_to_xml_and_xmlschema(text, boolean, boolean, text)",
  "pg_advisory_lock(bigint)",
  "pg_notify(text, text)",
];

export const withholdFunctions = (): string =>
  WITHHELD_FUNCTIONS.map((f) => `REVOKE EXECUTE ON FUNCTION pg_catalog.${f} FROM PUBLIC;`).join("\n") +
  "\nREVOKE SELECT ON pg_catalog.pg_stat_activity FROM PUBLIC;";
