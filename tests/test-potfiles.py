#!/usr/bin/env python3
# test-potfiles.py: every source file with translatable strings is listed in
# po/POTFILES.in, and everything listed exists (TAP output)
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

top = sys.argv[1]
listed = []
with open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.append(line)

MARKERS = {
    ".c": re.compile(r'\b(N?_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"'),
    ".ui": re.compile(r'translatable="yes"'),
    ".in": re.compile(r"."),            # desktop and metainfo templates
    ".xml": re.compile(r"<summary>|<description>"),
}

wanted = []
for sub in ("src", "data"):
    for root, _, files in os.walk(os.path.join(top, sub)):
        for name in files:
            path = os.path.relpath(os.path.join(root, name), top)
            ext = os.path.splitext(name)[1]
            if ext == ".in" and not (name.endswith(".desktop.in") or name.endswith(".metainfo.xml.in")):
                continue
            if ext == ".xml" and not name.endswith(".gschema.xml"):
                continue
            marker = MARKERS.get(ext)
            if marker is None:
                continue
            with open(os.path.join(top, path), encoding="utf-8") as f:
                if marker.search(f.read()):
                    wanted.append(path)

n = 0
failed = False


def report(ok, text):
    global n, failed
    n += 1
    failed |= not ok
    print(("ok" if ok else "not ok") + " %d - %s" % (n, text))


missing = sorted(set(wanted) - set(listed))
report(not missing, "every file with translatable strings is in po/POTFILES.in"
       + ("" if not missing else ": missing " + ", ".join(missing)))
gone = sorted(p for p in listed if not os.path.exists(os.path.join(top, p)))
report(not gone, "every file in po/POTFILES.in exists"
       + ("" if not gone else ": not found " + ", ".join(gone)))
report(listed == sorted(listed, key=lambda s: s.encode()), "po/POTFILES.in is sorted")
print("1..%d" % n)
sys.exit(1 if failed else 0)
