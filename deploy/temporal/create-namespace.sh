#!/bin/sh
# Registers Sigap's Temporal namespace when it does not exist yet: the one-shot temporal-namespace service of
# docker-compose.yml runs it in the temporalio/admin-tools image once the Temporal server is up. Idempotent.
#
# Environment: TEMPORAL_ADDRESS (host:port of the frontend, also read by the `temporal` CLI), NAMESPACE,
# NAMESPACE_RETENTION (how long closed workflow histories are kept, e.g. 720h).
set -eu

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is missing}"
: "${NAMESPACE:=default}"
: "${NAMESPACE_RETENTION:=720h}"

host=${TEMPORAL_ADDRESS%:*}
port=${TEMPORAL_ADDRESS##*:}
# the CLI gets the IPv4 address: Temporal's own compose setup does the same to avoid resolver trouble in containers
ip=$(getent ahostsv4 "$host" 2>/dev/null | awk 'NR == 1 { print $1 }' || true)
address="${ip:-$host}:${port}"

echo "waiting for the Temporal frontend at ${TEMPORAL_ADDRESS} (${address})"
tries=0
until temporal operator cluster health --address "$address" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 60 ]; then
    echo "Temporal at ${TEMPORAL_ADDRESS} did not become healthy" >&2
    temporal operator cluster health --address "$address" || true
    exit 1
  fi
  sleep 2
done

if temporal operator namespace describe --address "$address" --namespace "$NAMESPACE" >/dev/null 2>&1; then
  echo "namespace ${NAMESPACE} exists"
else
  temporal operator namespace create --address "$address" --namespace "$NAMESPACE" --retention "$NAMESPACE_RETENTION"
  echo "namespace ${NAMESPACE} created (retention ${NAMESPACE_RETENTION})"
  # the frontend learns of a new namespace on its next namespace cache refresh (every 10 s by default); waiting
  # that long spares the api and the worker "namespace not found" errors on a fresh stack
  sleep "${NAMESPACE_SETTLE_SECONDS:-12}"
fi
