#!/usr/bin/python3
"""Count individual test cases across meson test logs and print one closing line.

    test-summary.py [--failed-step TEXT]... BUILDDIR/meson-logs/NAME.json...

Each log is meson's JSON test log: one JSON object per line with at least
"name", "result" and "stdout". A TAP test (its "protocol", or else the
protocol in BUILDDIR/meson-info/intro-tests.json, is "tap") counts each
"ok" / "not ok" line of its output:

    ok N ...                  passed
    ok N ... # SKIP ...       skipped
    not ok N ...              failed
    not ok N ... # TODO ...   skipped (a known failure: nothing was shown to work)
    ok N ... # TODO ...       failed  (meson: unexpected pass)

and when meson failed the program (a crash, a timeout, a bail-out, a non-zero
exit) but no "not ok" line says so, the program itself counts as one more
failure. Any other test counts once, by meson's result: OK and EXPECTEDFAIL
pass, SKIP skips, anything else fails. A --failed-step (a build that did not
compile, a test run that wrote no log) counts as one failure.

Prints every failure with the log to read, then exactly
"N passed, N failed, N skipped". Exits 1 if anything failed or if no test
ran at all, else 0.
"""

import argparse
import json
import os
import re
import sys

TAP_RESULT = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*)$')
TAP_DIRECTIVE = re.compile(r'\s#\s*(SKIP|TODO)\b', re.IGNORECASE)
TAP_PLAN = re.compile(r'^1\.\.(\d+)')

PASSING_RESULTS = {'OK', 'EXPECTEDFAIL'}


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []  # (what, where to look)

    def fail(self, what, where):
        self.failed += 1
        self.failures.append((what, where))


def shorten(path):
    rel = os.path.relpath(path)
    return path if rel.startswith('..') else rel


def build_dir_of(log_path):
    """BUILDDIR for BUILDDIR/meson-logs/NAME.json"""
    return os.path.dirname(os.path.dirname(os.path.abspath(log_path)))


def tap_test_names(build_dir):
    """Names of the TAP tests registered in BUILDDIR, from meson's introspection."""
    path = os.path.join(build_dir, 'meson-info', 'intro-tests.json')
    try:
        with open(path, encoding='utf-8') as f:
            tests = json.load(f)
    except (OSError, ValueError):
        return set()
    names = set()
    for test in tests:
        if test.get('protocol') == 'tap':
            # meson 1.0 logs a test as "[project:]suite / name", or just "name"
            names.add(test['name'])
            names.update('%s / %s' % (suite, test['name']) for suite in test.get('suite', []))
    return names


def is_tap(entry, tap_names):
    protocol = entry.get('protocol')
    if protocol is not None:
        return protocol == 'tap'
    # meson 1.0 does not log the protocol
    return entry.get('name') in tap_names


def count_tap(entry, label, where, tally):
    """Count the cases of one TAP test; returns the number of failed cases."""
    failed_before = tally.failed
    planned = None
    seen = 0
    for line in (entry.get('stdout') or '').splitlines():
        line = line.rstrip()
        plan = TAP_PLAN.match(line)
        if plan:
            planned = int(plan.group(1))
            continue
        m = TAP_RESULT.match(line)
        if not m:
            continue
        seen += 1
        ok = m.group(1) == 'ok'
        description = m.group(3)
        directive = TAP_DIRECTIVE.search(description)
        kind = directive.group(1).upper() if directive else None
        if directive:
            description = description[:directive.start()]
        case = '%s: %s: %s' % (label, entry['name'], description.strip() or '#' + (m.group(2) or '?'))
        if ok and kind == 'SKIP':
            tally.skipped += 1
        elif ok and kind == 'TODO':
            tally.fail(case + ' (passed, but marked TODO)', where)
        elif ok:
            tally.passed += 1
        elif kind in ('TODO', 'SKIP'):
            tally.skipped += 1
        else:
            tally.fail(case, where)

    result = entry.get('result', '')
    if result == 'SKIP' and seen == 0:
        tally.skipped += 1
    elif result not in PASSING_RESULTS and result != 'SKIP' and tally.failed == failed_before:
        detail = result
        if planned is not None and seen < planned:
            detail += ' after %d of %d cases' % (seen, planned)
        tally.fail('%s: %s (%s)' % (label, entry['name'], detail), where)


def count_log(log_path, tally):
    build_dir = build_dir_of(log_path)
    label = os.path.basename(build_dir)
    where = shorten(os.path.splitext(log_path)[0] + '.txt')
    tap_names = tap_test_names(build_dir)
    with open(log_path, encoding='utf-8', errors='replace') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                entry = json.loads(line)
            except ValueError:
                tally.fail('%s: unreadable line %d in %s' % (label, number, shorten(log_path)), where)
                continue
            if is_tap(entry, tap_names):
                count_tap(entry, label, where, tally)
            elif entry.get('result') in PASSING_RESULTS:
                tally.passed += 1
            elif entry.get('result') == 'SKIP':
                tally.skipped += 1
            else:
                tally.fail('%s: %s (%s)' % (label, entry.get('name'), entry.get('result')), where)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--failed-step', action='append', default=[],
                        help='a step that failed before its tests could run')
    parser.add_argument('logs', nargs='*', help="meson's JSON test logs")
    args = parser.parse_args()

    tally = Tally()
    for step in args.failed_step:
        tally.fail(step, 'the output above')
    for log_path in args.logs:
        try:
            count_log(log_path, tally)
        except OSError as e:
            tally.fail('cannot read %s: %s' % (shorten(log_path), e.strerror), 'the output above')

    for what, where in tally.failures:
        print('FAILED %s  (log: %s)' % (what, where))
    total = tally.passed + tally.failed + tally.skipped
    if total == 0:
        print('no test ran')
    print('%d passed, %d failed, %d skipped' % (tally.passed, tally.failed, tally.skipped))
    sys.stdout.flush()
    return 1 if tally.failed or total == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
