#!/usr/bin/env python3
# Checks the Flatpak manifest without flatpak-builder (not installed here or
# in CI): it parses, names its runtime, every module source is pinned, the
# permissions stay narrow and each is explained in flatpak/README.md, and the
# last module builds Stint from the checkout.
#
# Usage: test-flatpak-manifest.py path/to/io.github.stintapp.Stint.json
# Prints TAP; exits non-zero if any check fails. Python standard library only.

import json
import os
import re
import sys

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")

# What flatpak-builder accepts as a source type.
KNOWN_SOURCE_TYPES = {
    "archive", "file", "git", "bzr", "svn", "dir", "patch",
    "script", "shell", "inline", "extra-data",
}

# Permissions that would undo the sandbox.
FORBIDDEN_FINISH_ARGS = {
    "--socket=session-bus",
    "--socket=system-bus",
    "--filesystem=home",
    "--filesystem=host",
    "--filesystem=host-os",
    "--filesystem=host-etc",
    "--device=all",
    "--talk-name=org.freedesktop.Flatpak",
}

# Libraries the GNOME runtime already has: bundling them is a mistake.
RUNTIME_PROVIDED = {"libsoup", "json-glib", "libsecret", "sqlite", "gtk", "gtk3", "glib"}

# The modules issue 9 asks for (libdbusmenu-gtk3 is the "libdbusmenu" module
# built --with-gtk=3).
REQUIRED_MODULES = {
    "libdbusmenu", "ayatana-ido", "libayatana-indicator",
    "libayatana-appindicator", "keybinder-3.0",
}


# Bus names a bundled library talks to on Stint's behalf, not Stint's code.
USED_BY_BUNDLED_LIBRARIES = {
    "org.kde.StatusNotifierWatcher",   # libayatana-appindicator registers the tray item
}


def read_sources(src_dir):
    """All of Stint's C sources and headers, as one string."""
    text = []
    for root, _, files in os.walk(src_dir):
        for name in files:
            if name.endswith((".c", ".h")):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    text.append(f.read())
    return "\n".join(text)


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, description, problems=()):
        self.n += 1
        print(("ok" if ok else "not ok") + " %d - %s" % (self.n, description))
        if not ok:
            self.failed += 1
            for p in problems:
                print("# " + p)
        return ok

    def result(self, description, problems):
        return self.check(not problems, description, problems)

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def walk_modules(modules, base_dir, where, out, problems):
    """Flatten modules, following nested ones and included JSON files.

    Appends (where, module, base_dir) to out; base_dir is the directory that
    relative source paths of that module are resolved against.
    """
    if not isinstance(modules, list):
        problems.append("%s: 'modules' is not a list" % where)
        return
    for i, m in enumerate(modules):
        here = "%s[%d]" % (where, i)
        if isinstance(m, str):
            # A module kept in its own file, as flatpak-builder allows.
            inc = os.path.normpath(os.path.join(base_dir, m))
            if not os.path.isfile(inc):
                problems.append("%s: included module file %s does not exist" % (here, m))
                continue
            if not inc.endswith(".json"):
                problems.append("%s: included module %s is not JSON; "
                                "this test cannot read it" % (here, m))
                continue
            try:
                m = load_json(inc)
            except (OSError, ValueError) as e:
                problems.append("%s: %s does not parse: %s" % (here, m, e))
                continue
            walk_modules([m], os.path.dirname(inc), here + " (" + os.path.basename(inc) + ")",
                         out, problems)
            continue
        if not isinstance(m, dict):
            problems.append("%s: module is neither an object nor a file name" % here)
            continue
        name = m.get("name")
        if not name:
            problems.append("%s: module has no name" % here)
        here = "%s '%s'" % (here, name)
        out.append((here, m, base_dir))
        walk_modules(m.get("modules", []), base_dir, here + ".modules", out, problems)


def check_local_path(where, path, base_dir, root_dir, problems):
    full = os.path.normpath(os.path.join(base_dir, path))
    if os.path.isabs(path):
        problems.append("%s: absolute path %s" % (where, path))
    elif not (full == root_dir or full.startswith(root_dir + os.sep)):
        problems.append("%s: path %s leaves the checkout" % (where, path))
    elif not os.path.exists(full):
        problems.append("%s: %s does not exist" % (where, path))


def source_problems(where, src, base_dir, root_dir, is_app_module):
    """Why this source is not pinned (empty list: it is)."""
    problems = []
    if isinstance(src, str):
        # A source list kept in a separate JSON file.
        path = os.path.normpath(os.path.join(base_dir, src))
        if not os.path.isfile(path):
            return ["%s: source file %s does not exist" % (where, src)]
        try:
            inner = load_json(path)
        except (OSError, ValueError) as e:
            return ["%s: %s does not parse: %s" % (where, src, e)]
        inner = inner if isinstance(inner, list) else [inner]
        for j, s in enumerate(inner):
            problems += source_problems("%s (%s)[%d]" % (where, src, j), s,
                                        os.path.dirname(path), root_dir, is_app_module)
        return problems
    if not isinstance(src, dict):
        return ["%s: source is neither an object nor a file name" % where]

    kind = src.get("type")
    if kind not in KNOWN_SOURCE_TYPES:
        return ["%s: unknown source type %r" % (where, kind)]

    if kind in ("archive", "file", "extra-data"):
        if "url" in src:
            url = src["url"]
            if not isinstance(url, str) or not url.startswith("https://"):
                problems.append("%s: url %r is not https" % (where, url))
            sha = src.get("sha256")
            if not isinstance(sha, str) or not SHA256_RE.match(sha):
                problems.append("%s: %s has no 64-hex sha256 (got %r)" % (where, url, sha))
            for weak in ("md5", "sha1"):
                if weak in src and "sha256" not in src:
                    problems.append("%s: pinned by %s only" % (where, weak))
        elif kind != "extra-data" and "path" in src:
            # A file from this checkout: pinned by the checkout itself.
            check_local_path(where, src["path"], base_dir, root_dir, problems)
        else:
            problems.append("%s: %s source has neither url nor path" % (where, kind))
    elif kind == "git":
        url = src.get("url", "")
        if not str(url).startswith("https://"):
            problems.append("%s: git url %r is not https" % (where, url))
        tag, commit = src.get("tag"), src.get("commit")
        if not tag and not commit:
            problems.append("%s: git source has neither tag nor commit" % where)
        elif not commit:
            # A tag can be moved; the commit beside it is what flatpak-builder
            # verifies.
            problems.append("%s: git tag %r without the commit it names" % (where, tag))
        if commit is not None and not (isinstance(commit, str) and COMMIT_RE.match(commit)):
            problems.append("%s: commit %r is not 40 hex digits" % (where, commit))
        if src.get("branch") and not commit:
            problems.append("%s: follows branch %r without a commit" % (where, src["branch"]))
    elif kind in ("bzr", "svn"):
        if not src.get("revision"):
            problems.append("%s: %s source has no revision" % (where, kind))
    elif kind == "patch":
        paths = list(src.get("paths", []))
        if "path" in src:
            paths.append(src["path"])
        if not paths:
            problems.append("%s: patch source names no file" % where)
        for p in paths:
            check_local_path(where, p, base_dir, root_dir, problems)
    elif kind == "dir":
        # Only Stint itself may be built from a directory (the checkout).
        if not is_app_module:
            problems.append("%s: dir source outside the stint module" % where)
        else:
            check_local_path(where, src.get("path", ""), base_dir, root_dir, problems)
    # script, shell and inline carry their content in the manifest.
    return problems


def main(argv):
    tap = Tap()
    if len(argv) != 2:
        print("usage: %s MANIFEST.json" % argv[0], file=sys.stderr)
        return 2
    manifest_path = os.path.abspath(argv[1])
    manifest_dir = os.path.dirname(manifest_path)
    root_dir = os.path.dirname(manifest_dir)  # flatpak/ sits at the top of the checkout

    try:
        manifest = load_json(manifest_path)
        parse_error = None
    except (OSError, ValueError) as e:
        manifest, parse_error = None, str(e)
    if not tap.check(isinstance(manifest, dict), "manifest parses as a JSON object",
                     [parse_error or "top level is not an object"]):
        return tap.done()

    # Identity and runtime.
    problems = []
    app_id = manifest.get("id") or manifest.get("app-id")
    if app_id != "io.github.stintapp.Stint":
        problems.append("id/app-id is %r" % app_id)
    if os.path.basename(manifest_path) != "%s.json" % app_id:
        problems.append("file name %s does not match the id" % os.path.basename(manifest_path))
    if manifest.get("command") != "stint":
        problems.append("command is %r, not 'stint'" % manifest.get("command"))
    tap.result("app id and command", problems)

    problems = []
    if manifest.get("runtime") != "org.gnome.Platform":
        problems.append("runtime is %r" % manifest.get("runtime"))
    if manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("sdk is %r" % manifest.get("sdk"))
    rv = manifest.get("runtime-version")
    if not (isinstance(rv, str) and re.match(r"^[0-9]+$", rv)):
        problems.append("runtime-version %r is not a stable GNOME branch (e.g. \"51\")" % rv)
    tap.result("runtime, runtime-version and sdk are the GNOME platform", problems)

    # Modules, recursively.
    problems = []
    modules = []
    walk_modules(manifest.get("modules"), manifest_dir, "modules", modules, problems)
    if not modules:
        problems.append("no modules")
    tap.result("modules (nested and included) are readable", problems)

    top = manifest.get("modules") or []
    last_top = top[-1] if top and isinstance(top[-1], dict) else None

    problems = []
    n_sources = 0
    for where, m, base in modules:
        sources = m.get("sources")
        if not sources:
            problems.append("%s: no sources" % where)
            continue
        for j, src in enumerate(sources):
            n_sources += 1
            problems += source_problems("%s.sources[%d]" % (where, j), src, base, root_dir,
                                        m is last_top)
    tap.result("every source of every module is pinned (%d sources in %d modules)"
               % (n_sources, len(modules)), problems)

    names = {m.get("name") for _, m, _ in modules}
    tap.result("the AppIndicator chain and keybinder are bundled",
               ["module %s is missing" % n for n in sorted(REQUIRED_MODULES - names)])
    tap.result("nothing the GNOME runtime already has is bundled",
               ["module %s is in the runtime" % n for n in sorted(names & RUNTIME_PROVIDED)])

    # Stint itself, last.
    problems = []
    if last_top is None:
        problems.append("the last module is not an inline module")
    else:
        if last_top.get("name") != "stint":
            problems.append("the last module is %r, not 'stint'" % last_top.get("name"))
        if last_top.get("buildsystem") != "meson":
            problems.append("stint is not built with meson")
        srcs = [s for s in last_top.get("sources", []) if isinstance(s, dict)]
        if not any(s.get("type") == "dir" and os.path.normpath(
                os.path.join(manifest_dir, s.get("path", ""))) == root_dir for s in srcs):
            problems.append("stint is not built from the checkout (type dir, path ..)")
        if "-De2e_tests=false" not in last_top.get("config-opts", []):
            problems.append("stint's config-opts lack -De2e_tests=false")
    tap.result("the last module is stint, built with meson from the checkout", problems)

    # Permissions.
    finish = manifest.get("finish-args", [])
    problems = []
    if not isinstance(finish, list) or not all(isinstance(a, str) for a in finish):
        problems.append("finish-args is not a list of strings")
        finish = []
    for arg in finish:
        bare = arg.split(":")[0] if arg.startswith("--filesystem=") else arg
        if bare in FORBIDDEN_FINISH_ARGS or arg in FORBIDDEN_FINISH_ARGS:
            problems.append("forbidden: %s" % arg)
        if bare.startswith("--filesystem=home/") or bare.startswith("--filesystem=~"):
            problems.append("home directory access: %s" % arg)
    tap.result("no home/host filesystem, no session or system bus", problems)

    needed = ["--share=network", "--socket=wayland", "--socket=fallback-x11",
              "--talk-name=org.kde.StatusNotifierWatcher"]
    tap.result("network, display and tray permissions are granted",
               ["missing %s" % a for a in needed if a not in finish])

    readme_path = os.path.join(manifest_dir, "README.md")
    problems = []
    try:
        with open(readme_path, encoding="utf-8") as f:
            readme = f.read()
    except OSError as e:
        readme = ""
        problems.append("cannot read %s: %s" % (readme_path, e))
    # One table row per permission: | `--arg` | the reason |
    reasons = {}
    for line in readme.splitlines():
        m = re.match(r"^\|\s*`([^`]+)`\s*\|\s*(.*?)\s*\|\s*$", line)
        if m and m.group(1).startswith("--"):
            reasons[m.group(1)] = m.group(2)
    for arg in finish:
        if arg not in reasons:
            problems.append("%s has no row in flatpak/README.md's permissions table" % arg)
        elif len(reasons[arg].split()) < 3:
            problems.append("%s: the reason in flatpak/README.md is too short: %r"
                            % (arg, reasons[arg]))
    for arg in sorted(set(reasons) - set(finish)):
        problems.append("flatpak/README.md explains %s, which the manifest does not ask for" % arg)
    tap.result("every finish-arg has a row with its reason in flatpak/README.md", problems)

    # A bus name Stint's own code never calls is a permission to drop.
    problems = []
    sources = read_sources(os.path.join(root_dir, "src"))
    for arg in finish:
        m = re.match(r"^--(?:system-)?(?:talk|own)-name=(.+)$", arg)
        if not m:
            continue
        name = m.group(1)
        if name in USED_BY_BUNDLED_LIBRARIES:
            continue
        if name.endswith(".*") or '"%s"' % name not in sources:
            problems.append("%s: no source file in src/ names %s" % (arg, name))
    tap.result("every D-Bus name granted is one Stint talks to", problems)

    problems = []
    cleanup = manifest.get("cleanup", [])
    for pattern in ("/include", "/lib/pkgconfig", "*.la", "*.a"):
        if pattern not in cleanup:
            problems.append("top-level cleanup lacks %s" % pattern)
    tap.result("headers, pkg-config files and static libraries are cleaned up", problems)

    # flatpak-builder exports only files named for the app id.
    data_dir = os.path.join(root_dir, "data")
    exported = [app_id + ".desktop.in", app_id + ".metainfo.xml.in", app_id + ".service.in",
                os.path.join("icons", "hicolor", "scalable", "apps", app_id + ".svg"),
                os.path.join("icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg")]
    tap.result("the desktop file, metainfo, D-Bus service and icons are named for the app id",
               ["data/%s does not exist" % f for f in exported
                if not os.path.isfile(os.path.join(data_dir, f))])

    return tap.done()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
