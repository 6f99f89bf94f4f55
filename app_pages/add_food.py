"""Add food: upload a diary file or type entries; manage the saved diaries."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages import _charts, _diary
from app_pages._shared import USER_ERRORS, import_file, matcher, page_header, plain, show_error, user_store, warm

FILE_TYPES = ["csv", "tsv", "txt", "xlsx"]
ATTENTION_COLUMNS = {"row": "Row", "date": "Date", "food_text": "Food as written", "amount_text": "Amount",
                     "status": "Status", "reason": "Why"}
STATUS_WORDS = {"needs_match": "food not identified", "needs_amount": "amount unknown", "rejected": "not read"}


def _import(uploaded) -> None:
    """Import a newly chosen file, with a progress bar, and save it as a diary."""
    bar = st.progress(0.0, text=f"Reading and matching the foods of {uploaded.name}...")
    corrections = tuple(sorted(user_store().corrections().items()))
    try:
        result = import_file(uploaded.getvalue(), uploaded.name, corrections,
                             _progress=lambda fraction: bar.progress(min(1.0, fraction)))
    except USER_ERRORS as error:
        bar.empty()
        show_error(error)
        return
    bar.empty()
    meta = {"format": result.format, "format_label": result.format_label, "notes": list(result.notes),
            "filename": uploaded.name, "summary": result.summary(), "encoding": result.encoding,
            "delimiter": result.delimiter}
    # Supplements whose content per unit the user entered before are counted (issue 11, h2-supplements).
    from analyzer import apply_doses
    entries = apply_doses(result.entries, user_store().supplement_doses())
    diary = _diary.save(_diary.unused_name(Path(uploaded.name).stem), entries, meta)
    warm(diary.version, diary.entries)
    st.session_state["imported_file"] = uploaded.file_id


def _show_import(diary: _diary.Diary) -> None:
    st.success(plain(diary.meta.get("summary", "")) or f"{len(diary.entries):,} entries.")
    for note in diary.meta.get("notes", []):
        st.caption(plain(note))
    if diary.entries["date"].notna().any():
        st.plotly_chart(_charts.entries_chart(diary.entries), key="chart_entries", config={"displaylogo": False})
    attention = diary.entries[diary.entries["status"].isin(list(STATUS_WORDS))]
    if len(attention):
        st.markdown(f"**{len(attention):,} rows need attention** (fix them on the Review matches page):")
        table = attention.sort_values(["status", "row"])[list(ATTENTION_COLUMNS)].rename(columns=ATTENTION_COLUMNS)
        table["Status"] = table["Status"].map(STATUS_WORDS)
        st.dataframe(table, hide_index=True, width="stretch", key="attention_table",
                     column_config={"Date": st.column_config.DateColumn(format="YYYY-MM-DD")})
    else:
        st.caption("Every row was read, matched and given an amount.")
    st.page_link("app_pages/dashboard.py", label="Open the dashboard", icon=":material/monitoring:")


def _upload_section() -> None:
    st.subheader("Import a diary file")
    st.caption("Exports from Cronometer, MyFitnessPal and Lose It, or any table with a date, a food and an "
               "amount (CSV, TSV or Excel). The file stays on this computer.")
    uploaded = st.file_uploader("Diary file", type=FILE_TYPES, key="diary_file")
    if uploaded is not None and st.session_state.get("imported_file") != uploaded.file_id:
        _import(uploaded)
    diary = _diary.current()
    if uploaded is not None and diary is not None and diary.meta.get("filename") == uploaded.name:
        _show_import(diary)


def _search_box() -> None:
    query = st.text_input("Search the food table", key="typed_search",
                          placeholder="e.g. kefir, sardines canned, 01009")
    if query.strip():
        found = matcher().search(query, limit=10)
        if found:
            st.dataframe(pd.DataFrame([(c.description, c.food_id) for c in found],
                                      columns=["Food (copy into the table)", "Food number"]),
                         hide_index=True, width="stretch")
        else:
            st.caption("No food in the table shares a word with this search.")


def _typed_section() -> None:
    st.subheader("Type entries")
    st.caption("One row per food. Write the food as you would in a diary; search the food table below to "
               "see how foods are named. The amount can be a number with a unit (g, cup, tbsp...) or a count.")
    blank = pd.DataFrame({"date": pd.Series([pd.Timestamp.today().normalize()] * 3, dtype="datetime64[ns]"),
                          "food": ["", "", ""], "amount": ["", "", ""], "unit": ["", "", ""]})
    column_config = {
        "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", required=True),
        "food": st.column_config.TextColumn("Food", width="large"),
        "amount": st.column_config.TextColumn("Amount", help="A number such as 150, 1.5 or 1 1/2"),
        "unit": st.column_config.TextColumn("Unit", help="g, oz, cup, tbsp, slice, medium..."),
    }
    typed = st.data_editor(blank, num_rows="dynamic", hide_index=True, width="stretch",
                           column_config=column_config, key="typed_entries")
    _search_box()
    diary = _diary.current()
    target = f"the open diary ({diary.name})" if diary is not None else "a new diary"
    name = "" if diary is not None else st.text_input("Name of the new diary", value="My entries",
                                                        key="typed_name")
    if st.button(f"Add these entries to {target}", key="typed_add", type="primary"):
        if not typed["food"].fillna("").astype(str).str.strip().any():
            st.warning("No food was typed yet.")
            return
        try:
            _diary.add_typed(typed, name)
        except USER_ERRORS as error:
            show_error(error)
            return
        st.session_state.pop("typed_entries", None)
        st.rerun()


def _saved_section() -> None:
    st.subheader("Saved diaries")
    saved = user_store().list_diaries()
    if saved.empty:
        st.caption("No diary is saved yet. An imported file is saved as a diary straight away.")
        return
    shown = saved[["name", "n_rows", "format", "updated_at"]].rename(
        columns={"name": "Name", "n_rows": "Entries", "format": "Format", "updated_at": "Saved (UTC)"})
    st.dataframe(shown, hide_index=True, width="stretch", key="saved_table",
                 column_config={"Saved (UTC)": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")})
    ids = dict(zip(saved["name"], saved["id"].astype(int), strict=True))  # names are unique
    chosen = ids[st.selectbox("Diary", list(ids), key="manage_diary")]
    open_col, rename_col, delete_col = st.columns([1, 2, 1], vertical_alignment="bottom")
    if open_col.button("Open", key="manage_open"):
        _run(lambda: _diary.open_saved(chosen))
    new_name = rename_col.text_input("New name", key="manage_name")
    if rename_col.button("Rename", key="manage_rename"):
        _run(lambda: _diary.rename(chosen, new_name))
    confirm = delete_col.checkbox("Yes, delete it", key="manage_confirm")
    if delete_col.button("Delete", key="manage_delete", disabled=not confirm):
        _run(lambda: _diary.delete(chosen))


def _run(action) -> None:
    try:
        action()
    except USER_ERRORS as error:
        show_error(error)
        return
    st.rerun()


page_header("Add food")
_upload_section()
st.divider()
_typed_section()
st.divider()
_saved_section()
