#!/usr/bin/env bash
# Installs the Debian packages govsim needs to build, run and test.
# Idempotent: when everything is installed it checks and exits without touching apt.
# Usage: scripts/install-deps.sh            (build + test dependencies)
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake make pkg-config git
  # engine libraries
  libeigen3-dev libtbb-dev libhdf5-dev libboost-program-options-dev
  librandom123-dev libtomlplusplus-dev
  # batches across processes and machines (govsim batch under mpirun)
  libopenmpi-dev openmpi-bin
  # tests, and the C++ style check (.clang-format); strace: the crash-safety test of fsync before rename
  catch2 clang-format strace
  # the sanitizer and fuzz tiers (scripts/sanitize.sh, scripts/fuzz.sh): clang 14 and its runtime
  # libraries (ASan, UBSan, TSan, libFuzzer: libclang-rt-14-dev on Debian 12)
  clang libclang-rt-14-dev
  # Python side (Debian's /usr/bin/python3): reading results in tests and analysis
  python3 python3-numpy python3-h5py python3-h5netcdf python3-xarray
  python3-pandas python3-pytest
  # several run files as one dataset (xarray.open_mfdataset), and the UDUNITS-2 check of `units`
  python3-dask udunits-bin
  # the analysis package (analysis/), its plots and statistics, and the notebooks
  python3-pip python3-setuptools python3-wheel python3-matplotlib python3-scipy
  python3-ipywidgets python3-nbclient python3-nbformat python3-ipykernel
  # opening the notebooks (jupyter notebook notebooks/) with the sliders of 04-workshop: the
  # notebook server and ipywidgets' notebook extension, enabled in /etc/jupyter by the package
  jupyter-notebook python3-notebook python3-widgetsnbextension jupyter-nbextension-jupyter-js-widgets
  # Chinese labels (lang="zh", govsim-report --lang zh): a font with CJK glyphs (5 MB)
  fonts-wqy-microhei
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
