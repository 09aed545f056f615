#!/usr/bin/env python3
"""Generate a TAP test that checks our ras.h/raserror.h constants against
the MinGW-w64 headers' text (the oracle for Windows names and values).

The headers are read as text and every #if is ignored, on purpose: MinGW
hides many codes behind WINVER tests that a compile probe would miss.

usage: extract_constants.py MINGW_INCLUDE_DIR OUTPUT.c
"""
import ast
import operator
import os
import re
import sys

# Prefixes whose #defines we check, and the enums whose members we check.
PREFIXES = ('ERROR_', 'RAS', 'RDEOPT_', 'ET_', 'VS_', 'REN_', 'WM_RASDIALEVENT',
            'PENDING', 'WARNING_MSG_ALIAS_NOT_ADDED', 'SUCCESS')
ENUM_PREFIXES = ('RASCS_', 'RASP_', 'RASCSS_', 'RASAPIVERSION_')

# Names MinGW defines that we leave out on purpose, and why.
OMITTED = {
    'RASADFLG_PositionDlg': 'RASADPARAMS/AutoDial DLL hooks are Windows shell integration; not provided',
    'RCD_SingleUser': 'custom-dial DLL interface (RasCustomDialFn) is not provided',
    'RCD_AllUsers': 'custom-dial DLL interface (RasCustomDialFn) is not provided',
    'RCD_Eap': 'custom-dial DLL interface (RasCustomDialFn) is not provided',
    'RCD_Logon': 'custom-dial DLL interface (RasCustomDialFn) is not provided',
}

# #defines that are not constants (type and name aliases, the A/W switch).
NOT_CONSTANT = re.compile(r'^(struct|enum)\b|__MINGW_NAME_AW|\*\s*$')

BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.BitOr: operator.or_,
          ast.LShift: operator.lshift, ast.Mult: operator.mul}


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    return re.sub(r'//[^\n]*', ' ', text)


def c_int(tok):
    m = re.fullmatch(r'(0[xX][0-9a-fA-F]+|\d+)[uUlL]*', tok)
    return int(m.group(1), 0) if m else None


def evaluate(expr, defs, depth=0):
    """Value of a C integer expression made of literals, known names and
    + - | << *, or None if it is anything else."""
    if depth > 20:
        return None
    expr = expr.strip()
    expr = re.sub(r'\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]+\b', r'\1', expr)
    try:
        tree = ast.parse(expr, mode='eval').body
    except SyntaxError:
        return None

    def ev(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in defs:
                return evaluate(defs[node.id], defs, depth + 1)
            return None
        if isinstance(node, ast.BinOp) and type(node.op) in BINOPS:
            a, b = ev(node.left), ev(node.right)
            return None if a is None or b is None else BINOPS[type(node.op)](a, b)
        return None
    return ev(tree)


def read_defines(path):
    defs = {}
    for line in strip_comments(open(path, encoding='latin-1').read()).splitlines():
        m = re.match(r'\s*#\s*define\s+(\w+)\s+(.+?)\s*$', line)
        if m and '(' not in m.group(1):
            defs.setdefault(m.group(1), m.group(2))
    return defs


def read_enums(path, defs):
    """Members of every enum body in the file, with values."""
    text = strip_comments(open(path, encoding='latin-1').read())
    out = {}
    for body in re.findall(r'\{([^{}]*)\}', text):
        if '=' not in body and not re.search(r'\bRAS\w*_\w+\s*,', body):
            continue
        if ';' in body:
            continue   # a struct, not an enum
        value = -1
        for item in body.split(','):
            item = item.strip()
            if not item or item.startswith('#'):
                continue
            item = re.sub(r'#\s*\w+[^\n]*', '', item).strip()
            m = re.fullmatch(r'(\w+)\s*(?:=\s*(.+))?', item, flags=re.S)
            if not m:
                continue
            name, expr = m.group(1), m.group(2)
            if expr is not None:
                scope = dict(defs)
                scope.update({k: str(v) for k, v in out.items()})
                value = evaluate(expr, scope)
                if value is None:
                    break
            else:
                value += 1
            out[name] = value
    return out


def main():
    incdir, output = sys.argv[1], sys.argv[2]
    ras_h = os.path.join(incdir, 'ras.h')
    err_h = os.path.join(incdir, 'raserror.h')
    if not (os.path.exists(ras_h) and os.path.exists(err_h)):
        with open(output, 'w') as f:
            f.write('#include <stdio.h>\nint main(void) { puts("1..0 # SKIP MinGW-w64 '
                    'headers not found in %s (install mingw-w64-x86-64-dev)"); return 0; }\n'
                    % incdir)
        return

    defs = read_defines(err_h)
    defs.update(read_defines(ras_h))
    numeric, strings = {}, {}
    for name, expr in defs.items():
        if not name.startswith(PREFIXES) or name.startswith(ENUM_PREFIXES) \
                or NOT_CONSTANT.search(expr) or name in OMITTED:
            if not (name.startswith(('RASCS_PAUSED', 'RASCS_DONE')) and name not in OMITTED):
                continue
        m = re.fullmatch(r'(?:TEXT\s*\(\s*)?"([^"]*)"\s*\)?', expr)
        if m:
            strings[name] = m.group(1)
            continue
        value = evaluate(expr, defs)
        if value is not None:
            numeric[name] = value
    enums = {k: v for k, v in read_enums(ras_h, defs).items()
             if k.startswith(ENUM_PREFIXES) and k not in OMITTED}

    # The reference's counts: every RAS code 600..870 must be in the oracle.
    ras_codes = [n for n, v in numeric.items() if 600 <= v <= 870 and n not in ('RASBASE', 'RASBASEEND')]
    if len(ras_codes) < 271:
        sys.exit('only %d RAS codes parsed from %s' % (len(ras_codes), err_h))

    groups = {}
    for name in sorted(numeric):
        key = 'errors' if name in ras_codes or name in ('RASBASE', 'RASBASEEND', 'SUCCESS') \
            else name.split('_')[0].lower() or 'misc'
        groups.setdefault(key, []).append(name)

    o = ['/* Generated by extract_constants.py from %s: do not edit. */' % incdir,
         '#include <string.h>', '#include <ras.h>', '#include <raserror.h>',
         '#include "harness.h"', '']
    tests = []

    def emit(fn, body):
        tests.append(fn)
        o.append('static void %s(void)\n{' % fn)
        o.extend(body)
        o.append('}\n')

    for key in sorted(groups):
        body = []
        for name in groups[key]:
            body.append('#ifdef %s\n    CHECK_EQ((unsigned long long)(%s), %dULL);\n#else\n'
                        '    th_fail(__FILE__, __LINE__, "%s is missing from our headers");\n#endif'
                        % (name, name, numeric[name], name))
        emit('t_defines_%s' % re.sub(r'\W', '_', key), body)
    # Enum members cannot be tested with #ifdef: a missing one fails the build.
    emit('t_enums', ['    CHECK_EQ((long long)%s, %dLL);' % (n, v) for n, v in sorted(enums.items())])
    body = []
    for name, s in sorted(strings.items()):
        body.append('#ifdef %s\n    CHECK_STR(%s, "%s");\n#else\n'
                    '    th_fail(__FILE__, __LINE__, "%s is missing from our headers");\n#endif'
                    % (name, name, s, name))
    emit('t_strings', body)
    body = ['    /* names left out on purpose (see OMITTED in extract_constants.py) */']
    for name in sorted(OMITTED):
        body.append('#ifdef %s\n    th_fail(__FILE__, __LINE__, "%s is listed as omitted but '
                    'defined");\n#endif' % (name, name))
    body.append('    CHECK_EQ(%d, %d); /* oracle codes in 600..870 */' % (len(ras_codes), 271))
    emit('t_omitted_and_counts', body)

    o.append('int main(void)\n{')
    o.extend('    TH_RUN(%s);' % t for t in tests)
    o.append('    return th_done();\n}')
    with open(output, 'w') as f:
        f.write('\n'.join(o) + '\n')


if __name__ == '__main__':
    main()
