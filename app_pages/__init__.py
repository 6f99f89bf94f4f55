"""The pages of the Mineralog dashboard (run through ``st.navigation`` in ``app.py``)."""
