#!/usr/bin/env bash
# Runs testssl.sh (Debian package testssl.sh) against the secure-echo sample's wss port on
# loopback, with a certificate made for the run, and prints testssl's findings on protocols,
# cipher suites and forward secrecy. Usage: samples/secure-echo/testssl.sh [port]
# Needs: the build (mvn -B -DskipTests -pl samples/secure-echo -am package) and testssl.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${1:-18443}"
command -v testssl >/dev/null || { echo "testssl.sh is not installed (Debian: apt-get install testssl.sh)" >&2; exit 2; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

keytool -genkeypair -alias server -keyalg EC -groupname secp256r1 -validity 2 -dname CN=localhost \
  -ext SAN=dns:localhost,ip:127.0.0.1 -storetype PKCS12 -keystore "$work/server.p12" \
  -storepass changeit -keypass changeit >/dev/null 2>&1
token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | head -c 24)
printf 'tester=%s\n' "$token" > "$work/tokens.properties"

java -Dwssocket.tls-keystore-password=changeit \
  -cp samples/secure-echo/target/secure-echo.jar:runtime/target/wssocket.jar \
  io.wssocket.samples.secure.SecureEchoServer --host 127.0.0.1 --port "$port" \
  --tls-keystore "$work/server.p12" --tokens "$work/tokens.properties" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  grep -q "secure echo on" "$work/server.log" 2>/dev/null && break
  sleep 0.1
done
grep -q "secure echo on" "$work/server.log" || { cat "$work/server.log" >&2; exit 1; }

# Protocols, cipher suites per protocol, forward secrecy, and the standard vulnerability checks.
testssl --quiet --color 0 --warnings off --protocols --cipher-per-proto --fs --vulnerable \
  --logfile "$work/testssl.log" "127.0.0.1:$port" || true
echo
echo "=== summary ($(dpkg-query -W -f='testssl.sh ${Version}' testssl.sh 2>/dev/null || echo testssl.sh))"
grep -E "^ (SSLv2|SSLv3|TLS 1(\.[0-3])?) " "$work/testssl.log" || true
grep -E "^ *FS is offered|No ciphers supporting" "$work/testssl.log" | head -2 || true
ciphers=$(grep -cE "^ x[0-9a-f]{4} " "$work/testssl.log" || true)
without_fs=$(grep -E "^ x[0-9a-f]{4} " "$work/testssl.log" | grep -cvE "ECDH|DH " || true)
echo "cipher suites offered: $ciphers, without forward secrecy: $without_fs"
echo "vulnerability checks reporting VULNERABLE: $(grep -E "VULNERABLE" "$work/testssl.log" | grep -vc "not vulnerable" || true)"
grep -E "VULNERABLE" "$work/testssl.log" | grep -v "not vulnerable" || true
grep -E "^ *FS|Forward Secrecy|PFS" "$work/testssl.log" | head -5 || true
