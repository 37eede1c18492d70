#!/bin/bash
# Creates the roles and databases of the stack. The postgres image runs the scripts of
# /docker-entrypoint-initdb.d once, when the data volume is empty; later starts skip them (to re-run: drop the
# volume, `docker compose down -v`, which deletes all data).
#
#   role TEMPORAL_DB_USER  owns temporal and temporal_visibility (Temporal's schema is set up by the
#                          temporal-schema service of docker-compose.yml)
#   role SIGAP_DB_USER     owns SIGAP_DB_NAME (Sigap's tables are created by the migrate service)
#
# Each application logs in with its own role and no superuser rights. The values come from docker-compose.yml;
# psql variables (:'name' and :"name") quote them safely in SQL.
set -Eeo pipefail

: "${TEMPORAL_DB_USER:?TEMPORAL_DB_USER is missing}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD is missing}"
: "${SIGAP_DB_USER:?SIGAP_DB_USER is missing}"
: "${SIGAP_DB_PASSWORD:?SIGAP_DB_PASSWORD is missing}"
: "${SIGAP_DB_NAME:?SIGAP_DB_NAME is missing}"

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
  -v temporal_user="$TEMPORAL_DB_USER" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -v sigap_user="$SIGAP_DB_USER" \
  -v sigap_password="$SIGAP_DB_PASSWORD" \
  -v sigap_db="$SIGAP_DB_NAME" <<'SQL'
CREATE ROLE :"temporal_user" LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER :"temporal_user";
CREATE DATABASE temporal_visibility OWNER :"temporal_user";

CREATE ROLE :"sigap_user" LOGIN PASSWORD :'sigap_password';
CREATE DATABASE :"sigap_db" OWNER :"sigap_user";

-- nobody but the owners (and superusers) may connect to these databases
REVOKE CONNECT, TEMPORARY ON DATABASE temporal FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE temporal_visibility FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE :"sigap_db" FROM PUBLIC;
SQL

echo "created roles ${TEMPORAL_DB_USER}, ${SIGAP_DB_USER} and databases temporal, temporal_visibility, ${SIGAP_DB_NAME}"
