#!/usr/bin/python3
"""
The reference side of the template corpus (tests/templates/corpus.test.ts): renders every case with
real Jinja2 (Debian's python3-jinja2 3.1) as the product's users would get it from CallGear, and prints
the results as JSON.

stdin:  {"contexts": {name: {...}}, "cases": [{"id", "template", "context"}]}
stdout: {"jinja2": version, "results": {id: {"ok": true, "text": ...} | {"ok": false, "error": ...}}}

Settings: jinja2.sandbox.SandboxedEnvironment with Jinja2's defaults (autoescape off,
keep_trailing_newline False, trim_blocks/lstrip_blocks False, Undefined) except `finalize`, which
prints None as empty text: the product's documented choice (docs/decisions.md, "Templates: Jinja2
compatibility corpus").

The product's own filters `phone`, `date` and `duration` do not exist in Jinja2; they are re-created
here from their definitions in lib/templates/filters.ts and lib/phone.ts (formatPhone), so for them the
reference is our own definition.
"""
import json
import math
import re
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import jinja2
from jinja2.sandbox import SandboxedEnvironment


# --- lib/phone.ts: toE164 / formatPhone ---------------------------------------------------------
def to_e164(value):
    if value is None:
        return None
    text = str(value).strip()
    digits = re.sub(r"\D", "", text)
    if len(digits) == 10:
        return "+7" + digits
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if 11 <= len(digits) <= 15 and (text.startswith("+") or text.startswith("00") or len(digits) > 11):
        return "+" + re.sub(r"^00", "", digits)
    return None


def is_missing(value):
    """filters.ts isMissing: JS null or undefined, i.e. None or Jinja2's Undefined."""
    return value is None or isinstance(value, jinja2.Undefined)


def phone_filter(value):
    if is_missing(value):
        return ""
    e164 = to_e164(value)
    if not e164:
        return str(value)
    if not e164.startswith("+7") or len(e164) != 12:
        return e164
    n = e164[2:]
    return f"+7 ({n[0:3]}) {n[3:6]}-{n[6:8]}-{n[8:10]}"


# --- lib/templates/filters.ts: durationFilter ---------------------------------------------------
def duration_filter(value):
    if is_missing(value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    if math.isnan(number):
        return ""
    seconds = max(0, math.floor(number + 0.5))  # JS Math.round: halves go up
    h, m, s = seconds // 3600, (seconds % 3600) // 60, seconds % 60
    mmss = f"{m:02d}:{s:02d}"
    return f"{h}:{mmss}" if h > 0 else mmss


# --- lib/templates/filters.ts: dateFilter (luxon formats; the tokens the corpus uses) ------------
LUXON_TOKENS = [("yyyy", "%Y"), ("yy", "%y"), ("MM", "%m"), ("dd", "%d"), ("HH", "%H"), ("mm", "%M"), ("ss", "%S")]


def luxon_format(moment, fmt):
    out, i = [], 0
    while i < len(fmt):
        if fmt[i] == "'":
            end = fmt.index("'", i + 1)
            out.append(fmt[i + 1:end])
            i = end + 1
            continue
        for token, directive in LUXON_TOKENS:
            if fmt.startswith(token, i):
                out.append(moment.strftime(directive))
                i += len(token)
                break
        else:
            if fmt[i] == "d":
                out.append(str(moment.day))
            elif fmt[i] == "M":
                out.append(str(moment.month))
            elif fmt[i] == "H":
                out.append(str(moment.hour))
            elif fmt[i].isalpha():
                raise ValueError(f"luxon token {fmt[i]!r} is not re-created in the reference")
            else:
                out.append(fmt[i])
            i += 1
    return "".join(out)


def date_filter(value, format="dd.MM.yyyy HH:mm", zone=None, source_zone=None):
    if is_missing(value) or value == "":
        return ""
    text = str(value)
    try:
        parsed = datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return text  # the corpus keeps to report times; anything else comes back unchanged
    if zone:
        if not source_zone:
            raise ValueError("date(format, zone) without a source zone depends on the machine's zone")
        parsed = parsed.replace(tzinfo=ZoneInfo(source_zone)).astimezone(ZoneInfo(zone))
    return luxon_format(parsed, format)


def make_environment():
    env = SandboxedEnvironment(finalize=lambda v: "" if v is None else v)
    env.filters["phone"] = phone_filter
    env.filters["date"] = date_filter
    env.filters["duration"] = duration_filter
    return env


def render(env, template, context):
    try:
        return {"ok": True, "text": env.from_string(template).render(**context)}
    except Exception as error:  # every Jinja2 failure is a result: the product must fail as well
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}


def main():
    request = json.load(sys.stdin)
    env = make_environment()
    results = {}
    for case in request["cases"]:
        context = json.loads(json.dumps(request["contexts"][case["context"]]))  # a fresh copy per case
        results[case["id"]] = render(env, case["template"], context)
    json.dump({"jinja2": jinja2.__version__, "results": results}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
