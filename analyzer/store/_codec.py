"""Turn a DataFrame into JSON text rows and back, keeping it exactly as it was.

A saved diary is one JSON array per entry (its fields in column order) plus
one JSON "column spec" for the whole diary: every column's label, dtype and
how its values are written. The SQL schema therefore never changes when the
entries DataFrame gains or loses columns, and an old diary loads with the
columns it was saved with.

Values keep their identity: NaN, None, ``pd.NA`` and ``NaT`` stay distinct
from each other and from 0 or ""; text is stored with ``\\u`` escapes, so any
unicode (even lone surrogates) and hostile text come back byte for byte.
Cells of ``object`` columns and the diary's meta dict go through
:func:`encode_value`, which tags what JSON cannot say itself (tuples, dicts
with non-text keys, timestamps, dates, decimals, bytes).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
from collections.abc import Callable
from json.encoder import encode_basestring_ascii
from typing import Any, cast

import numpy as np
import pandas as pd

from analyzer.errors import StoreError

__all__ = ["decode_frame", "encode_frame", "encode_value", "loads"]

_I8_NAT = np.iinfo(np.int64).min
# Cells come from encode_value, which builds fresh trees, so cycles cannot occur.
_ROW_ENCODER = json.JSONEncoder(check_circular=False)


def encode_frame(frame: pd.DataFrame) -> tuple[str, list[str]]:
    """Encode ``frame`` as a column spec and one JSON text per row.

    Parameters
    ----------
    frame
        Any DataFrame whose cells are numbers, text, dates, or containers of them.

    Returns
    -------
    tuple of (str, list of str)
        The JSON column spec, and for each row a JSON array of its fields
        (index levels first when the index is not the default 0..n-1).

    Raises
    ------
    StoreError
        A column holds values that cannot be saved faithfully; the message names it.
    """
    index_frame = None if _is_default_index(frame.index) else frame.index.to_frame(index=False)
    specs: list[dict[str, Any]] = []
    columns: list[list[Any]] = []
    parts = [] if index_frame is None else [("index", index_frame)]
    parts.append(("columns", frame))
    for role, part in parts:
        for position in range(part.shape[1]):
            label = part.columns[position]
            spec, values = _encode_column(part.iloc[:, position], label)
            spec["role"] = role
            specs.append(spec)
            columns.append(values)
    spec_json = json.dumps({"columns": specs, "index_names": _index_names(frame.index)})
    if not columns:
        return spec_json, ["[]"] * len(frame)
    # A row's JSON is its fields' JSON texts joined as the encoder joins a list's items; each
    # distinct value of a column is encoded once (a diary repeats its foods, units and statuses).
    texts = [_json_texts(values) for values in columns]
    return spec_json, ["[" + ", ".join(fields) + "]" for fields in zip(*texts, strict=True)]


def _json_texts(values: list[Any]) -> list[str]:
    """Each value's JSON text, as :data:`_ROW_ENCODER` writes it inside a row, encoding each distinct value once.

    Values are grouped only where equal means written alike: text, ints and bools by type and
    value (``True == 1``, but they are written ``true`` and ``1``); floats by their bits
    (``0.0 == -0.0``, and NaN equals nothing); anything else by identity (the column's list
    keeps every object alive, so no id is reused meanwhile).
    """
    types = set(map(type, values))
    if types <= {str, type(None)}:
        # What JSONEncoder.encode does for text with ensure_ascii, without its call per value.
        text_of = {value: "null" if value is None else encode_basestring_ascii(value)
                   for value in dict.fromkeys(values)}
        return list(map(text_of.__getitem__, values))
    if types == {int}:
        return list(map(int.__repr__, values))  # the encoder writes an int so, and row numbers rarely repeat
    encode = _ROW_ENCODER.encode
    if types == {float}:
        codes, bits = pd.factorize(np.asarray(values, dtype=np.float64).view(np.int64))
        distinct = [encode(value) for value in np.asarray(bits).view(np.float64).tolist()]
        return np.asarray(distinct, dtype=object)[codes].tolist()
    if types <= _BY_VALUE:
        keys: list[tuple[Any, Any]] = list(zip(map(type, values), values, strict=True))
    else:
        keys = [(kind, value) if kind in _BY_VALUE else (None, id(value))
                for kind, value in zip(map(type, values), values, strict=True)]
    text_of = {key: encode(value) for key, value in dict(zip(keys, values, strict=True)).items()}
    return list(map(text_of.__getitem__, keys))


def decode_frame(spec_json: str, rows: list[str]) -> pd.DataFrame:
    """Rebuild the DataFrame that :func:`encode_frame` wrote.

    Parameters
    ----------
    spec_json
        The column spec.
    rows
        The JSON texts of the rows, in order.

    Returns
    -------
    pandas.DataFrame
        Equal to the saved frame: labels, dtypes, missing values and index.
    """
    spec = loads(spec_json)
    # One parse of all rows is about a third faster than one parse per row.
    decoded = loads("[" + ",".join(rows) + "]")
    by_column = list(zip(*decoded, strict=True)) if decoded else [()] * len(spec["columns"])
    index_series: list[pd.Series] = []
    data_series: list[pd.Series] = []
    for column_spec, values in zip(spec["columns"], by_column, strict=True):
        series = _decode_column(column_spec, list(values))
        (index_series if column_spec["role"] == "index" else data_series).append(series)
    labels = [s["label"] for s in spec["columns"] if s["role"] == "columns"]
    frame = pd.DataFrame(dict(enumerate(data_series)), index=pd.RangeIndex(len(rows)))
    frame.columns = pd.Index(labels) if labels else pd.RangeIndex(0)
    if index_series:
        index = (pd.MultiIndex.from_arrays(index_series) if len(index_series) > 1
                 else pd.Index(index_series[0]))
        index.names = spec["index_names"]
        frame.index = index
    return frame


def _is_default_index(index: pd.Index) -> bool:
    return (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1
            and index.name is None)


def _index_names(index: pd.Index) -> list[Any]:
    return [encode_value(name) for name in index.names]


# -- one column ------------------------------------------------------------------------

def _encode_column(series: pd.Series, label: Any) -> tuple[dict[str, Any], list[Any]]:
    dtype = series.dtype
    spec: dict[str, Any] = {"label": encode_value(label), "dtype": str(dtype)}
    try:
        if isinstance(dtype, pd.CategoricalDtype):
            categories_spec, categories = _encode_column(pd.Series(dtype.categories), None)
            spec.update(kind="category", ordered=bool(dtype.ordered),
                        categories_spec=categories_spec, categories=categories)
            return spec, series.cat.codes.tolist()
        if isinstance(dtype, pd.DatetimeTZDtype) or (isinstance(dtype, np.dtype) and dtype.kind in "mM"):
            return _encode_time_column(series, spec)
        if isinstance(dtype, np.dtype) and dtype.kind in "iufb":
            spec["kind"] = "plain"
            return spec, series.tolist()
        if isinstance(dtype, pd.StringDtype):
            spec["kind"] = "text"
            return spec, series.astype(object).where(series.notna(), None).tolist()
        spec["kind"] = "object" if pd.api.types.is_object_dtype(dtype) else "other"
        values = series.tolist()
        if _PLAIN.issuperset(map(type, values)):
            return spec, values  # encode_value keeps plain values as they are: no call per cell
        # Rows often hold the very same object (the alternatives of a text written on many rows):
        # each object is encoded once; `values` keeps them all alive, so no id is reused meanwhile.
        # Plain values (the ints of an Int64 column beside its NA) need no call either.
        encoded: dict[int, Any] = {}
        return spec, [v if type(v) in _PLAIN else encoded[id(v)] if id(v) in encoded
                      else encoded.setdefault(id(v), encode_value(v)) for v in values]
    except StoreError as err:
        raise StoreError(err.message, column=str(label), value=err.value) from err


def _encode_time_column(series: pd.Series, spec: dict[str, Any]) -> tuple[dict[str, Any], list[Any]]:
    dtype = series.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        spec.update(kind="datetime", unit=dtype.unit, tz=str(dtype.tz))
        naive = series.dt.tz_convert("UTC").dt.tz_localize(None)
        raw = naive.to_numpy(dtype=f"datetime64[{dtype.unit}]")
    else:
        unit = np.datetime_data(cast(np.dtype, dtype))[0]  # datetime64/timedelta64 here: not an extension dtype
        spec.update(kind="datetime" if dtype.kind == "M" else "timedelta", unit=unit, tz=None)
        raw = series.to_numpy()
    ints = raw.view("i8")
    return spec, [None if v == _I8_NAT else v for v in ints.tolist()]


def _decode_column(spec: dict[str, Any], values: list[Any]) -> pd.Series:
    kind = spec["kind"]
    if kind == "category":
        categories = _decode_column(spec["categories_spec"], spec["categories"])
        codes = np.asarray(values, dtype=np.int64)
        return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(categories),
                                                   ordered=spec["ordered"]))
    if kind in ("datetime", "timedelta"):
        ints = np.array([_I8_NAT if v is None else v for v in values], dtype=np.int64)
        prefix = "M8" if kind == "datetime" else "m8"
        series = pd.Series(ints.view(f"{prefix}[{spec['unit']}]"))
        if spec["tz"] is not None:
            series = series.dt.tz_localize("UTC").dt.tz_convert(spec["tz"])
        return series
    if kind == "plain":
        return pd.Series(np.array(values, dtype=spec["dtype"]))
    if kind == "text":
        return pd.Series(values, dtype=spec["dtype"])
    if kind == "object":
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=pd.api.types.pandas_dtype(spec["dtype"]))


# -- one value -----------------------------------------------------------------------

def encode_value(value: Any) -> Any:
    """Encode one Python value as JSON-ready data, tagging what JSON cannot say.

    Parameters
    ----------
    value
        ``None``, bool, int, float (NaN and infinities included), str, list,
        tuple, dict, pandas/numpy/stdlib dates and times, Decimal, bytes,
        ``pd.NA``, ``pd.NaT`` or numpy scalars (saved as the Python equivalent).

    Returns
    -------
    object
        Plain JSON data; lists stay arrays, everything else that JSON lacks
        becomes ``{"$": tag, "v": ...}``.

    Raises
    ------
    StoreError
        The value is of a type that cannot be saved.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        # Fast path for the common flat case, e.g. (food_id, description, score) alternatives.
        items = list(value) if _PLAIN.issuperset(map(type, value)) else [encode_value(v) for v in value]
        return items if kind is list else {"$": "tuple", "v": items}
    if kind is dict:
        return {"$": "dict", "v": [[encode_value(k), encode_value(v)] for k, v in value.items()]}
    if value is pd.NA:
        return {"$": "NA"}
    if value is pd.NaT:
        return {"$": "NaT"}
    if isinstance(value, pd.Timestamp):
        return {"$": "Timestamp", "v": value.value, "unit": value.unit,
                "tz": None if value.tz is None else str(value.tz)}
    if isinstance(value, pd.Timedelta):
        return {"$": "Timedelta", "v": value.value, "unit": value.unit}
    if isinstance(value, np.datetime64 | np.timedelta64):
        return encode_value(pd.Timestamp(value) if isinstance(value, np.datetime64)
                            else pd.Timedelta(value))
    if isinstance(value, np.generic):
        return encode_value(value.item())
    for tag, cls, to_json in _TAGGED:
        if isinstance(value, cls):
            return {"$": tag, "v": to_json(value)}
    raise StoreError(f"Values of type {type(value).__name__} cannot be saved.",
                     value=repr(value)[:80])


def loads(text: str) -> Any:
    """Parse JSON written from :func:`encode_value` data back into the original values.

    Tagged objects are rebuilt while the parser runs (innermost first), so
    there is no second pass over the data.

    Parameters
    ----------
    text
        The JSON text.

    Returns
    -------
    object
        The original value.
    """
    return json.loads(text, object_hook=_from_tagged)


def _from_tagged(data: dict[str, Any]) -> Any:
    tag = data.get("$")
    if tag is None:
        return data  # a column spec, not a value
    if tag == "tuple":
        return tuple(data["v"])
    if tag == "dict":
        return dict(data["v"])
    if tag == "NA":
        return pd.NA
    if tag == "NaT":
        return pd.NaT
    if tag == "Timestamp":
        stamp = pd.Timestamp(data["v"], unit="ns")
        if data["tz"] is not None:
            stamp = stamp.tz_localize("UTC").tz_convert(data["tz"])
        return stamp.as_unit(data["unit"])
    if tag == "Timedelta":
        return pd.Timedelta(data["v"], unit="ns").as_unit(data["unit"])
    return _FROM_JSON[tag](data["v"])


_PLAIN = frozenset({type(None), str, bool, int, float})
#: Types whose equal values are written alike once the type is part of the key (floats are not: 0.0 == -0.0).
_BY_VALUE = frozenset({type(None), str, bool, int})


# Order matters: datetime is a subclass of date.
# Each to_json/from_json takes only values of its own class; the tables hold several classes.
_TAGGED: tuple[tuple[str, type, Callable[[Any], Any]], ...] = (
    ("datetime", dt.datetime, dt.datetime.isoformat),
    ("date", dt.date, dt.date.isoformat),
    ("time", dt.time, dt.time.isoformat),
    ("timedelta", dt.timedelta, lambda v: [v.days, v.seconds, v.microseconds]),
    ("Decimal", decimal.Decimal, str),
    ("bytes", bytes, lambda v: base64.b64encode(v).decode("ascii")),
)
_FROM_JSON: dict[str, Callable[[Any], Any]] = {
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "timedelta": lambda v: dt.timedelta(days=v[0], seconds=v[1], microseconds=v[2]),
    "Decimal": decimal.Decimal,
    "bytes": base64.b64decode,
}

