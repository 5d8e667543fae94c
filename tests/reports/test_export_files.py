"""reports/export_files.py: the shared CSV and XLSX writers (formulas neutralised, numbers kept)
and generate_export, which a report run calls to make a large export as its requester."""

import io

import pytest
from openpyxl import load_workbook

from reports import services
from reports.errors import ReportRunError
from reports.export_files import (
    export_filename,
    generate_export,
    params_to_querydict,
    querydict_to_params,
    write_csv,
    write_xlsx,
)
from reports.models import ReportFile, ReportRun

from ..factories import CountryFactory
from ._exports import (
    FORMULA,
    application,
    as_exported,
    edition17,
    parse,
    pending_teacher,
    string_cells,
)

pytestmark = pytest.mark.django_db

COLUMNS = ("Name", "Students", "Note")
ROWS = [
    ("Aino", 25, "=1+1"),
    ("+Bruno", 3.5, None),
    ("Chiyo", True, "-@\tmore"),
]


def test_write_csv_has_bom_header_and_neutralised_cells(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, COLUMNS, iter(ROWS))
    rows = parse(path.read_bytes(), "csv")
    assert rows == [
        ["Name", "Students", "Note"],
        ["Aino", "25", "'=1+1"],
        ["'+Bruno", "3.5", ""],
        ["Chiyo", "Yes", "'-@\tmore"],
    ]


def test_write_xlsx_keeps_numbers_neutralises_text_and_freezes_the_header(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(path, "Conference 17 applications", COLUMNS, iter(ROWS))
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    assert sheet.title == "conference-17-applications"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    # XLSX keeps text exactly as typed, in string cells: never a formula, no guard to show.
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["Name", "Students", "Note"],
        ["Aino", 25, "=1+1"],
        ["+Bruno", 3.5, None],
        ["Chiyo", "Yes", "-@\tmore"],
    ]
    assert [cell.data_type for cell in sheet[2]] == ["s", "n", "s"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_write_xlsx_stores_a_phone_number_as_typed(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(path, "Phones", ["+Phone"], [["+66 2 123 4567"]])

    sheet = load_workbook(path).worksheets[0]

    assert [(cell.value, cell.data_type) for cell in sheet["A"]] == [
        ("+Phone", "s"),
        ("+66 2 123 4567", "s"),
    ]


def test_write_xlsx_to_a_file_object():
    buffer = io.BytesIO()
    write_xlsx(buffer, "x", COLUMNS, [])
    assert parse(buffer.getvalue(), "xlsx") == [list(COLUMNS)]


def test_export_filename_says_what_and_when(settings):
    name = export_filename("Conference 17 applications", "csv")
    assert name.startswith("classnet-conference-17-applications-20")
    assert name.endswith(".csv")


def test_params_round_trip_keeps_repeated_values():
    query = params_to_querydict({"status": ["approved"], "country": "3", "tag": ["a", "b"]})
    assert query.getlist("tag") == ["a", "b"]
    assert query.get("country") == "3"
    assert querydict_to_params(query) == {
        "status": ["approved"],
        "country": ["3"],
        "tag": ["a", "b"],
    }


def _run(by, exporter="conferences.applications", format="csv", params=None):
    return ReportRun.objects.create(
        kind=ReportRun.Kind.EXPORT,
        parameters={"exporter": exporter, "format": format, "params": params or {}},
        title="Export",
        requested_by=by,
    )


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_generate_export_writes_the_filtered_rows_with_progress(staff, tmp_path, format):
    edition = edition17()
    for n in range(30):
        application(edition, name=f"Approved {n:02}", status="approved")
    application(edition, name=FORMULA, status="approved")
    application(edition, name="Rejected", status="rejected")
    seen = []
    generated = generate_export(
        run=_run(staff, format=format, params={"edition": ["17"], "status": ["approved"]}),
        directory=tmp_path,
        progress=seen.append,
    )
    assert generated.format == format
    assert generated.filename.startswith("classnet-conference-17-applications-")
    assert generated.path.parent == tmp_path
    rows = parse(generated.path.read_bytes(), format)
    names = [row[1] for row in rows[1:]]
    assert names == [f"Approved {n:02}" for n in range(30)] + [as_exported(FORMULA, format)]
    if format == "xlsx":
        assert string_cells(generated.path.read_bytes()) == {"s"}
    assert seen == sorted(seen)
    assert seen[-1] == 100
    assert len(seen) >= 10  # about every 5%


def test_generate_export_as_a_requester_no_longer_staff_is_refused(teacher, tmp_path):
    edition17()
    with pytest.raises(ReportRunError, match="may no longer see it"):
        generate_export(
            run=_run(teacher, params={"edition": ["17"]}), directory=tmp_path, progress=print
        )


@pytest.mark.parametrize(
    ("exporter", "format", "params", "message"),
    [
        ("conferences.gone", "csv", {}, "no longer exists"),
        ("conferences.applications", "pdf", {"edition": ["17"]}, "no longer exists"),
        ("conferences.applications", "csv", {"edition": ["99"]}, "no longer exists"),
        ("conferences.applications", "csv", {"edition": ["17"], "status": ["x"]}, "Status"),
    ],
)
def test_generate_export_refuses_what_cannot_be_made(
    staff, tmp_path, exporter, format, params, message
):
    edition17()
    with pytest.raises(ReportRunError, match=message):
        generate_export(
            run=_run(staff, exporter=exporter, format=format, params=params),
            directory=tmp_path,
            progress=lambda percent: None,
        )


def test_a_large_export_run_is_generated_and_stored(staff, private_storage):
    finland = CountryFactory(code="FI")
    pending_teacher(name="Aino Waiting")
    pending_teacher(name="Chiyo Japan", country="JP")
    run = services.run_request_export(
        exporter_name="teachers.queue",
        format="xlsx",
        params={"country": [str(finland.pk)]},
        title="Teachers to verify",
        by=staff,
    )
    assert services.run_generate(run_id=run.pk) is True
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE
    stored = ReportFile.objects.get(run=run)
    assert stored.format == "xlsx"
    assert stored.filename.startswith("classnet-teachers-to-verify-")
    with stored.file.open("rb") as handle:
        rows = parse(handle.read(), "xlsx")
    assert [row[1] for row in rows[1:]] == ["Aino Waiting"]


def test_generate_export_as_a_deactivated_staff_member_is_refused(staff, tmp_path):
    edition17()
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    with pytest.raises(ReportRunError, match="may no longer see it"):
        generate_export(
            run=_run(staff, params={"edition": ["17"]}), directory=tmp_path, progress=print
        )
