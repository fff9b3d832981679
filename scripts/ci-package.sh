#!/usr/bin/env bash
# CI check of the native package, run by .ci/run after the tests (needs root, jpackage, fakeroot, Xvfb, x11-utils):
#   1. builds the .deb with the documented command (mvn -Ppackage package, .deb only),
#   2. installs it with dpkg -i and checks the desktop entry and /usr/bin/pipedeck,
#   3. runs the installed `pipedeck --help`, and `pipedeck pipe list --json` against a test catalog: the installed
#      `pipedeck demo --headless` (embedded Postgres from the package itself, data in a temporary PIPEDECK_HOME),
#   4. opens the installed console under Xvfb, on that catalog and without one (the start screen), and waits for
#      each window by its title,
#   5. removes the package and checks that the command is gone.
# Fails loudly: the first failed step prints what it saw and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
step() { echo "ci-package: [$((SECONDS - started))s] $*"; }
fail() {
  echo "ci-package: FAILED: $*" >&2
  for f in "$work"/*.log; do
    [ -s "$f" ] && { echo "--- $f (last 40 lines)" >&2; tail -40 "$f" >&2; }
  done
  exit 1
}

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
dpkg() { if [ -n "$SUDO" ]; then sudo dpkg "$@"; else command dpkg "$@"; fi; }

work=$(mktemp -d /tmp/pipedeck-ci-package.XXXXXX)
export PIPEDECK_HOME="$work/home"
unset PIPEDECK_CATALOG
pids=()
installed=0
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ "$installed" = 1 ]; then dpkg --purge pipedeck >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# waits up to $1 seconds for the command in the remaining arguments to succeed
wait_for() {
  local seconds=$1; shift
  local until=$((SECONDS + seconds))
  while ! "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$until" ] || return 1
    sleep 1
  done
}

if [ -z "${PIPEDECK_CI_SKIP_BUILD:-}" ]; then  # set it to re-check an existing target/dist/*.deb
  step "building the .deb (mvn -Ppackage package, .deb only)"
  mvn -q -B ${MAVEN_OFFLINE:+-o} -Ppackage package -DskipTests -Dpackage.types=deb >"$work/build.log" 2>&1 || fail "the package build failed"
fi
deb=$(ls target/dist/pipedeck_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no target/dist/pipedeck_*.deb after the build"
step "built $deb ($(du -h "$deb" | cut -f1))"

step "dpkg -i $deb"
dpkg -r pipedeck >/dev/null 2>&1 || true
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || fail "dpkg -i failed"
installed=1
[ -x /opt/pipedeck/bin/PipeDeck ] || fail "/opt/pipedeck/bin/PipeDeck is missing"
[ "$(command -v pipedeck)" = /usr/bin/pipedeck ] || fail "pipedeck is not on the PATH as /usr/bin/pipedeck"
ls /usr/share/applications/*pipedeck*.desktop >/dev/null 2>&1 || fail "no desktop entry in /usr/share/applications"

step "pipedeck --help"
pipedeck --help >"$work/help.log" 2>&1 || fail "pipedeck --help exited non-zero"
grep -q "pipe" "$work/help.log" || fail "pipedeck --help does not list the pipe commands"

step "test catalog: the installed pipedeck demo --headless"
pipedeck demo --headless --rows-per-second 5 >"$work/demo.log" 2>&1 &
pids+=($!)
wait_for 240 grep -q "is running pipe" "$work/demo.log" || fail "the demo did not start within 240 s"
catalog=$(sed -n 's/^  catalog *//p' "$work/demo.log" | head -1)
[ -n "$catalog" ] || fail "the demo did not print its catalog URL"

step "pipedeck pipe list --json"
pipedeck pipe list --json --catalog "$catalog" >"$work/list.log" 2>&1 || fail "pipedeck pipe list --json exited non-zero"
grep -q '"name" *: *"shop-demo"' "$work/list.log" || fail "pipe list --json does not show the demo pipe shop-demo"

display_num=":$((90 + RANDOM % 9))"
step "Xvfb on $display_num"
Xvfb "$display_num" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
wait_for 20 xwininfo -display "$display_num" -root || fail "Xvfb did not start"

# a top-level window whose title contains $1
has_window() { xwininfo -display "$display_num" -root -tree | grep -qF "$1"; }

step "the installed console on the demo catalog"
DISPLAY="$display_num" pipedeck console --catalog "$catalog" >"$work/console.log" 2>&1 &
console=$!
pids+=($console)
wait_for 120 has_window "postgres@127.0.0.1" || fail "no console window with postgres@127.0.0.1 (the catalog) in its title within 120 s"
kill "$console"; wait "$console" 2>/dev/null || true

step "the installed console without a catalog: the start screen"
DISPLAY="$display_num" PIPEDECK_HOME="$work/home2" pipedeck >"$work/start.log" 2>&1 &
console=$!
pids+=($console)
# a window titled exactly "PipeDeck", bigger than GTK's 10x10 leader window of the same name
start_screen() { xwininfo -display "$display_num" -root -tree | grep '"PipeDeck": (' | grep -Eq ' [0-9]{3,}x[0-9]{3,}\+'; }
wait_for 120 start_screen || fail "no start screen window titled 'PipeDeck' within 120 s"
kill "$console"; wait "$console" 2>/dev/null || true

step "dpkg --purge pipedeck"
dpkg --purge pipedeck >"$work/remove.log" 2>&1 || fail "dpkg --purge pipedeck failed"
installed=0
[ ! -e /usr/bin/pipedeck ] || fail "/usr/bin/pipedeck is still there after dpkg -r"
[ ! -e /opt/pipedeck/bin/PipeDeck ] || fail "/opt/pipedeck is still there after dpkg -r"
step "package checks passed"
