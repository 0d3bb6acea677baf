#!/usr/bin/env bash
# Writes the .env that docker-compose.yml reads: a fresh Ed25519 key pair for the token issuer
# (unit-directory signs, the other services verify), intake's key-encryption key for respondents'
# personal data, the audit's Ed25519 checkpoint signing key, a random bootstrap admin password and a
# random PostgreSQL password. The file holds secrets: it is gitignored and must never be committed.
#
#   tools/deploy/make-env.sh [path]    # default: .env at the repository root
#   FORCE=1 tools/deploy/make-env.sh   # replace an existing file (tokens already issued stop working)
set -euo pipefail

REPO_ROOT="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd -P)"
OUT="${1:-$REPO_ROOT/.env}"

die() { printf '[make-env] ERROR: %s\n' "$*" >&2; exit 1; }

command -v openssl >/dev/null || die "openssl not found"
if [[ -e "$OUT" && "${FORCE:-}" != 1 ]]; then
  die "$OUT exists; set FORCE=1 to replace it (new keys invalidate tokens already issued)"
fi

umask 077
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

openssl genpkey -algorithm ed25519 -out "$work/signing.pem" 2>/dev/null
openssl pkey -in "$work/signing.pem" -pubout -out "$work/public.pem" 2>/dev/null
openssl genpkey -algorithm ed25519 -out "$work/checkpoint.pem" 2>/dev/null

# One line with literal \n: multi-line values do not survive .env files; the services turn \n back
# into newlines. Single quotes keep compose (and a shell's `source`) from interpreting anything.
one_line() { awk '{ printf "%s\\n", $0 }' "$1"; }
# Hex: safe inside a postgres:// URL and in a shell without quoting.
secret() { openssl rand -hex 20; }

{
  echo "# Written by tools/deploy/make-env.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ). Secrets: never commit."
  echo "AUTH_SIGNING_KEY='$(one_line "$work/signing.pem")'"
  echo "AUTH_PUBLIC_KEY='$(one_line "$work/public.pem")'"
  echo "AUTH_BOOTSTRAP_ADMIN_USERNAME='admin'"
  echo "AUTH_BOOTSTRAP_ADMIN_PASSWORD='$(secret)'"
  echo "POSTGRES_PASSWORD='$(secret)'"
  # 32 random bytes; losing it makes every respondent's sealed personal data unreadable.
  echo "INTAKE_KEY_ENCRYPTION_KEY='$(openssl rand -base64 32)'"
  echo "AUDIT_CHECKPOINT_SIGNING_KEY='$(one_line "$work/checkpoint.pem")'"
} >"$work/env"
mv "$work/env" "$OUT"

printf '[make-env] wrote %s (admin user "admin", password in AUTH_BOOTSTRAP_ADMIN_PASSWORD)\n' "$OUT" >&2
