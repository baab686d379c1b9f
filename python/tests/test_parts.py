"""The C ABI's counting in parts (what frontier.spark builds on), without Spark: a table counted in slices
(`stage="count"`), the cells put together and finished (`stage="finish"`), equals the whole table's answer."""
import pyarrow as pa
import pyarrow.csv as pcsv
import pytest

import frontier
from frontier import _abi


def _answer(question, options, table):
    reader, report, code = _abi.answer(question, dict(options, input="the table"), table.to_reader() if table is not None else None)
    if code != 0:
        raise frontier.FrontierError(report["error"], code)
    return reader.read_all(), report


def _in_parts(question, options, table, parts):
    size = -(-table.num_rows // parts)
    counted = [_answer(question, dict(options, stage="count"), table.slice(k * size, size)) for k in range(parts)]
    cells = pa.concat_tables([c for c, _ in counted])
    return _answer(question, dict(options, stage="finish", parts=[r["part"] for _, r in counted], columns=table.column_names), cells)


@pytest.mark.parametrize("question, options", [
    ("aggregate", dict(window="week", compare="previous", fill=True)),
    ("aggregate", dict(window="month", near="AFG-TJK", within=["10km", "50km"], split="event_type")),
    ("aggregate", dict(window="quarter", regions="grid:50km", include_unmatched=True)),
    ("hotspots", dict(distance="40km", regions="grid:25km", summary=True, value="fatalities")),
    ("trends", dict()),
])
def test_a_table_counted_in_parts_finishes_to_the_whole_tables_answer(synthetic, question, options):
    table = pcsv.read_csv(synthetic)
    whole, report = _answer(question, options, table)
    finished, merged = _in_parts(question, options, table, 5)
    assert finished.equals(whole)
    assert whole.num_rows > 0
    for key in ("read", "rejected", "kept", "unmatched", "first_day", "last_day", "notices"):
        assert merged[key] == report[key], key


def test_finishing_needs_parts_and_refuses_a_part_that_is_not_one(synthetic):
    table = pcsv.read_csv(synthetic)
    cells, report = _answer("trends", dict(stage="count"), table)
    with pytest.raises(frontier.FrontierError) as error:
        _answer("trends", dict(stage="finish", parts=[], columns=table.column_names), cells)
    assert (error.value.option, error.value.code) == ("parts", 64)
    forged = dict(report["part"], read=True)
    with pytest.raises(frontier.FrontierError) as error:
        _answer("trends", dict(stage="finish", parts=[forged], columns=table.column_names), cells)
    assert "'read' is not a count" in error.value.message
    with pytest.raises(frontier.FrontierError) as error:
        _answer("join", dict(stage="count"), table)
    assert error.value.option == "stage"


def test_strict_fails_the_finish_not_a_part(tmp_path):
    path = tmp_path / "one-bad.csv"
    path.write_text("event_id_cnty,event_date,latitude,longitude,fatalities\nA1,2025-06-01,37.1,70.5,0\nA2,2025-06-02,137.1,70.5,0\n")
    table = pcsv.read_csv(path)
    cells, report = _answer("aggregate", dict(window="month", strict=True, stage="count"), table)
    with pytest.raises(frontier.FrontierError) as error:
        _answer("aggregate", dict(window="month", strict=True, stage="finish", parts=[report["part"]], columns=table.column_names), cells)
    assert (error.value.kind, error.value.code) == ("strict", 65)
    assert error.value.message == "the table: 1 row rejected in strict mode (1 latitude outside ±90 in 'latitude'): no answer given"


def test_a_rejected_row_of_a_table_is_reported_whole(tmp_path):
    """A table is read for the columns a question uses; its rejected rows still come back with every value,
    as the CLI's --rejects file has them."""
    path = tmp_path / "notes.csv"
    path.write_text("event_id_cnty,event_date,latitude,longitude,fatalities,notes\n"
                    "A1,2025-06-01,37.1,70.5,0,first note\nA2,2025-06-02,137.1,70.5,0,the bad row's note\n")
    answer = frontier.aggregate(pcsv.read_csv(path), window="month")
    assert list(answer.rejects["values"].iloc[0]) == ["A2", "2025-06-02", "137.1", "70.5", "0", "the bad row's note"]
