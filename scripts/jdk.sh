# Sourced by ./capstan and ./test.sh: find_jdk prints the home of a JDK >= 21 (JAVA_HOME first, then the
# newest under /usr/lib/jvm), or fails.
# The JDK's release file says its version without starting a JVM; ask the JVM only when there is none.
java_major() {
  local home major
  home="$(dirname "$(dirname "$1")")"
  major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null | head -n1)"
  [ -n "$major" ] || major="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1)"
  echo "$major"
}

find_jdk() {
  local candidates=() dir major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for dir in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${dir%/}"); done
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ]; then
      major="$(java_major "$dir/bin/java")"
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$dir"; return 0; fi
    fi
  done
  return 1
}
