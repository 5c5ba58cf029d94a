# Sourced by ./capstan and ./test.sh: find_jdk prints the home of a JDK >= 21 (JAVA_HOME first, then the
# newest under /usr/lib/jvm), or fails.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
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
