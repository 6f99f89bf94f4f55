"""Add food: what Mineralog is for, a sample diary, upload a diary file or type entries; the saved diaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from analyzer import LOW_CONFIDENCE_SCORE, apply_doses, apply_recipe_weights, attention_rows, low_confidence, messages
from app_pages import _diary
from app_pages._shared import (
    SAMPLE_DIARY,
    USER_ERRORS,
    import_file,
    matcher,
    page_header,
    plain,
    show_error,
    user_store,
    warm,
)

FILE_TYPES = ["csv", "tsv", "txt", "xlsx"]
SAMPLE = SAMPLE_DIARY
SAMPLE_NAME = "Sample diary"
ATTENTION_COLUMNS = {"row": "Row", "date": "Date", "food_text": "Food as written", "amount_text": "Amount",
                     "status": "Status", "reason": "Why"}
STATUS_WORDS = {"needs_match": "food not identified", "needs_amount": "amount unknown", "rejected": "not read"}
NEW, OPEN = "new", "open"


def _intro() -> None:
    st.markdown(messages.INTRO)
    st.caption(messages.INTRO_NOT)
    if st.button("Open a sample diary", key="sample_open", icon=":material/menu_book:",
                 help=messages.SAMPLE_DIARY_NOTE):
        saved = user_store().list_diaries()
        ids = dict(zip(saved["name"], saved["id"].astype(int), strict=True))
        try:
            opened = _diary.open_saved(ids[SAMPLE_NAME]) if SAMPLE_NAME in ids else _import_bytes(
                SAMPLE.read_bytes(), SAMPLE.name, SAMPLE_NAME)
        except USER_ERRORS as error:
            show_error(error)
            return
        if opened is not None:
            st.switch_page("app_pages/dashboard.py")


def _import_bytes(data: bytes, filename: str, name: str) -> _diary.Diary | None:
    """Import a file's bytes with a progress bar and save it as a diary; None (and a sentence) on failure."""
    bar = st.progress(0.0, text=f"Reading and matching the foods of {plain(filename)}...")
    try:
        result = import_file(data, filename, user_store().corrections(),
                             progress=lambda fraction: bar.progress(min(1.0, fraction)))
    except USER_ERRORS as error:
        bar.empty()
        show_error(error)
        st.caption(messages.NOT_SAVED)
        return None
    bar.empty()
    unsure = int(low_confidence(result.entries).sum())
    meta = {"format": result.format, "format_label": result.format_label, "notes": list(result.notes),
            "filename": filename, "summary": result.summary(), "encoding": result.encoding,
            "delimiter": result.delimiter, "low_confidence": unsure}
    # Supplements whose content per unit the user entered before are counted (issue 11, h2-supplements).
    entries = apply_doses(result.entries, user_store().supplement_doses())
    # Own recipes whose weight the user entered before are counted too (issue 18, h40-recipes).
    entries = apply_recipe_weights(entries, user_store().recipe_weights())
    diary = _diary.save(_diary.unused_name(name), entries, meta)
    warm(diary.version, diary.entries)
    return diary


def _show_import(diary: _diary.Diary) -> None:
    st.success(plain(diary.meta.get("summary", "")) or f"{len(diary.entries):,} entries.")
    for note in diary.meta.get("notes", []):
        st.caption(plain(note))
    unsure = int(diary.meta.get("low_confidence", 0) or 0)
    if unsure:
        st.warning(messages.low_confidence_matches(unsure, LOW_CONFIDENCE_SCORE), icon=":material/help:")
    if diary.entries["date"].notna().any():
        from app_pages import _charts  # plotly loads here, not before the page's first paint

        per = _charts.entries_per(diary.entries)
        st.markdown(f"**Diary rows per {per}**")
        st.plotly_chart(_charts.entries_chart(diary.entries, per), key="chart_entries", config=_charts.CONFIG)
    attention = attention_rows(diary.entries)
    if len(attention):
        st.markdown(f"**{len(attention):,} rows need attention** (fix them on the Review matches page):")
        table = attention[list(ATTENTION_COLUMNS)].rename(columns=ATTENTION_COLUMNS)
        table["Status"] = table["Status"].map(STATUS_WORDS)
        st.dataframe(table, hide_index=True, width="stretch", key="attention_table",
                     column_config={"Date": st.column_config.DateColumn(format="YYYY-MM-DD")})
    elif not unsure:
        st.caption("Every row was read, matched and given an amount.")
    st.page_link("app_pages/dashboard.py", label="Open the dashboard", icon=":material/monitoring:")


def _upload_section() -> None:
    st.subheader("Import a diary file")
    st.caption("Exports from Cronometer, MyFitnessPal and Lose It, or any table with a date, a food and an "
               "amount (CSV, TSV or Excel). The file stays on this computer.")
    uploaded = st.file_uploader("Diary file", type=FILE_TYPES, key="diary_file")
    if uploaded is not None and st.session_state.get("imported_file") != uploaded.file_id:
        st.session_state["imported_file"] = uploaded.file_id  # a failed file is not tried again on every rerun
        _import_bytes(uploaded.getvalue(), uploaded.name, Path(uploaded.name).stem)
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


def _typed_key() -> str:
    """The grid's key; a new key after each add gives an empty grid, so a second click adds nothing twice."""
    return f"typed_entries_{st.session_state.setdefault('typed_round', 0)}"


def _typed_section() -> None:
    st.subheader("Type entries")
    st.caption("One row per food. Write the food as you would in a diary; search the food table below to "
               "see how foods are named. The amount can be a number with a unit (g, cup, tbsp...) or a count.")
    done = st.session_state.pop("typed_done", None)
    if done:
        st.success(plain(done), icon=":material/check_circle:")
    day = st.date_input("Date of these entries", value=dt.date.today(), key="typed_date", format="YYYY-MM-DD")
    blank = pd.DataFrame({"food": ["", "", ""], "amount": ["", "", ""], "unit": ["", "", ""]})
    column_config = {
        "food": st.column_config.TextColumn("Food", width="large"),
        "amount": st.column_config.TextColumn("Amount", help="A number such as 150, 1.5 or 1 1/2"),
        "unit": st.column_config.TextColumn("Unit", help="g, oz, cup, tbsp, slice, medium..."),
    }
    typed = st.data_editor(blank, num_rows="dynamic", hide_index=True, width="stretch",
                           column_config=column_config, key=_typed_key())
    _search_box()
    diary = _diary.current()
    choices = {NEW: "A new diary"} | ({OPEN: f"The open diary ({diary.name})"} if diary is not None else {})
    where = st.radio("Add them to", list(choices), format_func=choices.get, key="typed_where", horizontal=True)
    where = where if where in choices else NEW
    name = st.text_input("Name of the new diary", value="My entries", key="typed_name") if where == NEW else ""
    target = choices[where].lower() if where == NEW else f"the open diary ({diary.name})"
    if st.button(f"Add these entries to {target}", key="typed_add", type="primary"):
        if not typed["food"].fillna("").astype(str).str.strip().any():
            st.warning("No food was typed yet.")
            return
        try:
            added_to, count = _diary.add_typed(typed, day, where == OPEN, name)
        except USER_ERRORS as error:
            show_error(error)
            return
        st.session_state["typed_round"] += 1
        st.session_state["typed_done"] = messages.typed_added(count, added_to.name, day.isoformat())
        st.rerun()


def _act(action, *reset: str) -> None:
    """A button callback: run an action on the saved diaries, then clear the widgets named in ``reset``."""
    try:
        action()
    except USER_ERRORS as error:
        st.session_state["manage_error"] = str(error)
    for key in reset:
        st.session_state.pop(key, None)


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
    open_col.button("Open", key="manage_open", on_click=_act, args=(lambda: _diary.open_saved(chosen),))
    new_name = rename_col.text_input("New name", key="manage_name")
    rename_col.button("Rename", key="manage_rename", on_click=_act,
                      args=(lambda: _diary.rename(chosen, new_name), "manage_name"))
    confirm = delete_col.checkbox("Yes, delete it", key="manage_confirm")
    delete_col.button("Delete", key="manage_delete", disabled=not confirm, on_click=_act,
                      args=(lambda: _diary.delete(chosen), "manage_confirm", "manage_diary"))
    problem = st.session_state.pop("manage_error", None)
    if problem:
        st.error(plain(problem))


page_header("Add food")
_intro()
st.divider()
_upload_section()
st.divider()
_typed_section()
st.divider()
_saved_section()
