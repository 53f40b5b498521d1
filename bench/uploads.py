"""Benchmark: the deadline rush — concurrent 20 MB portfolio uploads through the real endpoint.

    .venv/bin/python bench/uploads.py [--uploads 100] [--mb 20] [--workers 2] [--threads 8]
                                      [--slots 2] [--queue-workers 2] [--port 8331]
                                      [--report-wait-s 900] [--admin-url postgres://…]

Makes a PostgreSQL database of its own (dropped afterwards) with one open campaign and
``--uploads`` applicant schools, each with a draft entry and a signed-in session; builds one real
portfolio PDF of ``--mb`` MB (two Thai pages typeset by typst and a page with a large photo-like
image); starts granian (``--workers`` × ``--threads``) and posts every upload at once, each from
its own connection, streamed from disk, to ``/awards/entries/<id>/portfolio/``.

The web only keeps each upload under a pending name and queues its check (awards.services.
portfolio.PORTFOLIO_CHECK), so the bench also runs ``--queue-workers`` ``pramoen worker``
processes beside granian, as production does (docs/deploy.md), and waits (up to
``--report-wait-s``) until every entry has its report.

Prints the wall time of the uploads, failures (any answer but the redirect back to the entry, or
a connection error), the time until the last report, how many entries have their file stored and
their report, and memory: the idle RSS of the granian process tree, its peak during the rush
(sampled every 50 ms from /proc) and the growth, also for the web workers alone, against the
baseline of the same tree answering ``/healthz``; and the same for the queue workers' trees
(checker children included) until the last report. Fails (exit 1) on a lost upload, an entry
without a report, or server growth over ``--max-growth-mb``.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web import ROOT, _psql, _wait_up, granian_start


def _tree(pid: int) -> list[int]:
    """``pid`` and every descendant, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _label(pid: int) -> str:
    """A short name of the process: its module or command, for the per-process peaks."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            words = cmdline.read().decode("utf-8", "replace").split("\0")
    except OSError:
        return "?"
    if "-m" in words:
        return words[words.index("-m") + 1]
    return " ".join(Path(w).name for w in words[:3] if w)


def _is_checker(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return b"pramoen.documents" in cmdline.read()
    except OSError:
        return False


class Sampler(threading.Thread):
    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_total = self.peak_web = 0.0
        self.peak_checkers = 0
        self.peaks: dict[str, float] = {}  # the largest RSS seen of each kind of process
        self.stop = threading.Event()

    def note(self, pids: list[int]) -> None:
        for pid in pids:
            label = _label(pid)
            self.peaks[label] = max(self.peaks.get(label, 0.0), _rss_mb(pid))

    def sample(self) -> tuple[float, float, int]:
        pids = _tree(self.root)
        self.note(pids)
        checkers = [p for p in pids if _is_checker(p)]
        total = sum(_rss_mb(p) for p in pids)
        web = total - sum(_rss_mb(p) for p in checkers)
        return total, web, len(checkers)

    def run(self) -> None:
        while not self.stop.is_set():
            total, web, checkers = self.sample()
            self.peak_total = max(self.peak_total, total)
            self.peak_web = max(self.peak_web, web)
            self.peak_checkers = max(self.peak_checkers, checkers)
            self.stop.wait(0.05)


def _workers_start(count: int, env: dict[str, str], workdir: Path) -> list[subprocess.Popen[bytes]]:
    """``count`` ``pramoen worker`` processes (each its own session, so its checker children are
    in its /proc tree and stopped with it)."""
    log = (workdir / "worker.log").open("ab")
    return [
        subprocess.Popen(
            [str(Path(sys.executable).parent / "pramoen"), "worker", "--no-periodic"],
            env={**env, "PRAMOEN_WORKER_ID": f"bench-{n}"},
            cwd=ROOT,
            start_new_session=True,
            stdout=log,
            stderr=log,
        )
        for n in range(count)
    ]


class TreesSampler(Sampler):
    """The summed RSS of several process trees (the queue workers and their checkers)."""

    def __init__(self, roots: list[int]) -> None:
        super().__init__(roots[0] if roots else 0)
        self.roots = roots

    def sample(self) -> tuple[float, float, int]:
        pids = [p for root in self.roots for p in _tree(root)]
        self.note(pids)
        checkers = [p for p in pids if _is_checker(p)]
        total = sum(_rss_mb(p) for p in pids)
        return total, total - sum(_rss_mb(p) for p in checkers), len(checkers)


def _stop(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=40)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _portfolio(folder: Path, megabytes: int) -> Path:
    """Two Thai text pages, then pages of noisy (incompressible) 3.7 MB photos to ``megabytes``
    — a portfolio of activity photos, as schools send them."""
    import random

    import typst
    from PIL import Image

    fonts = folder / "fonts"
    fonts.mkdir()
    shutil.copy("/usr/share/fonts/truetype/tlwg/Laksaman.ttf", fonts / "Laksaman.ttf")
    rng = random.Random(1)
    side = 2000  # a noisy JPEG at quality 92 keeps about 0.93 bytes per pixel: 3.7 MB
    photos = max(1, math.ceil(megabytes / 3.7))
    for n in range(photos):
        Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3)).save(
            folder / f"photo-{n}.jpg", quality=92
        )
    paragraph = "โรงเรียนดำเนินโครงการพัฒนาคุณภาพผู้เรียนอย่างต่อเนื่อง ครูทุกคนมีส่วนร่วม " * 12
    source = (
        '#set page(paper: "a4", margin: 2.5cm)\n#set text(font: "Laksaman", size: 16pt)\n'
        f"= ผลงานหน้า 1\n{paragraph}\n#pagebreak()\n= ผลงานหน้า 2\n{paragraph}\n"
    )
    for n in range(photos):
        source += f'#pagebreak()\n= ภาพกิจกรรม {n + 1}\n#image("photo-{n}.jpg", width: 100%)\n'
    (folder / "main.typ").write_text(source, encoding="utf-8")
    pdf = folder / "portfolio.pdf"
    pdf.write_bytes(
        typst.compile(
            str(folder / "main.typ"),
            root=str(folder),
            font_paths=[str(fonts)],
            ignore_system_fonts=True,
        )
    )
    return pdf


def _setup(uploads: int) -> list[tuple[int, str]]:
    """One open campaign, ``uploads`` schools each with a draft entry; (entry id, session key)."""
    import datetime as dt

    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone
    from tests.awards.conftest import TEACHER_INNOVATION, campaign_fields
    from tests.factories import EsaFactory, UserFactory

    from pramoen.accounts.enums import Role
    from pramoen.accounts.services import membership_grant
    from pramoen.awards.models import CampaignCategory
    from pramoen.awards.services import campaign_create, entry_start
    from pramoen.orgs.models import Organization

    call_command("migrate", "--no-input", verbosity=0)
    esa = EsaFactory()
    staff = UserFactory(password=None)
    membership_grant(user=staff, role=Role.ESA_STAFF, organization=esa)
    now = timezone.now()
    campaign = campaign_create(
        esa=esa,
        actor=staff,
        categories=[TEACHER_INNOVATION],
        **campaign_fields(
            year_be=2570,
            opens_on=timezone.localdate(now) - dt.timedelta(days=1),
            deadline=now + dt.timedelta(days=10),
            correction_starts_on=None,
            correction_ends_on=None,
            judging_starts_on=None,
            judging_ends_on=None,
            announce_on=None,
        ),
    )
    category = CampaignCategory.objects.get(campaign=campaign)
    sessions = []
    for n in range(uploads):
        school = Organization.objects.create(
            kind="school", code=f"9{n:09d}", name_th=f"โรงเรียนทดสอบ {n}", parent=esa
        )
        user = UserFactory(password=None)
        membership_grant(user=user, role=Role.APPLICANT_SCHOOL, organization=school)
        entry = entry_start(category=category, school=school, actor=user, nominee_name=f"ครูคนที่ {n}")
        client = Client()
        client.force_login(user)
        sessions.append((entry.pk, client.cookies["sessionid"].value))
    return sessions


def _upload(port: int, entry_id: int, session: str, pdf: Path) -> str:
    """POST the file streamed from disk; '' when the answer is the redirect back to the entry."""
    boundary = uuid.uuid4().hex
    csrf = uuid.uuid4().hex  # 32 characters: a valid unmasked token for cookie and header alike
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="portfolio.pdf"'
        "\r\nContent-Type: application/pdf\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = len(head) + pdf.stat().st_size + len(tail)

    def body():
        yield head
        with pdf.open("rb") as handle:
            while block := handle.read(256 * 1024):
                yield block
        yield tail

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    try:
        connection.request(
            "POST",
            f"/awards/entries/{entry_id}/portfolio/",
            body=body(),
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Content-Length": str(size),
                "Cookie": f"sessionid={session}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
                "Host": f"127.0.0.1:{port}",
            },
        )
        response = connection.getresponse()
        response.read()
        expected = f"/awards/entries/{entry_id}/"
        if response.status == 302 and response.getheader("Location", "").endswith(expected):
            return ""
        return f"HTTP {response.status}"
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=100)
    parser.add_argument("--mb", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="granian blocking threads/worker")
    parser.add_argument("--slots", type=int, default=2, help="PRAMOEN_CHECK_SLOTS")
    parser.add_argument(
        "--backpressure",
        type=int,
        default=0,
        help="granian requests in flight per worker (default: --threads; more connections wait "
        "unaccepted in the listen backlog, their bodies in the kernel, not in the server)",
    )
    parser.add_argument("--queue-workers", type=int, default=2, help="pramoen worker processes")
    parser.add_argument("--report-wait-s", type=float, default=900)
    parser.add_argument("--port", type=int, default=8331)
    parser.add_argument("--max-growth-mb", type=float, default=200)
    parser.add_argument(
        "--admin-url", default=os.environ.get("PRAMOEN_BENCH_PG", "postgres://postgres@127.0.0.1/")
    )
    args = parser.parse_args()
    try:
        _psql(args.admin_url, "SELECT 1")
    except (OSError, subprocess.CalledProcessError):
        print(f"bench/uploads.py: no PostgreSQL at {args.admin_url}; skipped")
        return 0
    database = f"pramoen_bench_uploads_{os.getpid()}"
    database_url = urllib.parse.urlsplit(args.admin_url)._replace(path=f"/{database}").geturl()
    workdir = Path(tempfile.mkdtemp(prefix="pramoen-bench-uploads-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PRAMOEN_")},
        "DATABASE_URL": database_url,
        "PRAMOEN_VAR_DIR": str(workdir / "var"),
        "PRAMOEN_DEBUG": "false",
        "PRAMOEN_LOG_LEVEL": "ERROR",
        "PRAMOEN_CHECK_SLOTS": str(args.slots),
        "PRAMOEN_CHECK_WAIT_S": "600",
        "PRAMOEN_SLOTS_DIR": str(workdir),
        "PRAMOEN_DB_POOL_MAX": str(args.threads),
        "PRAMOEN_DB_POOL_MIN": "1",
        "TMPDIR": str(workdir),
        # As docs/deploy.md's unit: without it glibc gives each of the worker's threads its own
        # malloc arena, and the 64 KB blocks of concurrent uploads leave ~20 MB per thread behind.
        "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
    }
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pramoen.settings")
    sys.path.insert(0, str(ROOT))
    _psql(args.admin_url, f"CREATE DATABASE {database}")
    server = None
    workers: list[subprocess.Popen[bytes]] = []
    try:
        import django

        django.setup()
        from django.db import connection

        (workdir / "pdf").mkdir()
        pdf = _portfolio(workdir / "pdf", args.mb)
        pdf_mb = pdf.stat().st_size / (1024 * 1024)
        sessions = _setup(args.uploads)
        connection.close()
        server = granian_start(
            port=args.port,
            workers=args.workers,
            threads=args.threads,
            backpressure=args.backpressure or args.threads,
            env=env,
            workdir=workdir,
        )
        _wait_up(f"http://127.0.0.1:{args.port}/healthz")
        for _ in range(20):  # the /healthz baseline: every worker imported and serving
            _wait_up(f"http://127.0.0.1:{args.port}/healthz")
        workers = _workers_start(args.queue_workers, env, workdir)
        time.sleep(3)  # imported and polling the queue
        sampler = Sampler(server.pid)
        queue_sampler = TreesSampler([w.pid for w in workers])
        idle_total, idle_web, _ = sampler.sample()
        idle_queue, _, _ = queue_sampler.sample()
        sampler.start()
        queue_sampler.start()
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
            outcomes = list(
                pool.map(lambda item: _upload(args.port, item[0], item[1], pdf), sessions)
            )
        wall = time.perf_counter() - started
        sampler.stop.set()
        sampler.join()

        from pramoen.awards.models import Entry

        ids = [entry_id for entry_id, _ in sessions]
        reports_deadline = time.monotonic() + args.report_wait_s
        while time.monotonic() < reports_deadline:
            if Entry.objects.filter(pk__in=ids, portfolio_report__isnull=True).count() == 0:
                break
            time.sleep(1)
        all_reports = time.perf_counter() - started
        queue_sampler.stop.set()
        queue_sampler.join()
        entries = list(Entry.objects.filter(pk__in=ids))
        stored = sum(1 for e in entries if e.portfolio)
        reported = sum(1 for e in entries if e.portfolio_report)
        verdicts: dict[str, int] = {}
        for e in entries:
            key = str((e.portfolio_report or {}).get("ok"))
            verdicts[key] = verdicts.get(key, 0) + 1
        connection.close()
    finally:
        for process in [*workers, *([server] if server is not None else [])]:
            _stop(process)
        time.sleep(0.5)
        _psql(args.admin_url, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(workdir, ignore_errors=True)

    failures = [o for o in outcomes if o]
    growth_total = sampler.peak_total - idle_total
    growth_web = sampler.peak_web - idle_web
    print(
        f"{len(sessions)} concurrent uploads of {pdf_mb:.1f} MB; granian {args.workers} "
        f"workers × {args.threads} threads, backpressure {args.backpressure or args.threads}; "
        f"checker slots {args.slots}; {args.queue_workers} queue workers; "
        f"MALLOC_ARENA_MAX={env['MALLOC_ARENA_MAX']}"
    )
    print(
        f"uploads wall {wall:.1f} s ({len(sessions) / wall:.2f} uploads/s); failures "
        f"{len(failures)}; last report {all_reports:.1f} s after the first upload"
    )
    if failures:
        print("  e.g. " + "; ".join(sorted(set(failures))[:5]))
    print(f"entries with the file stored {stored}/{len(ids)}, with a report {reported}/{len(ids)}")
    print(f"report verdicts (ok): {verdicts}")
    print(
        f"RSS of the server tree: idle {idle_total:.0f} MB (answering /healthz), peak "
        f"{sampler.peak_total:.0f} MB, growth {growth_total:.0f} MB "
        f"({sampler.peak_total / idle_total:.2f}× idle); web workers alone: idle {idle_web:.0f} "
        f"MB, peak {sampler.peak_web:.0f} MB, growth {growth_web:.0f} MB; checker processes "
        f"in the web tree at most {sampler.peak_checkers}"
    )
    print(
        f"RSS of the queue workers' trees: idle {idle_queue:.0f} MB, peak "
        f"{queue_sampler.peak_total:.0f} MB, growth {queue_sampler.peak_total - idle_queue:.0f} MB;"
        f" checker processes at once at most {queue_sampler.peak_checkers} (slots {args.slots})"
    )
    for name, sampled in (("server", sampler), ("queue workers", queue_sampler)):
        largest = sorted(sampled.peaks.items(), key=lambda item: -item[1])[:4]
        print(
            f"  largest {name} process of each kind: "
            + ", ".join(f"{label} {mb:.0f} MB" for label, mb in largest)
        )
    failed = (
        bool(failures)
        or reported != len(ids)
        or stored != verdicts.get("True", 0) + verdicts.get("None", 0)
        or growth_total > args.max_growth_mb
    )
    print("FAIL" if failed else f"OK: 0 lost, every report, growth under {args.max_growth_mb:g} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
