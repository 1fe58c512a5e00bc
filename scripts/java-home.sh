# Sourced, not run: exports JAVA_HOME pointing at a JDK >= 25 (JAVA_HOME if it qualifies, else the
# newest under /usr/lib/jvm, else the java on PATH) and puts it first on PATH. Fails with a message
# when there is none.

java_major() { "$1/bin/java" -version 2>&1 | head -n 1 | sed -E 's/.*version "([0-9]+).*/\1/'; }

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 25 ]; then
    JAVA_HOME=""
    best=0
    for dir in /usr/lib/jvm/*/; do
        [ -x "$dir/bin/java" ] || continue
        major=$(java_major "${dir%/}")
        if [ "$major" -ge 25 ] 2>/dev/null && [ "$major" -gt "$best" ]; then
            best=$major
            JAVA_HOME=${dir%/}
        fi
    done
    if [ -z "$JAVA_HOME" ] && command -v java >/dev/null; then
        on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        if [ "$(java_major "$on_path")" -ge 25 ] 2>/dev/null; then
            JAVA_HOME=$on_path
        fi
    fi
    if [ -z "$JAVA_HOME" ]; then
        echo "LoadHarness needs a JDK >= 25: set JAVA_HOME or install one under /usr/lib/jvm" >&2
        return 1 2>/dev/null || exit 1
    fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
