#!/usr/bin/env bash
# Copies the reports a build generated under target/ into the tracked docs. A build never writes a
# tracked file itself (.ci/run checks that); run this after the build whose results you mean to
# commit, then review `git diff`:
#
#   mvn -B verify                                   # the interop matrix needs the runtime's whole test run
#   mvn -B -pl tck-runner -am verify -Ptck          # optional: the TCK results, one run per mode (tck-runner/README.md)
#   bash docs/update-generated.sh
#
# What it copies, when the build wrote it:
#   runtime/target/generated-docs/docs/interop.md   -> docs/interop.md (whole)
#   runtime/target/generated-docs/README.md         -> README.md, only the part between
#                                                      <!-- interop-matrix:start --> and <!-- interop-matrix:end -->
#   container-glue/servlet/target/generated-docs/servlet-containers.md
#                                                   -> docs/interop.md and README.md, between
#                                                      <!-- servlet-containers:start --> and <!-- servlet-containers:end -->
#                                                      (the rows "WS Socket in <container>", from the servlet glue's tests,
#                                                      which run after the runtime's matrix is written)
#   tck-runner/target/generated-docs/TCK-RESULTS.md -> tck-runner/TCK-RESULTS.md (every mode fully run since the last clean)
# docs/configuration.md is not copied: ConfigurationReferenceTest fails when it is out of date and
# says how to regenerate it. docs/benchmarks.md is written by bench/run.sh, which is run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

copied=0
interop=runtime/target/generated-docs
if [ -f "$interop/docs/interop.md" ]; then
  cp "$interop/docs/interop.md" docs/interop.md
  # The README's generated section, spliced in so that edits made to the rest of README.md since the build stay.
  awk -v generated="$interop/README.md" '
    BEGIN {
      while ((getline line < generated) > 0) {
        if (line ~ /<!-- interop-matrix:start -->/) { inside = 1; continue }
        if (line ~ /<!-- interop-matrix:end -->/) { inside = 0; continue }
        if (inside) section = section line "\n"
      }
      if (section == "") { print "no interop-matrix section in " generated > "/dev/stderr"; exit 1 }
    }
    /<!-- interop-matrix:start -->/ { print; printf "%s", section; skipping = 1; next }
    /<!-- interop-matrix:end -->/ { skipping = 0 }
    !skipping { print }
  ' README.md > README.md.new
  mv README.md.new README.md
  echo "interop matrix: docs/interop.md and README.md's section from $interop"
  copied=1
else
  echo "interop matrix: nothing to copy ($interop/docs/interop.md is written by a build that ran every interop test class, e.g. mvn -B verify)"
fi

# Replaces what is between <!-- $1:start --> and <!-- $1:end --> in file $3 with the content of file $2.
splice() {
  awk -v body="$2" -v name="$1" '
    BEGIN { while ((getline line < body) > 0) section = section line "\n" }
    index($0, "<!-- " name ":start -->") { print; printf "%s", section; skipping = 1; found = 1; next }
    index($0, "<!-- " name ":end -->") { skipping = 0 }
    !skipping { print }
    END { if (!found) { print "no " name " section in " FILENAME > "/dev/stderr"; exit 1 } }
  ' "$3" > "$3.new"
  mv "$3.new" "$3"
}

servlet=container-glue/servlet/target/generated-docs/servlet-containers.md
if [ -f "$servlet" ]; then
  splice servlet-containers "$servlet" docs/interop.md
  splice servlet-containers "$servlet" README.md
  echo "interop matrix, Servlet containers: docs/interop.md's and README.md's section from $servlet"
  copied=1
else
  echo "interop matrix, Servlet containers: nothing to copy ($servlet is written by a build that ran container-glue/servlet's tests, e.g. mvn -B verify)"
fi

tck=tck-runner/target/generated-docs/TCK-RESULTS.md
if [ -f "$tck" ]; then
  cp "$tck" tck-runner/TCK-RESULTS.md
  echo "TCK results: tck-runner/TCK-RESULTS.md from $tck"
  copied=1
else
  echo "TCK results: nothing to copy ($tck is written by a full run: mvn -B -pl tck-runner -am verify -Ptck)"
fi

if [ "$copied" -eq 1 ]; then
  git status --short -- README.md docs/interop.md tck-runner/TCK-RESULTS.md
fi
