#!/usr/bin/python3
# a11y.py: look at and act on Stint's windows through the accessibility tree
#
#   a11y.py wait-text PATTERN [SECS]   an object whose name or text matches
#   a11y.py click ROLE NAME            doAction(0) on the first match
#   a11y.py set-text ROLE NAME TEXT    replace an editable text's contents
#   a11y.py activate ROLE NAME         the "activate" action (Enter in an entry)
#   a11y.py focus ROLE NAME            give the object keyboard focus
#   a11y.py text ROLE NAME             print an object's text contents
#   a11y.py wait-value ROLE NAME PATTERN [SECS]
#                                      wait until an object's text matches
#   a11y.py gone PATTERN [SECS]        wait until nothing matches PATTERN
#   a11y.py select NAME                select the list row or tab named NAME
#                                      (or holding a label NAME) in its list:
#                                      Preferences' sidebar pages
#   a11y.py dump                       the tree, for diagnosis
#
# NAME is an accessible name, or "re:PATTERN" for a regular expression.
# set-text, activate, focus, text and wait-value only consider objects on
# screen (hidden popovers keep their widgets in the tree).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import sys
import time

import pyatspi

APP_NAMES = {"stint", "Stint"}


def apps():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name in APP_NAMES:
            yield app


def walk(node, depth=0):
    yield node, depth
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is not None:
            yield from walk(child, depth + 1)


def text_of(node):
    parts = [node.name or ""]
    if node.description:
        parts.append(node.description)
    try:
        t = node.queryText()
        parts.append(t.getText(0, t.characterCount))
    except Exception:
        pass
    return " ".join(parts)


def find(pred):
    for app in apps():
        for node, _ in walk(app):
            try:
                if pred(node):
                    return node
            except Exception:
                continue
    return None


def name_matches(node, name):
    if name.startswith("re:"):
        return re.search(name[3:], node.name or "") is not None
    return node.name == name


def showing(node):
    return node.getState().contains(pyatspi.STATE_SHOWING)


def find_shown(role, name):
    return find(lambda n: n.getRoleName() == role and name_matches(n, name) and showing(n))


def text_contents(node):
    t = node.queryText()
    return t.getText(0, t.characterCount)


def main(argv):
    cmd = argv[1]
    if cmd == "wait-text":
        pattern = re.compile(argv[2])
        end = time.time() + (float(argv[3]) if len(argv) > 3 else 10)
        while time.time() < end:
            node = find(lambda n: pattern.search(text_of(n)))
            if node is not None:
                print(text_of(node))
                return 0
            time.sleep(0.2)
        print("no accessible object matches %r" % argv[2], file=sys.stderr)
        return 1
    if cmd == "click":
        role, name = argv[2], argv[3]
        node = find_shown(role, name) or \
            find(lambda n: n.getRoleName() == role and name_matches(n, name))
        if node is None:
            print("no %s named %r" % (role, name), file=sys.stderr)
            return 1
        node.queryAction().doAction(0)
        return 0
    if cmd == "focus":
        node = find_shown(argv[2], argv[3])
        if node is None or not node.queryComponent().grabFocus():
            print("cannot focus %s %r" % (argv[2], argv[3]), file=sys.stderr)
            return 1
        return 0
    if cmd == "text":
        node = find_shown(argv[2], argv[3])
        if node is None:
            print("no %s named %r" % (argv[2], argv[3]), file=sys.stderr)
            return 1
        print(text_contents(node))
        return 0
    if cmd == "wait-value":
        role, name, pattern = argv[2], argv[3], re.compile(argv[4])
        end = time.time() + (float(argv[5]) if len(argv) > 5 else 10)
        value = None
        while time.time() < end:
            node = find_shown(role, name)
            if node is not None:
                value = text_contents(node)
                if pattern.search(value):
                    print(value)
                    return 0
            time.sleep(0.2)
        print("%s %r reads %r, not %r" % (role, name, value, argv[4]), file=sys.stderr)
        return 1
    if cmd in ("set-text", "activate"):
        role, name = argv[2], argv[3]
        node = find_shown(role, name)
        if node is None:
            print("no %s named %r" % (role, name), file=sys.stderr)
            return 1
        if cmd == "set-text":
            node.queryEditableText().setTextContents(argv[4])
            return 0
        action = node.queryAction()
        for i in range(action.nActions):
            if action.getName(i) == "activate":
                action.doAction(i)
                return 0
        print("%s %r has no activate action" % (role, name), file=sys.stderr)
        return 1
    if cmd == "select":
        name = argv[2]

        def is_item(n):
            if n.getRoleName() not in ("list item", "page tab"):
                return False
            if n.name == name:
                return True
            return any(c is not None and c.name == name for c in (n.getChildAtIndex(i) for i in range(n.childCount)))

        node = find(is_item)
        if node is None:
            print("no list item or tab named %r" % name, file=sys.stderr)
            return 1
        node.parent.querySelection().selectChild(node.getIndexInParent())
        return 0
    if cmd == "gone":
        pattern = re.compile(argv[2])
        end = time.time() + (float(argv[3]) if len(argv) > 3 else 10)
        while time.time() < end:
            if find(lambda n: pattern.search(text_of(n)) and
                    n.getState().contains(pyatspi.STATE_SHOWING)) is None:
                return 0
            time.sleep(0.2)
        return 1
    if cmd == "dump":
        for app in apps():
            for node, depth in walk(app):
                print("%s%s %r" % ("  " * depth, node.getRoleName(), text_of(node)))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
