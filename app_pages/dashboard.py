"""Dashboard: the period's intakes against the reference intakes, ratios, sources of each nutrient."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import _charts, _diary
from app_pages._shared import (
    AUTHORITIES,
    RATIOS,
    amount,
    analyze,
    build_report_html,
    coverage_sentence,
    daily_csv_table,
    entries_csv,
    label,
    messages,
    page_header,
    plain,
    profile,
    ratio_range,
    rolled,
    to_safe_csv,
    top_contributors,
    unit,
)

DEFAULT_KEYS = ["calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k2_ug"]
EXTRA_KEYS = ["vitamin_k1_ug", "phosphorus_mg", "sodium_mg"]
VIEWS = {"day": "Daily", "week": "Weekly", "month": "Monthly"}
CHART_NOTES = {"magnesium_mg": messages.MAGNESIUM_UL_NOTE, "sodium_mg": messages.SODIUM_CDRR_NOTE,
               "vitamin_k1_ug": messages.VITAMIN_K_REFERENCE_NOTE,
               "vitamin_k2_ug": f"{messages.K2_BASIS_NOTE} {messages.VITAMIN_K_NO_UL}"}
CA_MG = "ca_mg_ratio"


def _controls(days: pd.DatetimeIndex, diary_id: int) -> tuple[dt.date, dt.date, str, list[str]]:
    first, last = days.min().date(), days.max().date()
    period_col, view_col = st.columns([2, 1], vertical_alignment="bottom")
    chosen = period_col.date_input("Period", value=(first, last), min_value=first, max_value=last,
                                   key=f"period_{diary_id}_{first}_{last}", format="YYYY-MM-DD")
    start, end = (chosen[0], chosen[-1]) if isinstance(chosen, tuple) and chosen else (first, last)
    view = view_col.segmented_control("View", list(VIEWS), format_func=VIEWS.get, default="day",
                                      required=True, key="view") or "day"
    keys = st.multiselect("Nutrients", DEFAULT_KEYS + EXTRA_KEYS, default=DEFAULT_KEYS, format_func=label,
                          key="nutrients")
    return start, end, view, keys or DEFAULT_KEYS


def _metrics(analysis, keys: list[str]) -> None:
    columns = st.columns(len(keys) + 1)
    for column, key in zip(columns, keys, strict=False):
        mean = analysis.summary.loc[key, "mean"]
        versus = analysis.versus.loc[key] if key in analysis.versus.index else None
        delta = "no reference intake"
        if versus is not None and pd.notna(versus["pct_of_target"]):
            delta = f"{versus['pct_of_target']:.0f}% of {versus['target_kind']} {versus['target']:,.0f} {unit(key)}"
        column.metric(label(key), amount(mean, unit(key)), delta, delta_color="off", delta_arrow="off", border=True,
                      help=f"Mean per day over the {int(analysis.summary.loc[key, 'days_with_data'])} days of the "
                           "period with a known value.")
    ratio = analysis.period_ratios.loc[CA_MG]
    columns[-1].metric("Calcium : magnesium", "unknown" if pd.isna(ratio["value"]) else f"{ratio['value']:.2f} : 1",
                       f"from {int(ratio['days'])} of {int(ratio['days_total'])} days", delta_color="off",
                       delta_arrow="off", border=True, help=messages.RATIO_RULE)


def _sentences(analysis, keys: list[str], authority: str) -> list[str]:
    out = []
    days = len(analysis.daily)
    for key in keys:
        name, u = label(key), unit(key)
        if analysis.summary.loc[key, "days_with_data"] == 0:
            out.append(messages.no_data(name))
            continue
        if key not in analysis.versus.index or pd.isna(analysis.versus.loc[key, "pct_of_target"]):
            out.append(messages.no_reference(name))
            continue
        v = analysis.versus.loc[key]
        out.append(messages.intake_vs_reference(name, v["pct_of_target"], v["target"], u, v["target_kind"],
                                                authority))
        if v["ul_basis"] != "none" and pd.notna(v["ul"]):
            out.append(messages.ul_days(name, int(v["days_above_ul"]), days, v["ul"], u,
                                        v["ul_basis"] == "supplements"))
        if pd.notna(v["cdrr"]):
            out.append(messages.cdrr_days(int(v["days_above_cdrr"]), days, v["cdrr"], u))
    return out


def _nutrient_charts(analysis, keys: list[str], view: str) -> None:
    frame = analysis.daily.copy()
    for key in keys:  # the supplement part is 0 on a day with a known total and no supplement
        frame[f"{key}_supplement"] = frame[f"{key}_supplement"].where(frame[key].isna(),
                                                                      frame[f"{key}_supplement"].fillna(0))
    columns = [c for key in keys for c in (key, f"{key}_food", f"{key}_supplement")]
    shown = rolled(frame, view, columns)
    for pair in (keys[i:i + 2] for i in range(0, len(keys), 2)):
        for place, key in zip(st.columns(2), pair, strict=False):
            versus = analysis.versus.loc[key] if key in analysis.versus.index else {}
            figure = _charts.nutrient_chart(
                shown, analysis.rolling if view == "day" else None, key, view,
                target=versus.get("target", float("nan")), target_kind=versus.get("target_kind", ""),
                ul=versus.get("ul", float("nan")), ul_basis=versus.get("ul_basis", "none"),
                cdrr=versus.get("cdrr", float("nan")))
            place.plotly_chart(figure, key=f"chart_{key}", config={"displaylogo": False})
            place.caption(coverage_sentence(analysis.daily, key)
                          + (" " + CHART_NOTES[key] if key in CHART_NOTES else ""))


def _ratio_section(analysis) -> None:
    st.subheader("Calcium : magnesium")
    placed = ratio_range(CA_MG)
    row = analysis.period_ratios.loc[CA_MG]
    name = next(r.label for r in RATIOS if r.key == CA_MG)
    if pd.isna(row["value"]):
        st.caption(messages.ratio_not_available(name, len(analysis.daily)))
    elif placed["position"] != "no range":
        where = "below" if row["value"] < placed["low"] else "above" if row["value"] > placed["high"] else "within"
        st.caption(messages.ratio_vs_range(name, row["value"], int(row["days"]), len(analysis.daily),
                                           placed["low"], placed["high"], where, placed["source"]))
    st.plotly_chart(_charts.ratio_chart(analysis.ratios[CA_MG], placed.get("low", float("nan")),
                                        placed.get("high", float("nan")), placed.get("source", ""), name),
                    key="chart_ratio", config={"displaylogo": False})
    shown_source = pd.isna(row["value"]) and placed.get("source")
    st.caption(messages.RATIO_RULE + (f" Shaded range: {placed['source']}" if shown_source else ""))


def _sources_section(analysis, keys: list[str], view: str) -> None:
    k_col, s_col = st.columns(2)
    k_col.plotly_chart(_charts.k_chart(rolled(analysis.daily, view, ["vitamin_k1_ug", "vitamin_k2_ug"]), view),
                       key="chart_k", config={"displaylogo": False})
    k_col.caption(coverage_sentence(analysis.daily, "vitamin_k2_ug") + " " + messages.VITAMIN_K_REFERENCE_NOTE)
    s_col.plotly_chart(_charts.sources_chart(analysis.summary, keys), key="chart_sources",
                       config={"displaylogo": False})
    s_col.caption(messages.SUPPLEMENT_COVERAGE_NOTE)


def _contributors(analysis, keys: list[str]) -> None:
    st.subheader("Top contributing foods")
    key = st.selectbox("Nutrient", keys, format_func=label, key="contributor_key")
    top = top_contributors(analysis.nutrients, key, limit=10)
    if top.empty:
        st.caption(messages.no_data(label(key)))
        return
    st.plotly_chart(_charts.contributors_chart(top, key), key="chart_top", config={"displaylogo": False})
    table = top[["food", "entries", "amount", "value", "share"]].rename(columns={
        "food": "Food", "entries": "Entries", "amount": "Usual amount", "value": f"{label(key)} ({unit(key)})",
        "share": "Share"})
    table["Share"] = table["Share"] * 100
    st.dataframe(table, hide_index=True, width="stretch", key="top_table", column_config={
        f"{label(key)} ({unit(key)})": st.column_config.NumberColumn(format="%.0f"),
        "Share": st.column_config.NumberColumn("Share (%)", format="%.0f%%")})


def _downloads(diary, analysis, who, start, end) -> None:
    # Files are passed as bytes, not as callables: a deferred download whose script run has
    # been replaced by a newer one is "not found" and the click silently does nothing.
    st.subheader("Downloads")
    day_col, entry_col, report_col = st.columns(3)
    day_col.download_button("Daily totals (CSV)", data=to_safe_csv(daily_csv_table(analysis.daily)),
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
                html = build_report_html(diary.entries, analysis.nutrients, analysis.all_days, who, (start, end),
                                         reference=analysis.reference)
            st.session_state["report"] = made = (wanted, html.encode("utf-8"))
    if made is not None and made[0] == wanted:
        report_col.download_button("Report (HTML, opens offline)", data=made[1], key="download_report",
                                   mime="text/html", file_name=f"{diary.name}.html")


def _dashboard(diary) -> None:
    dated = diary.entries.loc[diary.entries["status"].eq("used"), "date"].dropna()
    if dated.empty:
        st.caption("No entry of this diary is counted yet: review the matches and amounts first.")
        st.page_link("app_pages/review.py", label="Review matches", icon=":material/rule:")
        return
    start, end, view, keys = _controls(pd.DatetimeIndex(dated), diary.id)
    who = profile()
    analysis = analyze(diary.version, diary.entries, who, pd.Timestamp(start), pd.Timestamp(end))
    st.caption(messages.period_line(start.isoformat(), end.isoformat(), len(analysis.daily)) + " "
               + (messages.entries_not_counted(int((diary.entries["status"] != "used").sum()))
                  if (diary.entries["status"] != "used").any() else ""))
    _metrics(analysis, keys)
    with st.expander("In words", expanded=False):
        for sentence in _sentences(analysis, keys, AUTHORITIES[who.authority]):
            st.markdown("- " + plain(sentence))
        st.caption(messages.MISSING_IS_MISSING + " " + messages.ROLLING_RULE)
    _nutrient_charts(analysis, keys, view)
    _ratio_section(analysis)
    _sources_section(analysis, keys, view)
    _contributors(analysis, keys)
    _downloads(diary, analysis, who, start, end)


page_header("Dashboard")
current = _diary.current()
if current is None:
    st.caption("No diary is open: import a file or type entries first.")
    st.page_link("app_pages/add_food.py", label="Add food", icon=":material/upload_file:")
else:
    st.caption(f"Diary: {plain(current.name)}")
    _dashboard(current)
