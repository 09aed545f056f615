#!/usr/bin/env python3
"""Adds up meson's per-stage JSON test logs and the fuzz summary into the one
closing line CI reads: 'check: N passed, N failed, N skipped'."""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        f = open(path)
    except OSError:
        continue
    with f:
        if path.endswith('.json'):
            stage = path.rsplit('/', 1)[-1][:-5]
            for line in f:
                r = json.loads(line)
                res = r.get('result', '')
                if res in ('OK', 'EXPECTEDFAIL'):
                    passed += 1
                elif res == 'SKIP':
                    skipped += 1
                else:
                    failed += 1
                    print(f"FAILED [{stage}] {r.get('name')}: {res}")
        else:
            for line in f:
                if line.startswith('PASS '):
                    passed += 1
                elif line.startswith('FAIL '):
                    failed += 1
                    print('FAILED [fuzz]', line.strip())
print(f"check: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
