#!/usr/bin/env bash
# Installs the Debian 12 packages vanban needs to build, test and run, if any
# is missing. Sourced by tools/demo and tools/test; safe to run again.
# clang and libclang-rt-14-dev (libFuzzer, ASan, UBSan) are for the short
# fuzz run tools/test makes in CI (tools/fuzz).
set -euo pipefail

VANBAN_PACKAGES=(
  build-essential cmake pkg-config
  libre2-dev libicu-dev libsqlite3-dev sqlite3 libssl-dev nlohmann-json3-dev
  libpoppler-cpp-dev poppler-utils
  libtesseract-dev libleptonica-dev tesseract-ocr-vie tesseract-ocr-eng
  libcairo2-dev libpango1.0-dev fonts-liberation fonts-dejavu-core
  libgtest-dev libgmock-dev libbenchmark-dev
  qpdf zlib1g-dev
  hunspell-vi gettext
  clang libclang-rt-14-dev
)

# Sources of general Vietnamese text for the language model, needed only to
# re-harvest corpus/lm/general (tools/lm/harvest-debian installs them).
VANBAN_LM_PACKAGES=(
  manpages-vi maint-guide-vi libreoffice-l10n-vi libreoffice-help-vi
)

# Only for the benchmarks: tools/bench-ocr (the baselines it runs beside
# vanban's OCR) and tools/bench-restore (pages rendered with pango-view and
# read by the tesseract command); the tests do not need them.
VANBAN_BENCH_PACKAGES=(tesseract-ocr ocrmypdf pango1.0-tools)

# vanban_install_deps              VANBAN_PACKAGES
# vanban_install_deps --bench      and VANBAN_BENCH_PACKAGES
# vanban_install_deps PACKAGE...   just those
vanban_install_deps() {
  local missing=()
  local wanted=("${VANBAN_PACKAGES[@]}")
  if [ "${1:-}" = "--bench" ]; then
    wanted+=("${VANBAN_BENCH_PACKAGES[@]}")
  elif [ $# -gt 0 ]; then
    wanted=("$@")
  fi
  for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "vanban: installing ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  vanban_install_deps
fi
