#!/bin/sh
# Sets up (or upgrades) Temporal's schema in PostgreSQL: the one-shot temporal-schema service of
# docker-compose.yml runs it in the temporalio/admin-tools image before the Temporal server starts.
#
# Idempotent, safe on every `docker compose up`: `create` ignores an existing database, `setup-schema -v 0.0`
# keeps a newer schema version, and `update-schema` applies only the versions not applied yet (which is also how
# the schema follows an upgrade of the admin-tools/server images).
#
# Environment: SQL_PLUGIN (postgres12), SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (read by temporal-sql-tool
# itself, so it never appears on a command line), TEMPORAL_DB, TEMPORAL_VISIBILITY_DB, SKIP_DB_CREATE (true when
# the databases exist already, e.g. created by deploy/postgres/init, so the role needs no CREATEDB right).
set -eu

: "${SQL_PLUGIN:=postgres12}"
: "${SQL_HOST:?SQL_HOST is missing}"
: "${SQL_PORT:=5432}"
: "${SQL_USER:?SQL_USER is missing}"
: "${SQL_PASSWORD:?SQL_PASSWORD is missing}"
: "${TEMPORAL_DB:=temporal}"
: "${TEMPORAL_VISIBILITY_DB:=temporal_visibility}"
: "${SKIP_DB_CREATE:=false}"
export SQL_PASSWORD

# schema files of the admin-tools image, matching its server version
: "${SCHEMA_ROOT:=/etc/temporal/schema/postgresql/v12}"

echo "waiting for PostgreSQL at ${SQL_HOST}:${SQL_PORT}"
tries=0
until nc -z -w 2 "$SQL_HOST" "$SQL_PORT"; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "PostgreSQL at ${SQL_HOST}:${SQL_PORT} is unreachable" >&2
    exit 1
  fi
  sleep 2
done

sql_tool() {
  temporal-sql-tool --plugin "$SQL_PLUGIN" --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" "$@"
}

setup() {
  db=$1
  versioned=$2
  if [ "$SKIP_DB_CREATE" != true ]; then
    sql_tool --db "$db" create
  fi
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$versioned"
  echo "schema of ${db} is up to date"
}

setup "$TEMPORAL_DB" "$SCHEMA_ROOT/temporal/versioned"
setup "$TEMPORAL_VISIBILITY_DB" "$SCHEMA_ROOT/visibility/versioned"
