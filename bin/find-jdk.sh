# Sourced by bin/isengard and bin/test: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, the `java` on PATH, then the newest JDK under /usr/lib/jvm.

java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

jdk_ok() { # $1 = a JDK home; true if it has javac and is 21 or newer
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  v=$(java_major "$1/bin/java"); [ -n "$v" ] && [ "$v" -ge 21 ]
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then return 0; fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if jdk_ok "$home"; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  best=; best_v=0
  for home in /usr/lib/jvm/*; do
    [ -d "$home" ] && jdk_ok "$home" || continue
    v=$(java_major "$home/bin/java")
    if [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
  done
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "isengard: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm/*)." >&2
  echo "isengard: install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
  return 1
}
