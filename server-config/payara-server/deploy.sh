#!/usr/bin/env bash
# Deploys (or redeploys) chorus.war to the domain setup-domain.sh made, at the context root "/".
#   deploy.sh path/to/chorus.war
# Environment: PAYARA_HOME, CHORUS_DOMAIN and CHORUS_PORTBASE as for setup-domain.sh.
set -euo pipefail

war="${1:?usage: deploy.sh path/to/chorus.war}"
: "${PAYARA_HOME:?set PAYARA_HOME to the Payara Server directory (the one with bin/asadmin)}"
admin_port=4848
if [[ -n "${CHORUS_PORTBASE:-}" ]]; then
  admin_port=$((CHORUS_PORTBASE + 48))
fi
# --force replaces an earlier deployment of the same name; the database is left as it is.
"$PAYARA_HOME/bin/asadmin" --port "$admin_port" deploy --force=true --name chorus --contextroot / "$war"
