#!/usr/bin/env bash
# Builds the native packages from the shaded jar with jpackage (JDK 17): an app-image (target/dist/PipeDeck) and a
# Debian package (target/dist/pipedeck_VERSION_ARCH.deb) with the icon, a desktop entry and /usr/bin/pipedeck.
#
#   mvn -Ppackage package       # what the README documents: runs the tests, the jar, then this script
#   scripts/package.sh          # the same from an existing target/pipedeck.jar
#
# The .deb needs dpkg-deb and fakeroot (Debian packages dpkg and fakeroot).
set -euo pipefail
cd "$(dirname "$0")/.."

version="${1:-$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)}"
types="${PIPEDECK_PACKAGE_TYPES:-app-image deb}"
jar=target/pipedeck.jar
[ -f "$jar" ] || { echo "package.sh: $jar is missing; build it first with: mvn -q package -DskipTests" >&2; exit 1; }
command -v jpackage >/dev/null || { echo "package.sh: jpackage not found; it comes with JDK 17 (openjdk-17-jdk)" >&2; exit 1; }
if [[ " $types " == *" deb "* ]]; then
  for tool in dpkg-deb fakeroot; do
    command -v "$tool" >/dev/null || { echo "package.sh: $tool not found; install it with: apt-get install dpkg fakeroot" >&2; exit 1; }
  done
fi

input=target/jpackage-input
dist=target/dist
rm -rf "$input" "$dist"
mkdir -p "$input" "$dist"
cp "$jar" "$input/"

common=(
  --name PipeDeck
  --app-version "$version"
  --vendor "PipeDeck"
  --description "PostgreSQL to ClickHouse change data capture with a desktop console"
  --input "$input"
  --main-jar pipedeck.jar
  --main-class dev.pipedeck.Launcher
  --icon assets/pipedeck-icon.png
  --java-options "-Xmx2g"
  --dest "$dist"
)

for type in $types; do
  case "$type" in
    app-image)
      jpackage --type app-image "${common[@]}"
      ;;
    deb)
      # src/packaging/linux holds postinst/prerm: jpackage's own plus the /usr/bin/pipedeck link.
      # gzip instead of dpkg-deb's default xz: the jar inside is compressed already, and xz took over 15 minutes here
      DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}" DPKG_DEB_THREADS_MAX="${DPKG_DEB_THREADS_MAX:-2}" \
      jpackage --type deb "${common[@]}" \
        --resource-dir src/packaging/linux \
        --linux-package-name pipedeck \
        --linux-deb-maintainer "pipedeck@localhost" \
        --linux-package-deps "libgtk-3-0" \
        --linux-app-category devel \
        --linux-menu-group "Development;Database" \
        --linux-shortcut \
        --install-dir /opt
      ;;
    *)
      echo "package.sh: unknown package type '$type' (app-image, deb)" >&2
      exit 2
      ;;
  esac
done
ls -l "$dist"
