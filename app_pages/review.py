"""Review matches: least certain first; choose another food, fix amounts, manage corrections."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import food_db
from analyzer import CorrectionsImportError, alternatives_for, messages, review_queue
from app_pages import _diary
from app_pages._shared import USER_ERRORS, food_table, matcher, page_header, plain, show_error, user_store

SEARCH_LIMIT = 15


def _choose_food(diary: _diary.Diary, review: pd.DataFrame) -> None:
    texts = review["text"].tolist()
    label = {row.text: f"{row.text} ({row.entries} {'entry' if row.entries == 1 else 'entries'}, "
             + ("not identified)" if row.unmatched else f"matched to {row.matched})") for row in review.itertuples()}
    text = st.selectbox("Food to review", texts, format_func=label.get, key="review_text")
    row = review.set_index("text").loc[text]
    if row["unmatched"]:
        st.caption("Not identified: no food in the table was close enough. Pick one below.")
    else:
        st.caption(f"Now matched to: {plain(row['matched'])}"
                   + (" (your earlier choice)" if row["source"] == "correction" else
                      f" ({messages.MATCHED_BY_CATEGORY}; match score {row['score']:.0f} of 100)"
                      if row["source"] == "category" else f" (match score {row['score']:.0f} of 100)"))
    if row["from_file"]:
        st.caption("Your export gives this entry's nutrients; the chosen food only adds vitamin K2 where the "
                   "export has none.")
    options = {fid: f"{desc} (score {score:.0f})" for fid, desc, score in alternatives_for(diary.entries, text)}
    query = st.text_input("Or search the food table", key="review_search", placeholder="e.g. yogurt greek plain")
    if query.strip():
        for candidate in matcher().search(query, limit=SEARCH_LIMIT):
            options.setdefault(candidate.food_id, f"{candidate.description} (search)")
    if not options:
        st.caption("No candidates: search the food table.")
        return
    food_id = st.radio("Use this food", list(options), format_func=options.get, key="review_choice")
    if st.button(f"Use this food for every entry of '{plain(text)}'", type="primary", key="review_apply"):
        foods = food_table().foods
        description = str(foods.loc[food_id, "description"] if food_id in foods.index  # else a branded food
                          else food_db.branded_food(food_id).food["description"])
        try:
            _diary.apply_correction(diary, text, food_id, description)
        except USER_ERRORS as error:
            show_error(error)
            return
        st.session_state["review_done"] = f"'{text}' now means {description}; the totals use it from now on."
        st.rerun()


def _amounts(diary: _diary.Diary) -> None:
    st.subheader("Entries whose amount is unknown")
    missing = diary.entries[diary.entries["status"] == "needs_amount"]
    if missing.empty:
        st.caption("Every identified food has an amount.")
        return
    table = pd.DataFrame({"row": missing["row"].astype(int), "food": missing["food_text"].astype(str),
                          "matched": missing["matched_food"].fillna("").astype(str),
                          "amount": missing["amount_text"].fillna("").astype(str),
                          "why": missing["reason"].fillna("").astype(str)}).reset_index(drop=True)
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key="amount_editor", disabled=["row", "food", "matched", "why"],
        column_config={"row": "Row", "food": "Food as written", "matched": "Matched to",
                       "amount": st.column_config.TextColumn("Amount (edit me)", help="e.g. 150 g, 1 cup, 2"),
                       "why": "Why"})
    changed = edited[edited["amount"].fillna("") != table["amount"]]
    if st.button("Re-check the edited amounts", key="amount_apply", disabled=changed.empty):
        try:
            _diary.set_amounts(diary, dict(zip(changed["row"].astype(int), changed["amount"].astype(str),
                                               strict=True)))
        except USER_ERRORS as error:
            show_error(error)
            return
        st.session_state.pop("amount_editor", None)
        st.rerun()


def _corrections(diary: _diary.Diary | None) -> None:
    st.subheader("Your saved choices")
    store = user_store()
    saved = store.list_corrections()
    if saved.empty:
        st.caption("None yet. Every food you choose above is remembered for future imports.")
    else:
        st.dataframe(saved[["text", "description", "food_id"]].rename(
            columns={"text": "Food as written", "description": "Means", "food_id": "Food number"}),
            hide_index=True, width="stretch", key="corrections_table")
        texts = saved["text"].tolist()
        forget = st.selectbox("Choice to forget", texts, key="forget_text")
        if st.button("Forget this choice", key="forget_apply"):
            try:
                _diary.forget_correction(diary, forget)
            except USER_ERRORS as error:
                show_error(error)
                return
            st.rerun()
        st.download_button("Download your choices (CSV)", data=store.export_corrections_csv,
                           file_name="mineralog-corrections.csv", mime="text/csv", key="corrections_download")
    uploaded = st.file_uploader("Add choices from a corrections CSV", type=["csv"], key="corrections_file")
    if uploaded is not None and st.button("Add these choices", key="corrections_import"):
        try:
            count = store.import_corrections_csv(uploaded.getvalue(), food_table())
        except CorrectionsImportError as error:
            show_error(error)
            st.dataframe(error.failures, hide_index=True, width="stretch")
            return
        except USER_ERRORS as error:
            show_error(error)
            return
        st.success(f"{count} choices added. They apply to diaries imported from now on.")


# --- Supplement content per unit (issue 11, h2-supplements): a minimal hook, kept apart from the page layout ----
# The library decides which products wait (analyzer.doses_needed) and counts them once known (analyzer.apply_doses).

_CONTENT_KEYS = ("calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k1_ug", "vitamin_k2_ug")


def _supplement_content(diary: _diary.Diary) -> None:
    from analyzer import NUTRIENT_INFO, apply_doses, doses_needed

    waiting = doses_needed(diary.entries)
    if waiting.empty:
        return
    st.subheader("Supplements: what one unit contains")
    st.caption("The diary does not say what one capsule or tablet of these products contains. "
               "Enter it once from the label; it is remembered for this product in future imports.")
    labels = {row.product: f"{row.product} ({row.rows} entries, e.g. {row.amount})" for row in waiting.itertuples()}
    product = st.selectbox("Supplement", list(labels), format_func=labels.get, key="content_product")
    named = [key for key in str(waiting.set_index("product").loc[product, "nutrients"]).split(";") if key]
    values = {key: st.number_input(f"{NUTRIENT_INFO[key].label} in one unit ({NUTRIENT_INFO[key].unit})",
                                   min_value=0.0, value=0.0, key=f"content_{key}")
              for key in named or _CONTENT_KEYS}
    if st.button("Remember for this product", key="content_apply"):
        try:
            user_store().set_supplement_dose(product, {k: v for k, v in values.items() if v > 0})
            _diary.save(diary.name, apply_doses(diary.entries, user_store().supplement_doses()), diary.meta)
        except USER_ERRORS as error:
            show_error(error)
            return
        st.session_state["review_done"] = f"'{product}' is now counted with what one unit contains."
        st.rerun()


# --- The user's own recipes (issue 18, h40-recipes): what one full recipe weighs, entered once ---------------
# The library lists the recipes waiting (analyzer.recipes_needed) and counts them (analyzer.apply_recipe_weights).

def _own_recipes(diary: _diary.Diary) -> None:
    from analyzer import apply_recipe_weights, recipes_needed

    recipes = recipes_needed(diary.entries, weighed_too=True)  # weighed ones too: a weight can be changed
    if recipes.empty:
        return
    st.subheader("Your own recipes: what one full recipe weighs")
    st.caption(messages.RECIPE_WEIGHT_INTRO)
    known = user_store().recipe_weights()
    waiting = set(recipes_needed(diary.entries)["key"])
    labels = {row.recipe: f"{row.recipe} ({row.rows} {'entry' if row.rows == 1 else 'entries'}, e.g. {row.amount}"
              + (")" if row.key in waiting or row.key not in known else f"; now {known[row.key]:g} g a recipe)")
              for row in sorted(recipes.itertuples(), key=lambda row: row.key not in waiting)}  # waiting first
    recipe = st.selectbox("Recipe", list(labels), format_func=labels.get, key="recipe_name")
    chosen = recipes.set_index("recipe").loc[recipe]
    st.caption(plain(messages.recipe_counted_as(str(chosen["food"]))))
    grams = st.number_input("Grams in one full recipe", min_value=0.0, value=0.0, step=50.0, key="recipe_grams")
    if st.button("Remember for this recipe", key="recipe_apply", disabled=grams <= 0):
        try:
            user_store().set_recipe_weight(recipe, grams)
            _diary.save(diary.name, apply_recipe_weights(diary.entries, user_store().recipe_weights()), diary.meta)
        except USER_ERRORS as error:
            show_error(error)
            return
        st.session_state["review_done"] = messages.recipe_weight_saved(recipe, grams, int(chosen["rows"]))
        st.rerun()
    if chosen["key"] in known and st.button("Forget this recipe's weight", key="recipe_forget"):
        try:
            _diary.forget_recipe_weight(diary, recipe)
        except USER_ERRORS as error:
            show_error(error)
            return
        st.session_state["review_done"] = messages.recipe_weight_forgotten(recipe, int(chosen["rows"]))
        st.rerun()


page_header("Review matches")
done = st.session_state.pop("review_done", None)
if done:
    st.success(plain(done))
current = _diary.current()
if current is None:
    st.caption("No diary is open: import a file or type entries first.")
    st.page_link("app_pages/add_food.py", label="Add food", icon=":material/upload_file:")
else:
    st.subheader("Matches, least certain first")
    review = review_queue(current.entries)
    if review.empty:
        st.caption("No entry of this diary was matched to a food.")
    else:
        # The score comes before the long food names, so it is on screen at any width.
        st.dataframe(review[["score", "text", "matched", "entries"]].rename(
            columns={"text": "Food as written", "entries": "Entries", "matched": "Matched to",
                     "score": "Match score"}), hide_index=True, width="stretch", height=260, key="review_table",
            column_config={"Match score": st.column_config.NumberColumn(format="%.0f", width="small"),
                           "Food as written": st.column_config.TextColumn(width="medium"),
                           "Matched to": st.column_config.TextColumn(width="large"),
                           "Entries": st.column_config.NumberColumn(width="small")})
        _choose_food(current, review)
    _amounts(current)
    _supplement_content(current)
    _own_recipes(current)
st.divider()
_corrections(current)
