"""CSV, TSV and TXT files as spreadsheets and scripts write them."""

import numpy as np
import pytest

from tuitrain.core.errors import ConfigError, DataError
from tuitrain.data import load_dataset, messages

TABLE = "a,b,label\n1,2,0\n3,4,1\n5,6,0\n"


def test_bom_and_crlf(write_file):
    path = write_file("bom.csv", "\ufeff" + TABLE.replace("\n", "\r\n"))

    ds = load_dataset(path)

    assert ds.feature_names == ["a", "b"]
    assert ds.label_name == "label"
    np.testing.assert_array_equal(ds.X, [[1, 2], [3, 4], [5, 6]])


def test_semicolons_with_decimal_commas(write_file):
    path = write_file("eu.csv", "a;b;label\n1,5;2;0\n3;4,25;1\n")

    ds = load_dataset(path)

    np.testing.assert_array_equal(ds.X, [[1.5, 2.0], [3.0, 4.25]])


def test_semicolons_without_header(write_file):
    path = write_file("eu.csv", "1,5;2,5;0\n3,5;4,5;1\n")

    ds = load_dataset(path)

    np.testing.assert_array_equal(ds.X, [[1.5, 2.5], [3.5, 4.5]])


def test_tabs(write_file):
    path = write_file("data.tsv", TABLE.replace(",", "\t"))

    assert load_dataset(path).X.shape == (3, 2)


def test_whitespace_separated_txt(write_file):
    path = write_file("data.txt", "1.0  2.0   0\n3.0 4.0 1\n")

    ds = load_dataset(path)

    assert ds.X.shape == (2, 2)
    assert ds.feature_names == ["x1", "x2"]


def test_blank_lines_skipped_rows_keep_file_numbers(write_file):
    path = write_file("blank.csv", "a,b,label\n\n1,2,0\n3,x,1\n\n\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.params["row"] == 4
    assert caught.value.params["column"] == "b"


def test_trailing_blank_lines(write_file):
    path = write_file("trail.csv", TABLE + "\n\n  \n")

    assert load_dataset(path).n_samples == 3


def test_no_header_gets_generic_names(write_file):
    path = write_file("plain.csv", "1,2,0\n3,4,1\n")

    ds = load_dataset(path)

    assert ds.feature_names == ["x1", "x2"]
    assert ds.n_samples == 2


def test_ragged_row_named(write_file):
    path = write_file("ragged.csv", "a,b,label\n1,2,0\n3,4\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    error = caught.value
    assert error.template == messages.RAGGED_ROW
    assert error.params["row"] == 3
    assert error.params["found"] == 2
    assert error.params["expected"] == 3


def test_single_column_rejected(write_file):
    path = write_file("one.csv", "label\n0\n1\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.TOO_FEW_COLUMNS
    assert caught.value.params["count"] == 1


def test_single_row_rejected(write_file):
    path = write_file("one-row.csv", "a,label\n1,0\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.TOO_FEW_ROWS
    assert caught.value.params["count"] == 1


def test_header_only_rejected(write_file):
    path = write_file("empty.csv", "a,label\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.NO_DATA_ROWS


def test_not_utf8_explained(write_file):
    path = write_file("latin1.csv", "caf\u00e9,label\n1,0\n2,1\n".encode("latin-1"))

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.NOT_UTF8
    assert caught.value.params["byte"] == "0xe9"
    assert caught.value.params["row"] == 1


def test_infinite_feature_rejected(write_file):
    path = write_file("inf.csv", "a,label\n1,0\ninf,1\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.NON_FINITE_FEATURE
    assert caught.value.params["row"] == 3


@pytest.mark.parametrize("token", ["", "NA", "N/A", "?", "nan", "NaN", "null"])
def test_missing_tokens_recognized(write_file, token):
    path = write_file("gap.csv", f"a,b,label\n1,{token},0\n3,4,1\n5,6,0\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.template == messages.MISSING_VALUES
    assert caught.value.params["cells"] == ["(2, b)"]


def test_missing_mean_fills_column_mean(write_file):
    path = write_file("gap.csv", "a,b,label\n1,NA,0\n3,4,1\n5,8,0\n")

    ds = load_dataset(path, missing="mean")

    assert ds.X[0, 1] == 6.0


def test_missing_mean_empty_column(write_file):
    path = write_file("gap.csv", "a,b,label\n1,,0\n3,,1\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path, missing="mean")

    assert caught.value.template == messages.COLUMN_ALL_MISSING
    assert caught.value.params["column"] == "b"


def test_drop_leaving_one_row(write_file):
    path = write_file("gap.csv", "a,label\n1,0\n?,1\n3,?\n")

    with pytest.raises(DataError) as caught:
        load_dataset(path, missing="drop")

    assert caught.value.template == messages.TOO_FEW_ROWS_AFTER_DROP
    assert caught.value.params["left"] == 1


def test_missing_list_is_capped(write_file):
    rows = "".join(f"{i},,0\n" for i in range(30))
    path = write_file("gaps.csv", "a,b,label\n" + rows)

    with pytest.raises(DataError) as caught:
        load_dataset(path)

    assert caught.value.params["count"] == 30
    assert len(caught.value.params["cells"]) == 21
    assert caught.value.params["cells"][-1] == "…"


def test_invalid_missing_mode(write_file):
    with pytest.raises(ConfigError):
        load_dataset(write_file("t.csv", TABLE), missing="zero")


def test_label_by_name(write_file):
    ds = load_dataset(write_file("t.csv", TABLE), label="a")

    assert ds.label_name == "a"
    assert ds.feature_names == ["b", "label"]
    np.testing.assert_array_equal(ds.labels, [1, 3, 5])


@pytest.mark.parametrize("label", [0, -3, "0"])
def test_label_by_index(write_file, label):
    ds = load_dataset(write_file("t.csv", TABLE), label=label)

    assert ds.label_name == "a"


def test_label_name_not_found(write_file):
    with pytest.raises(DataError) as caught:
        load_dataset(write_file("t.csv", TABLE), label="species")

    assert caught.value.template == messages.LABEL_COLUMN_NOT_FOUND
    assert caught.value.params["columns"] == ["a", "b", "label"]


def test_label_index_out_of_range(write_file):
    with pytest.raises(DataError) as caught:
        load_dataset(write_file("t.csv", TABLE), label=5)

    assert caught.value.template == messages.LABEL_INDEX_OUT_OF_RANGE
    assert caught.value.params["last"] == 2


def test_label_name_without_header(write_file):
    with pytest.raises(DataError) as caught:
        load_dataset(write_file("t.csv", "1,2,0\n3,4,1\n"), label="y")

    assert caught.value.template == messages.LABEL_NAME_WITHOUT_HEADER


def test_quoted_cells(write_file):
    path = write_file("q.csv", 'a,"b, in cm",label\n1,"2",yes\n3,4,no\n')

    ds = load_dataset(path)

    assert ds.feature_names == ["a", "b, in cm"]
    assert list(ds.labels) == ["yes", "no"]


def test_text_labels_kept_as_text(write_file):
    ds = load_dataset(write_file("t.csv", "a,kind\n1,cat\n2,dog\n3,cat\n"))

    assert ds.labels.dtype.kind == "U"
    assert ds.task == "classification"


def test_many_distinct_floats_are_regression(write_file):
    rows = "".join(f"{i},{i * 0.37:.2f}\n" for i in range(40))
    ds = load_dataset(write_file("r.csv", "x,y\n" + rows))

    assert ds.task == "regression"
