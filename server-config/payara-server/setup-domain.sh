#!/usr/bin/env bash
# Creates and configures a Payara Server 6 domain for Chorus, then restarts it so every setting is
# in force; deploy the WAR afterwards with deploy.sh. Step by step in README.md (same commands).
#
# Environment:
#   PAYARA_HOME                    the unzipped Payara Server (the directory with bin/asadmin)
#   CHORUS_DOMAIN                  domain name (default: chorus)
#   CHORUS_PORTBASE                optional: create-domain --portbase (admin = +48, HTTP = +80,
#                                  HTTPS = +81); without it Payara's 4848 / 8080 / 8181
#   CHORUS_PROPERTIES              optional: a properties file of Chorus settings
#                                  (see chorus.properties.example), stored in the domain
#   CHORUS_TLS_KEYSTORE            optional: your PKCS12 key store with the HTTPS key and
#   CHORUS_TLS_KEYSTORE_PASSWORD     certificate chain; without it a self-signed certificate
#   CHORUS_TLS_ALIAS                 is generated. The alias defaults to the store's first key.
#   CHORUS_MASTER_PASSWORD         the domain's master password (default: changeit, which
#                                  create-domain --nopassword uses)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${PAYARA_HOME:?set PAYARA_HOME to the Payara Server directory (the one with bin/asadmin)}"
domain="${CHORUS_DOMAIN:-chorus}"
master="${CHORUS_MASTER_PASSWORD:-changeit}"
asadmin="$PAYARA_HOME/bin/asadmin"
domain_dir="$PAYARA_HOME/glassfish/domains/$domain"
if [[ -n "${CHORUS_PORTBASE:-}" ]]; then
  admin_port=$((CHORUS_PORTBASE + 48))
  https_port=$((CHORUS_PORTBASE + 81))
else
  admin_port=4848
  https_port=8181
fi
step() { printf '\n== %s\n' "$*"; }

# 1. The domain (kept if it exists: running this again reconfigures it).
if [[ ! -d "$domain_dir" ]]; then
  step "create-domain $domain"
  "$asadmin" create-domain --nopassword ${CHORUS_PORTBASE:+--portbase "$CHORUS_PORTBASE"} "$domain"
fi

# 2. The HTTPS key under the alias "chorus" in the domain's key store (read when the domain starts).
keystore="$domain_dir/config/keystore.p12"
keytool -delete -alias chorus -keystore "$keystore" -storepass "$master" >/dev/null 2>&1 || true
if [[ -n "${CHORUS_TLS_KEYSTORE:-}" ]]; then
  : "${CHORUS_TLS_KEYSTORE_PASSWORD:?set CHORUS_TLS_KEYSTORE_PASSWORD (the password of that key store)}"
  key_alias="${CHORUS_TLS_ALIAS:-}"
  if [[ -z "$key_alias" ]]; then
    key_alias="$(keytool -list -keystore "$CHORUS_TLS_KEYSTORE" -storepass "$CHORUS_TLS_KEYSTORE_PASSWORD" |
      awk -F', ' '/PrivateKeyEntry/ {print $1; exit}')"
  fi
  step "import the key '$key_alias' of $CHORUS_TLS_KEYSTORE as 'chorus'"
  keytool -importkeystore -noprompt -srckeystore "$CHORUS_TLS_KEYSTORE" -srcstoretype PKCS12 \
    -srcstorepass "$CHORUS_TLS_KEYSTORE_PASSWORD" -srcalias "$key_alias" \
    -destkeystore "$keystore" -deststorepass "$master" -destkeypass "$master" -destalias chorus
else
  step "generate a self-signed certificate 'chorus' for $(hostname -f 2>/dev/null || hostname)"
  keytool -genkeypair -alias chorus -keyalg EC -groupname secp256r1 -validity 825 \
    -dname "CN=$(hostname -f 2>/dev/null || hostname), O=Chorus" \
    -keystore "$keystore" -storepass "$master" -keypass "$master"
fi

# 3. Start it (a running domain is left running: the restart in step 5 reloads it).
if ! "$asadmin" list-domains 2>/dev/null | grep -q "^$domain running"; then
  step "start-domain $domain"
  "$asadmin" start-domain "$domain"
fi

# 4. The domain settings (chorus.asadmin) and the Chorus settings, in one asadmin session.
commands="$domain_dir/chorus-setup.asadmin"
existing_options="$("$asadmin" --port "$admin_port" list-jvm-options 2>/dev/null || true)"
{
  # A JVM option is added once: create-jvm-options fails on one the domain has already.
  grep -v '^[[:space:]]*\(#\|$\)' "$here/chorus.asadmin" | while IFS= read -r command; do
    if [[ "$command" == create-jvm-options* ]] && grep -qxF -- "${command#create-jvm-options }" <<<"$existing_options"; then
      continue
    fi
    printf '%s\n' "$command"
  done
  declare -A props=()
  if [[ -n "${CHORUS_PROPERTIES:-}" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
      key="${line%%=*}" value="${line#*=}"
      key="${key#"${key%%[![:space:]]*}"}" value="${value#"${value%%[![:space:]]*}"}"
      props["${key%"${key##*[![:space:]]}"}"]="$value"
    done <"$CHORUS_PROPERTIES"
  fi
  # Defaults: the HTTPS listener's port (plain HTTP redirects there) and an H2 file in the domain.
  [[ -v props[chorus.https.port] ]] || props[chorus.https.port]="$https_port"
  [[ -v props[chorus.db.url] ]] ||
    props[chorus.db.url]="jdbc:h2:file:$domain_dir/data/chorus-db;WRITE_DELAY=0"
  for key in "${!props[@]}"; do
    value="${props[$key]//\\/\\\\}"
    printf 'set-config-property --source=domain --propertyName=%s --propertyValue="%s"\n' \
      "$key" "${value//\"/\\\"}"
  done
} >"$commands"
step "configure the domain ($commands)"
output="$("$asadmin" --port "$admin_port" multimode --file "$commands" 2>&1)" || true
printf '%s\n' "$output" | grep -v '^Unable to retrieve infocmp' || true
# multimode answers 0 even when one of its commands failed: look at what it said.
if grep -q 'failed\|not found\|Invalid' <<<"$output"; then
  echo "setup-domain.sh: a command in $commands failed (see above)" >&2
  exit 1
fi

# 5. A restart puts the JVM option, the listener and the key store in force.
step "restart-domain $domain"
"$asadmin" --port "$admin_port" restart-domain "$domain"
step "done: deploy with deploy.sh (admin port $admin_port, HTTPS port $https_port)"
