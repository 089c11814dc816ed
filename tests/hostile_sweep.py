"""Hostile-input sweep for issue 14 (not a test: run `python tests/hostile_sweep.py .`,
about 10 minutes): every input in a fresh folder and HOME, run as a real
process; counts tracebacks, silent changes (exit 0 while a participant/case was altered:
checked where an expectation is given), files lost (user files changed), injections
(formula cells in manifest, escape bytes on stdout/stderr, files outside the folder,
extra mail headers)."""

import csv
import io
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

SRC = Path(sys.argv[1]).resolve()  # the checkout to test (its src/ is used)
CASE = (SRC / "cases" / "ua-33.23.yaml").read_text(encoding="utf-8")
ON = ["--date", "2023-07-01"]
results = []


def run(folder: Path, args, timeout=120):
    env = dict(os.environ, HOME=str(folder / "home"), XDG_CONFIG_HOME=str(folder / "home/.config"),
               XDG_DATA_HOME=str(folder / "home/.local/share"),
               XDG_CACHE_HOME=str(folder / "home/.cache"), PYTHONPATH=str(SRC / "src"))
    try:
        p = subprocess.run([sys.executable, "-m", "ua_letters", *args], cwd=folder, env=env,
                           capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""
    except OSError as exc:  # the harness could not start it: not the tool's fault
        return "harness", b"", str(exc).encode()


def snapshot(folder: Path):
    out = {}
    for p in folder.rglob("*"):
        if "home" in p.relative_to(folder).parts[:1] and ".cache" in p.parts:
            continue
        if p.is_symlink():
            out[p] = ("link", os.readlink(p))
        elif p.is_file():
            out[p] = p.read_bytes()
    return out


def attempt(name, setup, args, *, ok_codes=(0, 2, 3), check=None, expect_refused=False):
    folder = Path(tempfile.mkdtemp(prefix="sweep-"))
    (folder / "home").mkdir()
    try:
        setup(folder)
        before = snapshot(folder)
        code, out, err = run(folder, args)
        after = snapshot(folder)
        tb = b"Traceback" in err or b"Traceback" in out or code == "timeout" or code not in ok_codes
        ours = re.compile(r"^(\.ua-letter\.lock|\..*\.999999\.[0-9a-f]{8}\.part)$")
        lost = [p for p, v in before.items() if after.get(p) != v and not ours.match(p.name)]
        inj = []
        if b"\x1b" in out or b"\x1b" in err or b"\x07" in out:
            inj.append("escape on terminal")
        for man in folder.rglob("manifest.csv"):
            for row in csv.reader(io.StringIO(man.read_text(encoding="utf-8-sig"))):
                if any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in row):
                    inj.append("formula cell")
        for eml in folder.rglob("*.eml"):
            head = eml.read_bytes().split(b"\r\n\r\n", 1)[0]
            if b"\nBcc" in head or head.count(b"\nTo:") + head.startswith(b"To:") > 1:
                inj.append("header")
        if (folder / "outside").exists() and any(
                p.name != "victim.txt" for p in (folder / "outside").rglob("*")):
            inj.append("wrote outside")
        silent = False
        if expect_refused and code == 0:
            silent = True
        if check and code == 0:
            silent = silent or not check(folder, out, err)
        results.append((name, code, tb, lost, inj, silent, err.decode(errors="replace")[-300:]))
        last = err.decode(errors="replace").strip().splitlines()[-1:] if err else ""
        print(name, code, "TB" if tb else "", "LOST" if lost else "", inj,
              "SILENT" if silent else "", last, flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def case_files(text):
    def setup(f):
        (f / "cases").mkdir()
        (f / "cases" / "ua-33.23.yaml").write_bytes(text if isinstance(text, bytes)
                                                    else text.encode("utf-8"))
    return setup


def bomb(levels=9):
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{i}: &l{i} [{','.join([f'*l{i-1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


CASE_INPUTS = {
    "alias bomb": CASE + bomb(),
    "anchor+alias": CASE.replace("title:", "x: &a 1\ny: *a\ntitle:", 1),
    "deep nesting": 'ua: "33.23"\nx: ' + "[" * 5000 + "]" * 5000 + "\n",
    "1.1 MB file": CASE + "# " + "x" * 1_100_000 + "\n",
    "30k-char text": CASE.replace("title:\n", "title:\n  fr: " + "x" * 30_000 + "\n", 1),
    "python tag": CASE.replace("title:\n", "title:\n  fr: !!python/object:os.system x\n", 1),
    "binary tag": CASE.replace("title:\n", "title:\n  fr: !!binary aGk=\n", 1),
    "set tag": CASE.replace("title:\n", "title:\n  fr: !!set {a, b}\n", 1),
    "invalid utf-8": (CASE + "# caf\xe9\n").encode("latin-1", errors="replace"),
    "utf-16 case": CASE.encode("utf-16"),
    "empty": "",
    "list at top": "- a\n- b\n",
    "bad yaml": "ua: [\n",
    "target email one@[127.0.0.1].x": CASE.replace("chinaembpress_us@mfa.gov.cn",
                                                   "one@[127.0.0.1].x"),
    "target email with CRLF Bcc": CASE.replace("chinaembpress_us@mfa.gov.cn",
                                               '"a@b.org\\r\\nBcc: evil@x.org"'),
}
for label, esc in [("NUL", "\\0"), ("SOH", "\\x01"), ("BEL", "\\a"), ("BS", "\\b"),
                   ("ESC title", "\\e]0;PWNED\\a"), ("RS block", "\\x1esender 0 left\\nX"),
                   ("DEL", "\\x7f"), ("NEL", "\\N"), ("LS", "\\L"), ("PS", "\\P"),
                   ("RLO", "\\u202e"), ("BOM mid", "\\ufeff"), ("C1 CSI", "\\x9b31m"),
                   ("LRI", "\\u2066"), ("VT", "\\v"), ("FF", "\\f"), ("CR", "\\r")]:
    CASE_INPUTS[f"control {label}"] = CASE.replace(
        "title:\n", f'title:\n  fr: "T{esc}"\n', 1)
CASE_INPUTS["fact RS"] = CASE.replace(
    "facts:\n", 'facts:\n      - "Fact\\x1esender 0 left\\nInjected"\n', 1)

for label, text in CASE_INPUTS.items():
    for args in (["cases"], ["show", "33.23"], ["validate", "cases"],
                 ["generate", "33.23", "--to", "all", *ON],
                 ["generate", "33.23", "--to", "qin-gang", "-o", "x.eml", *ON]):
        refused = not label.startswith("target email one@") or args[-1] == "x.eml"
        attempt(f"case {label}: {args[0]} {args[-1]}", case_files(text), args,
                expect_refused=refused and args[0] in ("show", "generate", "validate"))


# --- participants ---
def roster(raw: bytes, name="list.csv"):
    def setup(f):
        (f / name).write_bytes(raw)
    return setup


def names_kept(*names):
    def check(folder, out, err):
        import docx

        doc = folder / "out" / "letters.docx"
        if not doc.exists():
            return True
        text = "\n".join(p.text for p in docx.Document(str(doc)).paragraphs)
        return all(n in text for n in names) and "Ã" not in text
    return check


rng = random.Random(14)
LISTS = {
    "stray cp1252 byte": ("name,city\nJosé,Oxford\n张伟,Leeds\nZoë,Bath\n".encode()
                          + "Renée,Ely\n".encode("cp1252"), names_kept("José", "张伟", "Zoë")),
    "unbalanced quote": (b'name,city\nAda,Leeds\n"Carol,Hull\nDan,Bath\nEve,Derby\nFay,Ely\n',
                         None),
    "two stray quotes": (b'name,city,email\nAda,Leeds,\n"Carol,Hull,\nDan,Bath,\n"Eve,Derby,\n',
                         None),
    "binary noise": (rng.randbytes(5000), None),
    "xlsx named csv": (b"PK\x03\x04" + rng.randbytes(2000), None),
    "xls named csv": (b"\xd0\xcf\x11\xe0" + rng.randbytes(2000), None),
    "utf-16-le no bom": ("name,city\nJosé Núñez,Oxford\n".encode("utf-16-le"),
                         names_kept("José Núñez")),
    "utf-16-be no bom": ("name,city\nJosé Núñez,Oxford\n".encode("utf-16-be"),
                         names_kept("José Núñez")),
    "21 MB": (b"name\n" + b"x" * 21_000_000 + b"\n", None),
    "10001 rows": (b"name\n" + b"".join(b"W%d\n" % i for i in range(10_001)), None),
    "201 columns": ((",".join(["name"] + [f"c{i}" for i in range(200)]) + "\n"
                     + ",".join(["x"] * 201) + "\n").encode(), None),
    "huge cell": (b"name,note\nAnn," + b"y" * 10_001 + b"\n", None),
    "field over csv limit": (b"name,note\nAnn,\"" + b"y" * 200_000 + b"\"\n", None),
    "NUL bytes": (b"name\x00,city\nAnn\x00,Ox\n", None),
    "empty": (b"", None),
    "header only": (b"name,city\n", None),
    "no name column": (b"who,city\nAnn,Ox\n", None),
    "path traversal names": (b"name,email\n../../etc/passwd,a@example.org\nCON,b@example.org\n"
                             b"..,c@example.org\n", None),
    "RLO in name": ("name\nAnn\u202eexe.cod\n".encode(), None),
    "CRLF email header": (b'name,email\nAnn,"a@example.org\r\nBcc: evil@x.org"\n', None),
    "email one@[127.0.0.1].x": (b"name,email\nAnn,one@[127.0.0.1].x\n", None),
    "control char name": (b"name\nAnn\x1b]0;PWNED\x07\n", None),
    "vertical tab": (b"name,address\nAnn,\"1 Lane\x0bOx\"\n", None),
    "200-line address": (("name,address\nJo,\"" + "\n".join(f"l{i}" for i in range(200))
                          + "\"\n").encode(), None),
    "emoji + CJK": ("name\n王小明 🙂\n".encode(), names_kept("王小明")),
    "long name": (("name\n" + "A" * 5000 + "\n").encode(), None),
    "BOM + semicolons": ("\ufeffname;city\nJosé;Ox\n".encode(), names_kept("José")),
}
for i, f in enumerate(['=HYPERLINK("http://x/?"&A1,"x")', "+cmd|' /C calc'!A0", "-2+3",
                       "@SUM(1+1)", "\tTab", "\rCR", "=1+1", "=cmd|' /C notepad'!A0"]):
    body = io.StringIO()
    csv.writer(body).writerows([["name", "email"], [f, f"w{i}@example.org"]])
    LISTS[f"formula {f!r}"] = (body.getvalue().encode(), None)
for label, (raw, check) in LISTS.items():
    for extra in ([], ["--separate", "--envelopes", "--labels"]):
        attempt(f"list {label} {' '.join(extra)}", roster(raw),
                ["batch", "33.23", "list.csv", "-o", "out", "-q", *extra, *ON], check=check)


def xlsx_bomb(f):
    row = b'<row><c t="inlineStr"><is><t>W</t></is></c></row>' * 20_000
    with zipfile.ZipFile(f / "list.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as s:
            for _ in range(210):
                s.write(row)


def xlsx_formula(f):
    from openpyxl import Workbook

    b = Workbook()
    s = b.active
    s.append(["first", "last", "name"])
    s.append(["Ann", "Lee", '=A2&" "&B2'])
    b.save(f / "list.xlsx")


def xlsx_rows(f):
    from openpyxl import Workbook

    b = Workbook(write_only=True)
    s = b.create_sheet()
    s.append(["name"])
    for i in range(10_050):
        s.append([f"W{i}"])
    b.save(f / "list.xlsx")


def xlsx_garbage(f):
    with zipfile.ZipFile(f / "list.xlsx", "w") as z:
        z.writestr("xl/worksheets/sheet1.xml", "<not xml")


for label, setup in [("xlsx zip bomb", xlsx_bomb), ("xlsx formula no value", xlsx_formula),
                     ("xlsx 10050 rows", xlsx_rows), ("xlsx garbage", xlsx_garbage)]:
    attempt(f"list {label}", setup, ["batch", "33.23", "list.xlsx", "-o", "out", "-q", *ON])

# --- templates ---
TEMPLATES = [
    "{{ 'x'.center(3*10**9) }}", "{{ '{:>3000000000}'.format('x') }}",
    "{{ '{:>{}}'.format('x', 3000000000) }}", "{{ '%3000000000s' % 'x' }}",
    "{{ '%3000000000s'|format('x') }}", "{{ 'x'|center(3000000000) }}",
    "{{ 'x'.ljust(10**9) }}", "{{ 'x'.zfill(10**9) }}", "{{ lipsum(n=10**8) }}",
    "{{ lipsum(n=100000) }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% set s = 'x' * 200000 %}{{ s.replace('x', s) }}",
    "{% set s = 'x' * 200000 %}{{ s|replace('x', s) }}",
    "{% set s = 'x' * 200000 %}{{ s.join(s) }}", "{% set s = 'x' * 200000 %}{{ s|join(s) }}",
    "{% set s = 'x\\n' * 100000 %}{{ s|indent(100000) }}",
    "{% set s = 'x' * 200000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "{% macro m(n) %}{% if n %}{{ m(n-1) }}{{ m(n-1) }}{% endif %}{% endmacro %}{{ m(60) }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{% set s = 'x\\t' * 100000 %}{{ s.expandtabs(200000) }}",
    "{{ 'x' * 10**9 }}", "{{ 9 ** 999999 }}", "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__.os }}", "{{ self.__init__ }}",
    "{% include '../../../../etc/passwd' %}", "{% include '/etc/passwd' %}",
    "{{ range(10**9)|list }}", "{% set ns = namespace(s='') %}{% for i in range(100000) %}"
    "{% set ns.s = ns.s ~ ('x' * 100000) %}{% endfor %}",
]
for code in TEMPLATES:
    def setup(f, code=code):
        (f / "mine").mkdir()
        (f / "mine" / "letter.en.j2").write_text('{{ block("paragraph") }}\nHi\n' + code + "\n")
    attempt(f"template {code[:50]}", setup,
            ["generate", "33.23", "--to", "ma-xingrui", "--template-dir", "mine", *ON],
            expect_refused=True)


def link_include(f):
    (f / "secret.txt").write_text("PRIVATE")
    (f / "mine").mkdir()
    (f / "mine" / "part.j2").symlink_to(f / "secret.txt")
    (f / "mine" / "letter.en.j2").write_text('{{ block("paragraph") }}\n{% include "part.j2" %}\n')


attempt("template include through link", link_include,
        ["generate", "33.23", "--to", "ma-xingrui", "--template-dir", "mine", *ON],
        expect_refused=True)


# --- output folder ---
def base_list(f):
    (f / "list.csv").write_text("name,email\nAnn Lee,a@example.org\nBo Chen,b@example.org\n")


def planted_email_link(f):
    base_list(f)
    (f / "outside").mkdir()
    (f / "outside" / "victim.txt").write_text("precious")
    (f / "out").mkdir()
    (f / "out" / "email").symlink_to(f / "outside")


def planted_file_link(f):
    planted_email_link(f)
    (f / "out" / "email").unlink()
    (f / "out" / "manifest.csv").symlink_to(f / "outside" / "victim.txt")


def existing(f):
    base_list(f)
    (f / "out").mkdir()
    (f / "out" / "letters.docx").write_text("mine")


def out_is_file(f):
    base_list(f)
    (f / "out").write_text("a file")


def stale_lock(f):
    base_list(f)
    (f / "out").mkdir()
    (f / "out" / ".ua-letter.lock").write_text("999999\n")


def stale_part(f):
    base_list(f)
    (f / "out").mkdir()
    (f / "out" / ".letters.docx.999999.0badc0de.part").write_text("half")


for label, setup, extra in [
        ("planted email link", planted_email_link, []),
        ("planted email link --force", planted_email_link, ["--force"]),
        ("planted manifest link --force", planted_file_link, ["--force"]),
        ("existing letters.docx", existing, []),
        ("out is a file", out_is_file, []),
        ("stale lock", stale_lock, []), ("stale temporary", stale_part, []),
        ("read-only fs", base_list, ["-o", "/sys/ua-out"]),
        ("missing fs", base_list, ["-o", "/proc/ua-out"])]:
    args = ["batch", "33.23", "list.csv", "-o", "out", "-q", *ON, *extra]
    if "-o" in extra:
        args = ["batch", "33.23", "list.csv", "-q", *ON, *extra]
    attempt(f"output {label}", setup, args)

# --- profile and flags ---
PROFILES = {
    "alias bomb": bomb(), "python tag": "name: !!python/object/apply:os.system [id]\n",
    "CRLF name": 'name: "Jane\\r\\nDoe"\n', "10 MB value": "about: " + "x" * 10_000_000 + "\n",
    "ESC name": 'name: "\\e]0;PWNED\\a"\n', "bad yaml": "name: [\n", "list": "- a\n",
    "unknown key": "nme: Jane\n", "200-line address": "address: |\n" + "".join(
        f"  l{i}\n" for i in range(200)),
}
for label, text in PROFILES.items():
    def setup(f, text=text):
        p = f / "home" / ".config" / "ua-letters"
        p.mkdir(parents=True)
        (p / "profile.yaml").write_text(text)
    for args in (["generate", "33.23", "--to", "ma-xingrui", *ON], ["profile", "show"]):
        attempt(f"profile {label}: {args[0]}", setup, args)

FLAGS = {
    "ESC name": ["--name", "\x1b]0;PWNED\x07"], "CRLF name": ["--name", "Jane\r\nBcc: x"],
    "RLO name": ["--name", "Ann\u202etxt.exe"], "bad email": ["--email", "a@b@c"],
    "email CRLF": ["--email", "a@b.org\r\nBcc: e@x.org"], "200-line address":
    ["--address", "\n".join(f"l{i}" for i in range(200))], "10 MB note": ["--note", "x" * 100_000],
    "ESC note": ["--note", "hi\x1b[2J"],
}
for label, flags in FLAGS.items():
    for out in ([], ["-o", "x.eml", "--to", "qin-gang"], ["-o", "x.docx"]):
        to = [] if "--to" in out else ["--to", "ma-xingrui"]
        attempt(f"flags {label} {' '.join(out)}", lambda f: None,
                ["generate", "33.23", *to, *flags, *out, *ON])
attempt("profile set name CRLF", lambda f: None, ["profile", "set", "name", "Jane\r\nDoe"])


# --- concurrency: two batches at once, 5 times ---
for i in range(5):
    folder = Path(tempfile.mkdtemp(prefix="sweep-"))
    base_list(folder)
    env = dict(os.environ, HOME=str(folder / "home"), PYTHONPATH=str(SRC / "src"),
               XDG_CACHE_HOME=str(folder / "home/.cache"))
    procs = [subprocess.Popen([sys.executable, "-m", "ua_letters", "batch", "33.23", "list.csv",
                               "-o", "out", "-q", *ON], cwd=folder, env=env,
                              stderr=subprocess.PIPE) for _ in range(2)]
    codes = [(p.wait(), p.stderr.read()) for p in procs]
    ok = sorted(c for c, _ in codes) == [0, 2]
    present = {str(p.relative_to(folder / "out")) for p in (folder / "out").rglob("*")
               if p.is_file()}
    man = set()
    if (folder / "out" / "manifest.csv").exists():
        man = {r["file"] for r in csv.DictReader(io.StringIO(
            (folder / "out" / "manifest.csv").read_text(encoding="utf-8-sig")))}
    lost = [] if present == man | {"manifest.csv"} else ["files/manifest disagree"]
    tb = any(b"Traceback" in e for _, e in codes)
    results.append((f"two batches at once #{i}", [c for c, _ in codes], tb, lost, [],
                    not ok, ""))
    shutil.rmtree(folder, ignore_errors=True)

tracebacks = [r for r in results if r[2]]
lost = [r for r in results if r[3]]
inj = [r for r in results if r[4]]
silent = [r for r in results if r[5]]
print(f"inputs tried {len(results)}; tracebacks {len(tracebacks)}; silent changes {len(silent)}; "
      f"files lost {len(lost)}; injections through {len(inj)}")
for label, rows in (("TRACEBACK", tracebacks), ("LOST", lost), ("INJECTION", inj),
                    ("SILENT", silent)):
    for r in rows:
        print(label, r[0], r[1], r[3][:3] if r[3] else "", r[4], r[6][-200:].replace("\n", " | "))
