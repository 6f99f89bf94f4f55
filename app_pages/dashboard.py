"""Dashboard: the period at a glance, intakes against the reference intakes, ratios, sources of each nutrient."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from analyzer import (
    AUTHORITIES,
    GLANCE_KEYS,
    NUTRIENT_INFO,
    coverage_sentence,
    daily_csv_table,
    glance,
    has_meals,
    intake_sentences,
    meal_totals,
    messages,
    ratio_sentence,
    reference_label,
    report_html,
    rollup,
    to_safe_csv,
    top_contributors,
    ul_intake,
    ul_scope,
)
from app_pages import _charts, _diary
from app_pages._shared import (
    amount,
    counted_dates,
    entries_csv,
    label,
    once,
    page_header,
    period_key,
    period_of,
    plain,
    profile,
    ratio_ranges,
    unit,
)

DEFAULT_KEYS = ["calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k2_ug"]
EXTRA_KEYS = ["vitamin_k1_ug", "phosphorus_mg", "sodium_mg"]
VIEWS = {"day": "Daily", "week": "Weekly", "month": "Monthly"}
CHART_NOTES = {"magnesium_mg": messages.MAGNESIUM_UL_NOTE, "sodium_mg": messages.SODIUM_CDRR_NOTE,
               "vitamin_k1_ug": messages.VITAMIN_K_REFERENCE_NOTE,
               "vitamin_k2_ug": f"{messages.K2_BASIS_NOTE} {messages.VITAMIN_K_NO_UL}"}
CA_MG = "ca_mg_ratio"
K_UNKNOWN = "vitamin_k_unknown_ug"
#: The contributors' kind of source, for people.
KIND_WORDS = {"food": "food", "supplement": "supplement", "water": "water"}
RATIO_NAME = "Calcium : magnesium"
TOP_FOODS, BY_MEAL = "Top contributing foods", "By meal"
VIEW_CHOSEN = "view_chosen"
METRICS_PER_ROW = 3


def _controls(days: pd.DatetimeIndex, diary_id: int) -> tuple[dt.date, dt.date, str, list[str]]:
    first, last = days.min().date(), days.max().date()
    period_col, view_col = st.columns([2, 1], vertical_alignment="bottom")
    chosen = period_col.date_input("Period", value=(first, last), min_value=first, max_value=last,
                                   key=f"period_{diary_id}_{first}_{last}", format="YYYY-MM-DD")
    start, end = (chosen[0], chosen[-1]) if isinstance(chosen, tuple) and chosen else (first, last)
    if not st.session_state.get(VIEW_CHOSEN):  # until the person chooses, a long period opens by week
        st.session_state["view"] = _charts.opening_view(start, end)
    view = view_col.segmented_control("View", list(VIEWS), format_func=VIEWS.get, required=True, key="view",
                                      on_change=partial(st.session_state.__setitem__, VIEW_CHOSEN, True)) or "day"
    keys = st.multiselect("Nutrients", DEFAULT_KEYS + EXTRA_KEYS, default=DEFAULT_KEYS, format_func=label,
                          key="nutrients")
    return start, end, view, keys or DEFAULT_KEYS


def _glance(analysis) -> None:
    with st.container(border=True, key="glance"):
        st.markdown("**At a glance**")
        st.markdown("\n".join("- " + plain(line) for line in glance(analysis, ratio_ranges(), GLANCE_KEYS)))


def _metrics(analysis, keys: list[str]) -> None:
    cards = [*keys, CA_MG]
    for start in range(0, len(cards), METRICS_PER_ROW):
        row = cards[start:start + METRICS_PER_ROW]
        for column, key in zip(st.columns(METRICS_PER_ROW), row, strict=False):
            if key == CA_MG:
                ratio = analysis.ratios.loc[CA_MG]
                column.metric(RATIO_NAME, "unknown" if pd.isna(ratio["value"]) else f"{ratio['value']:.2f} : 1",
                              f"from {int(ratio['days'])} of {int(ratio['days_total'])} days", delta_color="off",
                              delta_arrow="off", border=True, help=messages.RATIO_RULE)
                continue
            reference = analysis.reference_summary
            pct = reference.loc[key, "pct_of_target"] if key in reference.index else float("nan")
            delta = f"{pct:.0f}% of {reference_label(analysis, key)}" if pd.notna(pct) else "no reference intake"
            column.metric(label(key), amount(analysis.period.loc[key, "mean"], unit(key)), delta, delta_color="off",
                          delta_arrow="off", border=True,
                          help=f"Mean per day over the {int(analysis.period.loc[key, 'days_with_data'])} days of "
                               "the period with a known value.")


def _chart_heading(text: str, key: str) -> None:
    st.markdown(f"**{plain(text)}**")
    if key in messages.EXPLANATIONS:
        st.caption(messages.EXPLANATIONS[key])


def _shown(daily: pd.DataFrame, keys: list[str], view: str) -> pd.DataFrame:
    """The nutrients' totals and parts per day, week or month, as the nutrient charts draw them."""
    frame = daily.copy()
    for key in keys:  # the supplement and water parts are 0 on a day with a known total and none of them
        for part in ("supplement", "water"):
            column = f"{key}_{part}"
            if column in frame:
                frame[column] = frame[column].where(frame[key].isna(), frame[column].fillna(0))
    columns = [c for key in keys for c in (key, f"{key}_food", f"{key}_supplement", f"{key}_water") if c in frame]
    return _per(frame, view, columns)


def _per(daily: pd.DataFrame, view: str, columns: list[str]) -> pd.DataFrame:
    """``columns`` per day, or their daily means per week or month that has logged days.

    Weeks and months without a logged day have no bar: left out, so a stray 1900 date in a
    2025 diary does not send thousands of empty weeks to the browser.
    """
    if view == "day" or daily.empty:
        return daily[columns]
    rolled = rollup(daily, view, columns)
    return rolled.loc[rolled["days_logged"] > 0, columns]


def _nutrient_charts(analysis, keys: list[str], view: str, data: tuple) -> None:
    shown = once(data, "shown", (tuple(keys), view), lambda: _shown(analysis.daily, keys, view))
    reference = analysis.reference_summary
    authority = analysis.profile.authority
    for pair in (keys[i:i + 2] for i in range(0, len(keys), 2)):
        part_only = []
        for place, key in zip(st.columns(2), pair, strict=False):
            versus = reference.loc[key] if key in reference.index else {}
            with place:
                _chart_heading(_charts.title(key, view), key)
                basis = versus.get("ul_basis", "none")
                lines = {"target": versus.get("target", float("nan")), "target_kind": versus.get("target_kind", ""),
                         "ul": versus.get("ul", float("nan")), "ul_basis": basis,
                         "cdrr": versus.get("cdrr", float("nan"))}
                rolling = analysis.rolling if view == "day" else None
                st.plotly_chart(once(data, "nutrient", (key, view, tuple(lines.items())),
                                     partial(_charts.nutrient_chart, shown, rolling, key, view, **lines)),
                                key=f"chart_{key}", config=_charts.CONFIG)
                st.caption(coverage_sentence(analysis.daily, key)
                           + (" " + CHART_NOTES[key] if key in CHART_NOTES else ""))
            if basis == "supplements" and NUTRIENT_INFO[key].reference:
                # A UL on some sources only (magnesium): the authority's scope says which (h5, ul_scope.csv).
                scope = ul_scope(NUTRIENT_INFO[key].reference, authority)
                intake, _missing = ul_intake(shown, key, scope)
                if intake is not None and intake.fillna(0).gt(0).any():
                    part_only.append((key, scope, versus))
        for key, scope, versus in part_only:  # a row of its own, so the pair above stays level
            ul = versus.get("ul", float("nan"))
            parts = [p for p in scope.intake_parts if f"{key}_{p}" in shown]
            chart_col, note_col = st.columns(2, vertical_alignment="center")
            with chart_col:
                st.markdown(f"**{plain(label(key))} compared with the upper level: {plain(scope.applies_to)} "
                            f"({unit(key)} {_charts.PER[view]})**")
                line = messages.ul_line_label(ul, unit(key), scope) if pd.notna(ul) else ""
                st.plotly_chart(once(data, "ul_part", (key, view, tuple(parts), ul, line),
                                     partial(_charts.ul_part_chart, shown, key, view, parts, ul, line)),
                                key=f"chart_{key}_supplements", config=_charts.CONFIG)
            note_col.caption(plain(str(versus.get("ul_note", "")) or AUTHORITIES[authority]))


def _ratio_section(analysis, data: tuple) -> None:
    st.subheader(RATIO_NAME)
    st.caption(messages.EXPLANATIONS[CA_MG])
    sentence, placed = ratio_sentence(analysis, ratio_ranges(), CA_MG)
    st.markdown(plain(sentence))
    band = (f"{placed['low']:g}–{placed['high']:g} : 1: observational cut points "
            f"({_charts.short_source(placed['source'])})") if pd.notna(placed["low"]) else ""
    st.plotly_chart(once(data, "ratio", (placed["low"], placed["high"], band),
                         lambda: _charts.ratio_chart(analysis.daily[CA_MG], placed["low"], placed["high"], band)),
                    key="chart_ratio", config=_charts.CONFIG)
    if placed["source"]:  # the band's own caption from the range table, "not a clinical target"
        st.caption(messages.range_band(placed["source"], placed.get("label", "")))
    st.caption(messages.RATIO_RULE)


def _k_chart(daily: pd.DataFrame, view: str):
    k_keys = ["vitamin_k1_ug", "vitamin_k2_ug"]
    if K_UNKNOWN in daily and daily[K_UNKNOWN].fillna(0).gt(0).any():
        k_keys.append(K_UNKNOWN)  # an export's vitamin K whose form is not known, never counted as K1
    return _charts.k_chart(_per(daily, view, k_keys), view)


def _sources_section(analysis, keys: list[str], view: str, data: tuple) -> None:
    k_col, s_col = st.columns(2)
    daily = analysis.daily
    with k_col:
        st.markdown(f"**Vitamin K1 and K2 (µg {_charts.PER[view]})**")
        st.plotly_chart(once(data, "k", (view,), lambda: _k_chart(daily, view)), key="chart_k",
                        config=_charts.CONFIG)
        st.caption(coverage_sentence(daily, "vitamin_k2_ug") + " " + messages.VITAMIN_K_REFERENCE_NOTE)
    with s_col:
        st.markdown("**Food, supplements and water (share of the period's intake)**")
        st.plotly_chart(once(data, "sources", (tuple(keys),), lambda: _charts.sources_chart(analysis.period, keys)),
                        key="chart_sources", config=_charts.CONFIG)
        st.caption(messages.SUPPLEMENT_COVERAGE_NOTE)


def _contributors(analysis, keys: list[str], data: tuple) -> None:
    key = st.selectbox("Nutrient", keys, format_func=label, key="contributor_key")
    top = once(data, "top", (key,), lambda: top_contributors(analysis.nutrients, key, limit=10, by="written"))
    if top.empty:
        st.caption(messages.no_data(label(key)))
        return
    st.plotly_chart(once(data, "top_chart", (key,), lambda: _charts.contributors_chart(top, key)), key="chart_top",
                    config=_charts.CONFIG)
    value = f"{label(key)} ({unit(key)})"
    # The user's own words first; the matched food and where its value came from beside them.
    table = pd.DataFrame({"Food as written": top["food"], value: top["value"], "Share": top["share"] * 100,
                          "Matched food": top["matched_food"], "Source": top["value_source"],
                          "Kind": top["source"].map(KIND_WORDS).fillna(top["source"]), "Entries": top["entries"],
                          "Usual amount": top["amount"]})
    st.dataframe(table, hide_index=True, width="stretch", key="top_table", column_config={
        "Food as written": st.column_config.TextColumn(width="medium"),
        value: st.column_config.NumberColumn(format="%.0f", width="small"),
        "Share": st.column_config.NumberColumn("Share (%)", format="%.0f%%", width="small"),
        "Matched food": st.column_config.TextColumn(width="large"),
        "Source": st.column_config.TextColumn(width="medium"),
        "Kind": st.column_config.TextColumn(width="small"),
        "Entries": st.column_config.NumberColumn(width="small")})


def _meals(analysis, keys: list[str], data: tuple) -> None:
    key = st.selectbox("Nutrient", keys, format_func=label, key="meal_key")
    meals = once(data, "meals", (key,), lambda: meal_totals(analysis.nutrients, key, len(analysis.daily)))
    if meals.empty:
        st.caption(messages.no_data(label(key)))
        return
    st.plotly_chart(once(data, "meals_chart", (key,), lambda: _charts.meals_chart(meals, key)), key="chart_meals",
                    config=_charts.CONFIG)
    st.caption(messages.MEALS_NOTE)


def _details(analysis, keys: list[str], data: tuple, meals: bool) -> None:
    """Top contributing foods and the meals, in tabs: only the open tab is made and drawn.

    Each adds a chart (the foods also a table) to every dashboard run; drawn only when asked for,
    the dashboard of a long diary draws sooner (issue 15).
    """
    names = [TOP_FOODS] + ([BY_MEAL] if meals else [])
    tabs = st.tabs(names, key="dashboard_details", on_change="rerun")
    with tabs[0]:
        if tabs[0].open:
            _contributors(analysis, keys, data)
    if meals:
        with tabs[1]:
            if tabs[1].open:
                _meals(analysis, keys, data)


def _downloads(diary, analysis, who, start, end, data: tuple) -> None:
    # Files are passed as bytes, not as callables: a deferred download whose script run has
    # been replaced by a newer one is "not found" and the click silently does nothing.
    st.subheader("Downloads")
    day_col, entry_col, report_col = st.columns(3)
    daily = once(data, "daily_csv", (), lambda: to_safe_csv(daily_csv_table(analysis.daily, analysis.water)))
    day_col.download_button("Daily totals (CSV)", data=daily,
                            file_name=f"{diary.name}-daily.csv", mime="text/csv", key="download_daily")
    # The same columns as `python -m analyzer totals --entries`, which the importer reads back.
    entry_col.download_button("Entries (CSV)", data=entries_csv(diary.version, diary.entries),
                              file_name=f"{diary.name}-entries.csv", mime="text/csv", key="download_entries")
    # The report (plotly inline, a few MB) is made on request for the profile and period on screen.
    wanted = (diary.version, who, str(start), str(end))
    made = st.session_state.get("report")
    if made is None or made[0] != wanted:
        if report_col.button("Prepare the HTML report", key="prepare_report"):
            with st.spinner("Preparing the report..."):
                html = report_html(analysis, ratio_ranges())
            st.session_state["report"] = made = (wanted, html.encode("utf-8"))
    if made is not None and made[0] == wanted:
        report_col.download_button("Report (HTML, opens offline)", data=made[1], key="download_report",
                                   mime="text/html", file_name=f"{diary.name}.html")


def _dashboard(diary) -> None:
    dated = counted_dates(diary.entries)
    if dated.empty:
        st.caption("No entry of this diary is counted yet: review the matches and amounts first.")
        st.page_link("app_pages/review.py", label="Review matches", icon=":material/rule:")
        return
    start, end, view, keys = _controls(pd.DatetimeIndex(dated), diary.id)
    who = profile()
    analysis = period_of(diary.version, diary.entries, who, pd.Timestamp(start), pd.Timestamp(end))
    data = period_key(diary.version, pd.Timestamp(start), pd.Timestamp(end))  # names what the charts draw
    st.caption(messages.period_line(start.isoformat(), end.isoformat(), len(analysis.daily))
               + (" " + messages.entries_not_counted(analysis.not_counted) if analysis.not_counted else ""))
    _glance(analysis)
    _metrics(analysis, keys)
    with st.expander("In words", expanded=False):
        for sentence in intake_sentences(analysis, keys):
            st.markdown("- " + plain(sentence))
        st.caption(messages.MISSING_IS_MISSING + " " + messages.ROLLING_RULE)
    _nutrient_charts(analysis, keys, view, data)
    _ratio_section(analysis, data)
    _sources_section(analysis, keys, view, data)
    _details(analysis, keys, data, has_meals(diary.entries))
    _downloads(diary, analysis, who, start, end, data)


page_header("Dashboard")
current = _diary.current()
if current is None:
    st.caption("No diary is open: import a file, type entries or open the sample diary first.")
    st.page_link("app_pages/add_food.py", label="Add food", icon=":material/upload_file:")
else:
    st.caption(f"Diary: {plain(current.name)}")
    _dashboard(current)
