"""ODK Central's ``.zip`` export read directly by ``assess import`` (issue 16),
and refused, with one exact message and nothing written or unpacked to disk,
when the archive is hostile. Every archive is built here, readable in the test."""

from __future__ import annotations

import re
import stat
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from assess.forms import odk_zip
from conftest import Run
from test_import import ANSWERS, _profiles, kobo_rows, write_csv
from test_import import form_path as form_path  # the fixture: the shipped form, written once per module

FORM_ID = "assess_profile"  # the form_id `assess xlsform` writes


@pytest.fixture(scope="module")
def odk_csv(form_path: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The submissions as ODK Central writes its CSV: group-field headers, comma-separated."""
    header, rows = kobo_rows(form_path, ANSWERS, sep="-")
    header = ["SubmissionDate", *header[2:-8], "KEY", "SubmitterID", "ReviewState"]
    rows = [["2024-05-01T04:15:00.000Z", *row[2:-8], f"uuid:1111-{i}", "7", ""] for i, row in enumerate(rows)]
    return write_csv(tmp_path_factory.mktemp("odk") / "odk.csv", header, rows, delimiter=",").read_bytes()


def build(path: Path, entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    """A zip of ``entries`` (a name or a ZipInfo, and the bytes), deflated."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name, which one case needs
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in entries:
                # writestr clears the flags; the directory written at close keeps them.
                flags = info.flag_bits if isinstance(info, zipfile.ZipInfo) else 0
                archive.writestr(info, data, zipfile.ZIP_DEFLATED)
                archive.filelist[-1].flag_bits |= flags
    return path


def _info(name: str, *, mode: int | None = None, flags: int = 0) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2024, 5, 1, 0, 0, 0))
    info.create_system = 3  # Unix: the mode is in the external attributes
    info.external_attr = ((mode if mode is not None else stat.S_IFREG | 0o644) & 0xFFFF) << 16
    info.flag_bits |= flags
    return info


def _import(assess: Callable[..., Run], zip_path: Path, form: Path) -> Run:
    return assess("import", zip_path.name, "--form", form, "-o", "out")


def test_the_main_csv_is_read_and_repeats_and_media_are_left(
    form_path: Path, odk_csv: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "direct").mkdir()
    (tmp_path / "direct" / f"{FORM_ID}.csv").write_bytes(odk_csv)
    direct = assess("import", f"direct/{FORM_ID}.csv", "--form", form_path, "-o", "from-csv")
    assert direct.code == 0, direct.stderr
    build(
        tmp_path / "export.zip",
        [
            ("media/", b""),
            (f"{FORM_ID}.csv", odk_csv),
            (f"{FORM_ID}-respondents.csv", b"PARENT_KEY,KEY,name\nuuid:1111-0,uuid:1111-0/r[1],x\n"),
            ("media/1714536000000.jpg", b"\xff\xd8\xff\xe0 not really a photo"),
        ],
    )
    r = _import(assess, tmp_path / "export.zip", form_path)
    assert r.code == 0, r.stderr
    assert r.stderr.splitlines()[-1] == "2 profiles written to out"
    assert _profiles(tmp_path / "out") == _profiles(tmp_path / "from-csv")
    # Nothing of the archive was unpacked beside it.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["direct", "export.zip", "from-csv", "out"]


def test_a_problem_in_the_csv_names_the_entry(
    form_path: Path, odk_csv: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = odk_csv.replace(b",no,", b",maybe,", 1)
    assert bad != odk_csv
    build(tmp_path / "export.zip", [(f"{FORM_ID}.csv", bad)])
    r = _import(assess, tmp_path / "export.zip", form_path)
    assert r.code == 2
    assert r.stderr.startswith(f"error: export.zip/{FORM_ID}.csv:row 2, column ")
    assert not (tmp_path / "out").exists()


def _bomb() -> bytes:
    return b"0" * (2 * 1024 * 1024)  # 2 MB that deflate packs into about 2 kB


def _csv(name: str = f"{FORM_ID}.csv") -> tuple[str, bytes]:
    return (name, b"programme-title,programme-country\nA,B\n")


#: (case, entries, the one message), the archive named export.zip.
HOSTILE: list[tuple[str, list[tuple[zipfile.ZipInfo | str, bytes]], str]] = [
    (
        "a parent folder in a name",
        [_csv(), ("media/../../evil.csv", b"x")],
        'entry "media/../../evil.csv" has an unsafe name (an absolute path or ".."); the archive is refused',
    ),
    (
        "an absolute name",
        [(_info("/etc/cron.d/x"), b"x"), _csv()],
        'entry "/etc/cron.d/x" has an unsafe name (an absolute path or ".."); the archive is refused',
    ),
    (
        "a Windows drive",
        [_csv(), (_info("C:\\Users\\x.csv"), b"x")],
        'entry "C:\\Users\\x.csv" has an unsafe name (an absolute path or ".."); the archive is refused',
    ),
    (
        "a backslashed parent folder",
        [_csv(), (_info("media\\..\\..\\x"), b"x")],
        'entry "media\\..\\..\\x" has an unsafe name (an absolute path or ".."); the archive is refused',
    ),
    (
        "a symbolic link",
        [(_info(f"{FORM_ID}.csv", mode=stat.S_IFLNK | 0o777), b"/home/user/.ssh/id_rsa")],
        f'entry "{FORM_ID}.csv" is a symbolic link; the archive is refused',
    ),
    (
        "an encrypted entry",
        [(_info(f"{FORM_ID}.csv", flags=0x1), b"\x00" * 40)],
        f'entry "{FORM_ID}.csv" is encrypted; download the submissions decrypted from ODK Central, or give its CSV',
    ),
    (
        "a nested zip",
        [_csv(), ("media/more.zip", b"PK\x03\x04")],
        'entry "media/more.zip" is itself a zip archive; nested archives are not read',
    ),
    (
        "a zip named as the CSV",
        [(f"{FORM_ID}.csv", b"PK\x03\x04" + b"\x00" * 26)],
        f'entry "{FORM_ID}.csv" is itself a zip archive; nested archives are not read',
    ),
    (
        "a name twice",
        [_csv(), _csv()],
        f'entry "{FORM_ID}.csv" appears twice; the archive is refused',
    ),
    (
        "a compression ratio that says bomb",
        [_csv(), ("media/zeros.bin", _bomb())],
        'entry "media/zeros.bin" unpacks to {ratio} times its packed size (at most 200 is read); '
        "the archive is refused as a zip bomb",
    ),
    (
        "too many entries",
        [_csv(), *((f"media/{i}.jpg", b"") for i in range(1_000))],
        "holds 1,001 entries; an ODK Central export is read with at most 1,000 "
        "(download it without media files, or give its CSV)",
    ),
    (
        "a control character in a name",
        [_csv(), ("media/\x1b[31mred.jpg", b"")],
        'entry "media/\\x1b[31mred.jpg" has a control character in its name; the archive is refused',
    ),
    (
        "no CSV",
        [("media/photo.jpg", b"x"), ("readme.txt", b"x")],
        "holds no CSV file at its top level; expected ODK Central's export, with the submissions in FORM_ID.csv",
    ),
    (
        "two unrelated CSVs",
        [_csv("a.csv"), _csv("b.csv")],
        "holds several CSV files at its top level (a.csv, b.csv) and none is the main one, named after the form "
        "with the others as its repeats; give the CSV of the submissions itself",
    ),
]


@pytest.mark.parametrize(("case", "entries", "message"), HOSTILE, ids=[c[0] for c in HOSTILE])
def test_a_hostile_archive_is_refused_with_one_message(
    case: str,
    entries: list[tuple[zipfile.ZipInfo | str, bytes]],
    message: str,
    form_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    assess: Callable[..., Run],
) -> None:
    monkeypatch.chdir(tmp_path)
    build(tmp_path / "export.zip", entries)
    r = _import(assess, tmp_path / "export.zip", form_path)
    assert r.code == 2, r.stderr
    assert "Traceback" not in r.stderr and "\x1b" not in r.stderr
    if "{ratio}" in message:  # the ratio depends on zlib's build: about a thousand
        before, after = message.split("{ratio}")
        pattern = re.escape(f"error: export.zip: {before}") + r"\d,\d\d\d" + re.escape(after + "\n")
        assert re.fullmatch(pattern, r.stderr), r.stderr
    else:
        assert r.stderr == f"error: export.zip: {message}\n"
    # Nothing was written, nothing unpacked.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.zip"]


def test_declared_sizes_over_the_limit_are_refused_before_unpacking(
    form_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    """Entries that say they unpack to 70 MB in all, each at a plausible ratio:
    the sizes are written into the archive's directory by hand, as an attacker would."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(*_csv())
        for i in range(2):
            archive.writestr(f"media/{i}.jpg", b"x" * 100)
            archive.filelist[-1].file_size = 35 * 1024 * 1024
            archive.filelist[-1].compress_size = 1024 * 1024
    r = _import(assess, path, form_path)
    assert r.code == 2
    assert r.stderr == (
        "error: export.zip: unpacks to 70.0 MB; an ODK Central export is limited to 64 MB unpacked "
        "(download it without media files, or give its CSV)\n"
    )


def test_a_csv_that_unpacks_past_the_export_limit_is_refused(
    form_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    rows = b"".join(b"Programme %d,Country %d,%d\n" % (i, i * 7919 % 10007, i * i) for i in range(220_000))
    assert len(rows) > 5 * 1024 * 1024
    build(tmp_path / "export.zip", [(f"{FORM_ID}.csv", b"programme-title,programme-country,n\n" + rows)])
    r = _import(assess, tmp_path / "export.zip", form_path)
    assert r.code == 2
    assert r.stderr == (
        f"error: export.zip/{FORM_ID}.csv: unpacks to more than 5 MB; submissions exports are limited to 5 MB\n"
    )


def test_a_damaged_or_false_archive(
    form_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, assess: Callable[..., Run]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "export.zip").write_text("SubmissionDate,programme-title\n", "utf-8")
    r = _import(assess, tmp_path / "export.zip", form_path)
    assert r.stderr == (
        "error: export.zip: is not a zip archive; expected ODK Central's .zip export of the form's submissions\n"
    )
    good = build(tmp_path / "good.zip", [_csv()]).read_bytes()
    (tmp_path / "export.zip").write_bytes(good[: len(good) // 2])
    r = _import(assess, tmp_path / "export.zip", form_path)
    assert r.code == 2
    assert r.stderr == (
        "error: export.zip: is not a readable zip archive (File is not a zip file); "
        "expected ODK Central's .zip export of the form's submissions\n"
    )
    # A flipped byte in the packed CSV: its checksum no longer agrees.
    name, data = _csv()
    build(tmp_path / "export.zip", [(name, data * 50)])
    raw = bytearray((tmp_path / "export.zip").read_bytes())
    at = raw.index(name.encode()) + len(name) + 5
    raw[at] ^= 0xFF
    (tmp_path / "export.zip").write_bytes(bytes(raw))
    r = _import(assess, tmp_path / "export.zip", form_path)
    assert r.code == 2
    assert r.stderr.startswith(f"error: export.zip/{FORM_ID}.csv: cannot be unpacked (")
    assert r.stderr.endswith("); download the export again\n") and r.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_the_limits_are_what_the_messages_say() -> None:
    assert (odk_zip.MAX_ENTRIES, odk_zip.MAX_RATIO, odk_zip.MAX_UNPACKED) == (1_000, 200, 64 * 1024 * 1024)
