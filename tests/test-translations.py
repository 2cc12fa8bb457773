#!/usr/bin/env python3
# test-translations.py: every language in po/LINGUAS translates every string
# the current sources mark, with nothing left fuzzy, and msgfmt accepts its
# .po file (TAP output)
#
# The template is rebuilt from the sources on each run, in a temporary
# folder, so a string added or changed anywhere shows up here at once and
# po/stint.pot never needs to be kept in the tree.
#
# Usage: test-translations.py SOURCE_ROOT
# Needs xgettext, msgmerge, msgattrib and msgfmt (GNU gettext).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile

PACKAGE = "stint"

# The arguments meson's i18n.gettext(preset: 'glib') passes to xgettext
# (mesonbuild/modules/i18n.py, PRESET_ARGS['glib'], plus the -k_ its pot
# target adds); keep them in step, or this test checks a template other than
# the one `meson compile stint-pot` writes.
XGETTEXT_ARGS = [
    "-k_",
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

# How many missing strings to name per language before "…and N more".
SHOW = 8

n = 0
failed = False


def report(ok, text, details=()):
    global n, failed
    n += 1
    failed |= not ok
    print(("ok" if ok else "not ok") + " %d - %s" % (n, text))
    for line in details:
        print("#   " + line)


def run(argv):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          encoding="utf-8", errors="replace")


def unquote(text):
    """The value of a PO string literal, without its quotes."""
    out = []
    i = 1
    while i < len(text) - 1:
        c = text[i]
        if c == "\\" and i + 1 < len(text) - 1:
            i += 1
            c = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(text[i], text[i])
        out.append(c)
        i += 1
    return "".join(out)


def messages(po_text):
    """(msgctxt, msgid) of each message in a PO file, the header left out."""
    found = []
    ctxt = msgid = None
    field = None
    for raw in po_text.splitlines() + [""]:
        line = raw.strip()
        if line.startswith('"') and field is not None:
            value = unquote(line)
            if field == "msgctxt":
                ctxt += value
            elif field == "msgid":
                msgid += value
            continue
        if line.startswith("msgctxt "):
            ctxt, field = unquote(line[len("msgctxt "):]), "msgctxt"
        elif line.startswith("msgid "):
            msgid, field = unquote(line[len("msgid "):]), "msgid"
        else:
            field = None if not line.startswith("msgid_plural") else "plural"
            if line == "" and msgid is not None:
                if msgid != "":
                    found.append((ctxt, msgid))
                ctxt = msgid = None
    return found


def describe(found):
    lines = []
    for ctxt, msgid in found[:SHOW]:
        shown = msgid.replace("\n", "\\n")
        if len(shown) > 100:
            shown = shown[:99] + "…"
        lines.append(("[%s] " % ctxt if ctxt else "") + "“" + shown + "”")
    if len(found) > SHOW:
        lines.append("…and %d more" % (len(found) - SHOW))
    return lines


def read_linguas(po_dir):
    langs = []
    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            langs += line.split()
    return langs


def main():
    top = sys.argv[1]
    po_dir = os.path.join(top, "po")

    tools = {t: shutil.which(t) for t in ("xgettext", "msgmerge", "msgattrib", "msgfmt")}
    missing_tools = sorted(t for t, path in tools.items() if path is None)
    report(not missing_tools, "the gettext tools are installed"
           + ("" if not missing_tools else ": missing " + ", ".join(missing_tools)))
    if missing_tools:
        return

    langs = read_linguas(po_dir)
    report(langs == sorted(langs) and len(langs) == len(set(langs)),
           "po/LINGUAS is sorted, one language each: " + (" ".join(langs) or "(none)"))
    po_files = sorted(name[:-3] for name in os.listdir(po_dir) if name.endswith(".po"))
    unlisted = [lang for lang in po_files if lang not in langs]
    absent = [lang for lang in langs if lang not in po_files]
    report(not unlisted and not absent, "po/LINGUAS and the po/*.po files agree",
           (["not in po/LINGUAS: " + ", ".join(l + ".po" for l in unlisted)] if unlisted else [])
           + (["no .po file for: " + ", ".join(absent)] if absent else []))

    with tempfile.TemporaryDirectory(prefix="stint-translations-") as tmp:
        pot = os.path.join(tmp, PACKAGE + ".pot")
        result = run([tools["xgettext"], "--package-name=" + PACKAGE, "-p", tmp,
                      "-f", os.path.join(po_dir, "POTFILES.in"), "-D", top,
                      "-o", pot] + XGETTEXT_ARGS)
        report(result.returncode == 0 and os.path.exists(pot),
               "xgettext builds the template from po/POTFILES.in",
               result.stderr.splitlines())
        if result.returncode != 0 or not os.path.exists(pot):
            return
        with open(pot, encoding="utf-8") as f:
            total = len(messages(f.read()))

        for lang in langs:
            po = os.path.join(po_dir, lang + ".po")
            if not os.path.exists(po):
                continue
            merged = os.path.join(tmp, lang + ".po")
            result = run([tools["msgmerge"], "--quiet", "--previous", "-o", merged, po, pot])
            report(result.returncode == 0, "%s: msgmerge merges po/%s.po with the template"
                   % (lang, lang), result.stderr.splitlines())
            if result.returncode != 0:
                continue

            untranslated = messages(run([tools["msgattrib"], "--untranslated", "--no-obsolete",
                                         merged]).stdout)
            report(not untranslated, "%s: all %d messages translated%s"
                   % (lang, total, "" if not untranslated
                      else " — %d untranslated, translate them in po/%s.po"
                      % (len(untranslated), lang)),
                   describe(untranslated))

            fuzzy = messages(run([tools["msgattrib"], "--only-fuzzy", "--no-obsolete",
                                  merged]).stdout)
            report(not fuzzy, "%s: no fuzzy messages%s"
                   % (lang, "" if not fuzzy
                      else " — %d fuzzy (new or changed in the sources): check them in "
                      "po/%s.po and drop the fuzzy flag" % (len(fuzzy), lang)),
                   describe(fuzzy))

            # Mnemonics are GTK's "_", not msgfmt's default "&".
            result = run([tools["msgfmt"], "--check", "--check-accelerators=_", "-c",
                          "-o", os.devnull, po])
            output = (result.stdout + result.stderr).splitlines()
            report(result.returncode == 0 and not output,
                   "%s: msgfmt --check --check-accelerators=_ accepts po/%s.po cleanly"
                   % (lang, lang), output)

            obsolete = messages(run([tools["msgattrib"], "--only-obsolete", merged]).stdout
                                .replace("#~ ", ""))
            if obsolete:
                print("# %s: %d messages no longer in the sources (msgmerge keeps them as "
                      "#~ obsolete): %s" % (lang, len(obsolete), "; ".join(describe(obsolete))))


main()
print("1..%d" % n)
sys.exit(1 if failed else 0)
