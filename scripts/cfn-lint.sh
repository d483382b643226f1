#!/usr/bin/env bash
# Lints every synthesised template with cfn-lint. cfn-lint's exit code is a bit mask
# (2 errors, 4 warnings, 8 informational): only errors fail; warnings are printed for review.
set -uo pipefail
dir="${1:-cdk.out}"
if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint is not installed: it is required to lint the templates (pip install cfn-lint)" >&2
  exit 127
fi
shopt -s nullglob
templates=("$dir"/*.template.json)
if [ ${#templates[@]} -eq 0 ]; then
  echo "no templates in $dir: run 'npm run synth' first" >&2
  exit 1
fi
cfn-lint -- "${templates[@]}"
status=$?
if (( status & 2 )) || (( status & 1 )); then
  echo "cfn-lint: errors in the templates (exit $status)" >&2
  exit 1
fi
echo "cfn-lint: no errors in ${#templates[@]} template(s) (exit $status; warnings above, if any, are for review)"
