#!/usr/bin/env bash
# Writes the console screenshots (assets/console-*.png) from a real window under Xvfb.
#
#   scripts/screenshots.sh            # needs Xvfb and libgtk-3-0; uses the embedded Postgres of the tests
#
# It runs the ConsoleScreenshots test with the GTK glass platform instead of the headless Monocle one the other UI
# tests use: the window opens on a catalog seeded with sample pipes (SampleCatalog), each tab is selected and the
# scene is written to a PNG with Scene.snapshot + SwingFXUtils.
set -euo pipefail
cd "$(dirname "$0")/.."

DISPLAY_NUM="${SCREENSHOT_DISPLAY:-:97}"
Xvfb "$DISPLAY_NUM" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
sleep 1

# later -D options win over the Monocle ones in the pom's surefire argLine
DISPLAY="$DISPLAY_NUM" mvn -q -B ${MAVEN_OFFLINE:+-o} test \
  -Dtest='dev.pipedeck.console.ui.ConsoleScreenshots,dev.pipedeck.console.ui.ConsoleDemoScreenshots,dev.pipedeck.console.StartScreenScreenshot' \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpipedeck.screenshots=true \
  -Dpipedeck.screenshots.dir="$PWD/assets" \
  -Dsurefire.extraArgs="-Dglass.platform=gtk -Dtestfx.headless=false -Dtestfx.robot=glass -Djava.awt.headless=true -Dprism.order=sw -Dprism.text=t2k"

ls -l assets/console-*.png
