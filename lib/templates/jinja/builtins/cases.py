#!/usr/bin/python3
"""Fills builtins.cases.json from builtins.cases.txt with what real Jinja2 gives.

Run with Debian's python3-jinja2 3.1.2:  /usr/bin/python3 lib/templates/jinja/builtins/cases.py
Each line of the .txt is `kind ;; name ;; value ;; args ;; kwargs` (Python literals; `Undefined` for a missing
value). kind is filter, test, method (the method's result, then the object after the call) or global.
The expected text is a canonical repr: generators become lists, Markup becomes str, errors become ERR.
"""
import ast
import collections.abc as abc
import json
import pathlib

from jinja2.runtime import Undefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

HERE = pathlib.Path(__file__).parent


def canon(x):
    if isinstance(x, Undefined):
        return "Undefined"
    if isinstance(x, Markup):
        return repr(str(x))
    if isinstance(x, (str, bool, int, float, type(None))):
        return repr(x)
    if isinstance(x, tuple):
        items = [canon(i) for i in x]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if isinstance(x, list):
        return f"[{', '.join(canon(i) for i in x)}]"
    if isinstance(x, dict):
        return "{" + ", ".join(f"{canon(k)}: {canon(v)}" for k, v in x.items()) + "}"
    if isinstance(x, (abc.Iterator, range, abc.KeysView, abc.ValuesView, abc.ItemsView)):
        return canon(list(x))
    return f"<{type(x).__name__}>"


TEMPLATES = {
    "filter": "{{ r(v|NAME(*a, **k)) }}",
    "test": "{{ r(call_test('NAME', v, a)) }}",
    "method": "{{ r(v.NAME(*a, **k)) ~ ' -> ' ~ r(v) }}",
    "global": "{{ r(NAME(*a, **k)) }}",
}


def expected(env, kind, name, value, args, kwargs):
    template = env.from_string(TEMPLATES[kind].replace("NAME", name))
    context = {"a": args, "k": kwargs}
    if value != "Undefined":
        context["v"] = ast.literal_eval(value)
    try:
        return template.render(**context)
    except Exception:
        return "ERR"


def main():
    env = SandboxedEnvironment()
    env.globals["r"] = canon
    # Jinja2's own test functions, reached by name so operator tests ("==", "<") work too.
    env.globals["call_test"] = lambda name, value, args: env.call_test(name, value, args)
    cases = []
    for line in (HERE / "builtins.cases.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, name, value, *rest = [part.strip() for part in line.split(" ;; ")]
        args = rest[0] if rest else "[]"
        kwargs = rest[1] if len(rest) > 1 else "{}"
        out = expected(env, kind, name, value, ast.literal_eval(args), ast.literal_eval(kwargs))
        cases.append([kind, name, value, args, kwargs, out])
    lines = ",\n".join(json.dumps(case, ensure_ascii=False) for case in cases)
    (HERE / "builtins.cases.json").write_text(f"[\n{lines}\n]\n")
    print(f"{len(cases)} cases")


main()
