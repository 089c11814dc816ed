"""Speed and memory of `ua-letter batch`, side by side with docx-mailmerge2 and docxtpl.

    python benchmarks/batch.py [--list PARTICIPANTS.csv] [--others PYTHON] [--runs 3]

Measures, each in a fresh subprocess (peak memory from `os.wait4`):

1. the command `ua-letter batch 33.23 LIST --to all --no-email -o DIR` for 1,000
   participants x 2 targets (2,000 letters), wall time of the whole process (start-up,
   reading the list, rendering, letters.docx and manifest written), side by side with a
   fresh Python process running docx-mailmerge2's `merge_templates` on the same 2,000
   one-page letters (same text, one merge field per block) with page breaks, from reading
   the records to the document written (issue #11: ours no slower); also the render/write
   split measured inside a process;
2. the same command at 5x the size (10,000 letters): time ratio (issue #11: <= 5.5) and
   peak memory (< 300 MB);
3. one file per letter (`--separate`) against docxtpl rendering and saving one file per
   letter, in letters per second (issue #6: >= 10x).

Run it with the Python that has ua-letters installed. The competitors are optional:
install them into a throwaway venv and name its interpreter with --others (default: this
Python); they get the rendered letters as JSON, so that venv needs nothing else:

    python -m venv /tmp/benchvenv && /tmp/benchvenv/bin/pip install docx-mailmerge2 docxtpl
    python benchmarks/batch.py --others /tmp/benchvenv/bin/python

A comparison whose library is missing is skipped with a note. Rows whose language has no
template yet are written in the case's default language, so the letter count stays exact.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
DEFAULT_LIST = ROOT.parent / "shared" / "data" / "participants-1000.csv"
sys.path.insert(0, str(ROOT / "src"))  # the checkout, whichever interpreter runs this


# --- measurements, each run in a child process ------------------------------------------


def _request(participants: Path, out: Path, **options):
    from ua_letters.batch.job import BatchRequest

    return BatchRequest(case="33.23", participants=participants, output=out,
                        today=date(2023, 7, 1), email=False, force=True,
                        case_dirs=[ROOT / "cases"], **options)


def measure_batch(participants: Path, out: Path) -> dict:
    """gather (read + render every letter), then letters.docx and manifest written."""
    from ua_letters.batch import job as batch

    request = _request(participants, out)
    start = time.perf_counter()
    gathered = batch.gather(request)
    rendered = time.perf_counter()
    batch.write(gathered, request)
    done = time.perf_counter()
    return {"letters": len(gathered.items), "render": rendered - start,
            "write": done - rendered, "total": done - start}


def measure_separate(participants: Path, out: Path) -> dict:
    """One .docx per letter, written as `--separate` writes them: the batch's own writing
    step, timed whole (letters.docx and the manifest included, so a little slow)."""
    from ua_letters.batch import job as batch

    request = _request(participants, out, separate=True)
    gathered = batch.gather(request)
    start = time.perf_counter()
    batch.write(gathered, request)
    return {"letters": len(gathered.items), "total": time.perf_counter() - start}


def write_records(participants: Path, path: Path) -> None:
    """The rendered letters as merge records, one field per block: the competitors' input."""
    from ua_letters.batch import job as batch

    gathered = batch.gather(_request(participants, path.parent / "unused"))
    records = [{f"b{i}": block.text for i, block in enumerate(item.letter.blocks)}
               for item in gathered.items]
    path.write_text(json.dumps(records), encoding="utf-8")
    _template(path.parent / "mailmerge-template.docx", max(len(r) for r in records),
              mergefield=True)


def _template(path: Path, fields: int, *, mergefield: bool) -> None:
    """A one-page letter template made with python-docx: a paragraph per block field."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    for i in range(fields):
        paragraph = document.add_paragraph()
        if mergefield:
            paragraph._p.append(parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" MERGEFIELD b{i} ">'
                f"<w:r><w:t>«b{i}»</w:t></w:r></w:fldSimple>"))
        else:
            paragraph.add_run(f"{{{{ b{i} }}}}")
    document.save(str(path))


def measure_mailmerge(records: Path, out: Path) -> dict:
    """Timed from the start of the process: the template was made beforehand, next to the
    records, by `write_records`."""
    from mailmerge import MailMerge

    template = records.parent / "mailmerge-template.docx"
    records = json.loads(records.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with MailMerge(str(template)) as merge:
        merge.merge_templates(records, separator="page_break")
        merge.write(str(out / "merged.docx"))
    return {"letters": len(records), "total": time.perf_counter() - start}


def measure_docxtpl(records: Path, out: Path, limit: int = 200) -> dict:
    """docxtpl, one file per letter (the first `limit` letters: it is slow)."""
    from docxtpl import DocxTemplate

    records = json.loads(records.read_text(encoding="utf-8"))[:limit]
    fields = max(len(r) for r in records)
    template = out / "template.docx"
    out.mkdir(parents=True, exist_ok=True)
    _template(template, fields, mergefield=False)
    start = time.perf_counter()
    for number, record in enumerate(records):
        document = DocxTemplate(str(template))
        document.render({f"b{i}": record.get(f"b{i}", "") for i in range(fields)})
        document.save(str(out / f"{number}.docx"))
    return {"letters": len(records), "total": time.perf_counter() - start}


MEASURES = {"batch": measure_batch, "separate": measure_separate,
            "mailmerge": measure_mailmerge, "docxtpl": measure_docxtpl}


def child(kind: str, source: str) -> None:
    with tempfile.TemporaryDirectory() as out:
        result = MEASURES[kind](Path(source), Path(out) / "out")
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


# --- the driver ---------------------------------------------------------------------------


def process(command: list[str], cwd: Path | None = None) -> tuple[float, float, str, str, int]:
    """Wall time (process start included) and peak memory in MB of one command."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return wall, usage.ru_maxrss / 1024, out.read(), err.read(), child.returncode


def run(python: str, kind: str, source: Path) -> dict | None:
    wall, peak, stdout, stderr, code = process([python, str(HERE), "--child", kind, str(source)])
    if code:
        missing = "ModuleNotFoundError" in stderr
        reason = stderr.strip().splitlines()[-1] if stderr.strip() else "failed"
        print(f"  {kind}: skipped ({reason})" + (
            "; install it as this script's docstring says" if missing else ""))
        return None
    return {**json.loads(stdout.strip().splitlines()[-1]), "process": wall, "peak_mb": peak}


def run_command(participants: Path) -> dict:
    """`ua-letter batch 33.23 LIST --to all --no-email -o DIR`, as an organiser types it."""
    script = shutil.which("ua-letter", path=str(Path(sys.executable).parent)) or "ua-letter"
    with tempfile.TemporaryDirectory() as folder:
        command = [script, "batch", "33.23", str(participants), "--to", "all", "--no-email",
                   "-o", str(Path(folder) / "out")]
        wall, peak, _, stderr, code = process(command, cwd=ROOT)
    if code not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return {"process": wall, "peak_mb": peak}


def side_by_side(participants: Path, others: str, records: Path, runs: int):
    """The command and docx-mailmerge2 run in turn, so both meet the same load on a shared
    machine: the best run of each, and the median of the ratios of each pair (steadier
    where the machine's speed drifts: the best runs of the two need not coincide)."""
    pairs = [(run_command(participants), run(others, "mailmerge", records))
             for _ in range(runs)]
    merges = [merge for _, merge in pairs if merge]
    ratios = [ours["process"] / merge["process"] for ours, merge in pairs if merge]
    return (min((ours for ours, _ in pairs), key=lambda r: r["process"]),
            min(merges, key=lambda r: r["process"]) if merges else None,
            statistics.median(ratios) if ratios else None)


def best_command(participants: Path, runs: int) -> dict:
    return min((run_command(participants) for _ in range(runs)), key=lambda r: r["process"])


def best(python: str, kind: str, source: Path, runs: int) -> dict | None:
    """The fastest of `runs` runs (the least disturbed by the machine), with its memory."""
    results = [run(python, kind, source) for _ in range(runs)]
    results = [r for r in results if r]
    return min(results, key=lambda r: r["process"]) if results else None


def prepared_list(source: Path, copies: int, folder: Path) -> Path:
    """`source` repeated `copies` times, languages without a template blanked."""
    from ua_letters.batch.job import _languages
    from ua_letters.cases.lookup import find

    available = _languages(find("33.23", [ROOT / "cases"]).case, [])
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    language = header.index("language") if "language" in header else None
    blanked = 0
    if language is not None:
        for row in body:
            if row[language] and row[language] not in available:
                row[language], blanked = "", blanked + 1
    path = folder / f"participants-x{copies}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body * copies])
    if blanked and copies == 1:
        print(f"note: {blanked} rows ask for a language without a template "
              f"(available: {', '.join(available)}); they get the default language")
    return path


def compile_checkout() -> None:
    """Byte-compile src/ as `pip install` compiles an installed package (the competitors'
    included). An editable checkout is otherwise compiled from source in every process
    where PYTHONDONTWRITEBYTECODE is set, as on our CI machines: start-up the user of an
    installed ua-letters never pays."""
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST)
    parser.add_argument("--others", default=sys.executable,
                        help="Python that can import docx-mailmerge2 and docxtpl")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    me = sys.executable
    compile_checkout()
    with tempfile.TemporaryDirectory() as folder:
        small = prepared_list(args.list, 1, Path(folder))
        large = prepared_list(args.list, 5, Path(folder))
        records = Path(folder) / "records.json"
        write_records(small, records)
        ours = best(me, "batch", small, args.runs)
        command, merge, paired = side_by_side(small, args.others, records, args.runs)
        big = best_command(large, args.runs)
        separate = best(me, "separate", small, args.runs)
        template = best(args.others, "docxtpl", records, 1)
    print(f"\n{ours['letters']} letters ({args.list.name}, best of {args.runs} runs, "
          "each a fresh process, timed from its start)")
    print(f"  ua-letter batch 33.23 LIST --to all --no-email -o DIR: "
          f"{command['process']:.2f} s, peak {command['peak_mb']:.0f} MB")
    if merge:
        print(f"  docx-mailmerge2 merge_templates + write (same text):  "
              f"{merge['process']:.2f} s; ratio ours/theirs "
              f"{command['process'] / merge['process']:.2f} (target <= 1); median of the "
              f"{args.runs} side-by-side ratios {paired:.2f}")
    print(f"  inside one process: render {ours['render']:.2f} s, letters.docx + manifest "
          f"{ours['write']:.2f} s")
    print(f"{ours['letters'] * 5} letters: "
          f"{big['process']:.2f} s, {big['process'] / command['process']:.2f}x the time of "
          f"{ours['letters']} (target <= 5.5), peak {big['peak_mb']:.0f} MB (target < 300)")
    rate = separate["letters"] / separate["total"]
    print(f"--separate: {separate['letters']} files in {separate['total']:.2f} s, "
          f"{rate:.0f} letters/s")
    if template:
        other = template["letters"] / template["total"]
        print(f"  docxtpl, one file per letter: {other:.0f} letters/s "
              f"({template['letters']} letters); ua-letters is {rate / other:.0f}x "
              "(target >= 10x)")


if __name__ == "__main__":
    main()
