#!/bin/sh
# Prints the path of a Python 3.12 or newer (Django 6.1 needs it), preferring the newest.
# Set PYTHON=/path/to/python to choose one yourself.
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }

if [ -n "${PYTHON:-}" ]; then
  if ok "$PYTHON"; then command -v "$PYTHON"; exit 0; fi
  echo "PYTHON=$PYTHON bukan Python 3.12 atau lebih baru." >&2; exit 1
fi
for c in python3.14 python3.13 python3.12 python3 python; do
  if command -v "$c" >/dev/null 2>&1 && ok "$c"; then command -v "$c"; exit 0; fi
done
# Interpreters installed beside the default one (pyenv, /usr/local, deadsnakes) but not on PATH.
for c in $(ls -d "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] \
             /usr/bin/python3.1[2-9] 2>/dev/null | sort -V -r); do
  if ok "$c"; then echo "$c"; exit 0; fi
done
echo "Python 3.12 atau lebih baru tidak ditemukan (Django 6.1 membutuhkannya)." >&2
echo "Pasang Python 3.12+ lalu jalankan lagi, atau tentukan: make run PYTHON=/path/ke/python3.12" >&2
exit 1
