"""Parse the SR28 ASCII files (latin-1, ``^`` between fields, ``~`` around text).

An empty field is a missing value and stays NaN; it is never read as zero.
"""

from __future__ import annotations

import io

import pandas as pd

from .errors import MalformedSourceError

__all__ = ["COLUMNS", "parse_file", "parse_sr28"]

#: Field names per file, from the SR28 documentation (sr28_doc.pdf, chapter 2).
COLUMNS: dict[str, tuple[str, ...]] = {
    "FOOD_DES.txt": ("NDB_No", "FdGrp_Cd", "Long_Desc", "Shrt_Desc", "ComName", "ManufacName", "Survey",
                     "Ref_desc", "Refuse", "SciName", "N_Factor", "Pro_Factor", "Fat_Factor", "CHO_Factor"),
    "FD_GROUP.txt": ("FdGrp_Cd", "FdGrp_Desc"),
    "NUTR_DEF.txt": ("Nutr_No", "Units", "Tagname", "NutrDesc", "Num_Dec", "SR_Order"),
    "NUT_DATA.txt": ("NDB_No", "Nutr_No", "Nutr_Val", "Num_Data_Pts", "Std_Error", "Src_Cd", "Deriv_Cd",
                     "Ref_NDB_No", "Add_Nutr_Mark", "Num_Studies", "Min", "Max", "DF", "Low_EB", "Up_EB",
                     "Stat_cmt", "AddMod_Date", "CC"),
    "WEIGHT.txt": ("NDB_No", "Seq", "Amount", "Msre_Desc", "Gm_Wgt", "Num_Data_Pts", "Std_Dev"),
}

#: The fields the build uses from each file; fewer columns parse faster.
USED: dict[str, tuple[str, ...]] = {
    "FOOD_DES.txt": ("NDB_No", "FdGrp_Cd", "Long_Desc", "ComName", "ManufacName"),
    "FD_GROUP.txt": ("FdGrp_Cd", "FdGrp_Desc"),
    "NUTR_DEF.txt": ("Nutr_No", "Units", "NutrDesc"),
    "NUT_DATA.txt": ("NDB_No", "Nutr_No", "Nutr_Val", "Src_Cd"),
    "WEIGHT.txt": ("NDB_No", "Seq", "Amount", "Msre_Desc", "Gm_Wgt"),
}

#: Numeric fields: a non-empty value that is not a number makes the file malformed.
NUMERIC = {("NUT_DATA.txt", "Nutr_Val"), ("WEIGHT.txt", "Seq"), ("WEIGHT.txt", "Amount"), ("WEIGHT.txt", "Gm_Wgt")}


def parse_file(name: str, raw: bytes) -> pd.DataFrame:
    """Parse one SR28 file into a DataFrame of its used fields.

    Text fields are ``str`` ('' when empty); numeric fields are float (NaN when empty).
    Raises :class:`MalformedSourceError` for a truncated file, a wrong field count or a bad number.
    """
    columns = COLUMNS[name]
    text = raw.decode("latin-1")
    if not text.strip():
        raise MalformedSourceError("the file is empty", file=name)
    try:
        frame = pd.read_csv(io.StringIO(text), sep="^", quotechar="~", header=None, names=list(columns),
                            dtype=str, keep_default_na=False, na_filter=True, na_values=[],
                            engine="c", skip_blank_lines=True)
    except (pd.errors.ParserError, ValueError) as exc:
        if "EOF inside string" in str(exc):
            raise MalformedSourceError("ends inside a quoted field (truncated file?)", file=name) from exc
        raise MalformedSourceError(f"not in the SR28 format ({exc})", file=name) from exc
    # Every line has exactly len(columns) - 1 separators (SR28 text never contains '^');
    # a shorter line is a truncated file, a longer one a different format.
    expected = len(columns) - 1
    for number, line in enumerate(text.splitlines(), start=1):
        if line and line.count("^") != expected:
            raise MalformedSourceError(f"has {line.count('^') + 1} fields on this line, SR28 has {len(columns)} "
                                       "(truncated file, or shorter line than the format)", file=name, line=number)
    frame = frame[list(USED[name])].copy()
    for file_name, column in NUMERIC:
        if file_name == name:
            frame[column] = _to_number(frame[column], name, column)
    return frame


def _to_number(values: pd.Series, name: str, column: str) -> pd.Series:
    numbers = pd.to_numeric(values.replace("", None), errors="coerce")
    bad = numbers.isna() & values.ne("")
    if bad.any():
        line = int(bad.to_numpy().nonzero()[0][0]) + 1
        raise MalformedSourceError(f"{column} is not a number: {values[bad].iloc[0]!r}", file=name, line=line,
                                   column=column, value=values[bad].iloc[0])
    return numbers.astype(float)


def parse_sr28(files: dict[str, bytes]) -> dict[str, pd.DataFrame]:
    """Parse every used SR28 file; returns a dict keyed by file name."""
    return {name: parse_file(name, raw) for name, raw in files.items() if name in COLUMNS}
