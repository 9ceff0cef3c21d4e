"""The registry in four languages: English (unprefixed URLs), French, Spanish and Arabic (right-to-left).

- ``middleware.py``: a first visit to an English page goes to the browser's language;
- ``views.py``: the language switcher, which remembers the choice in a cookie;
- ``names.py``: country and language names in the current language (CLDR data through Babel);
- ``data.py``: translations of the Standard's data files (indicators, questions, SDGs, categories).
"""
