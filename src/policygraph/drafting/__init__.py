"""Draft records from a source: archive it (``add``), draft its records (``draft``), review them.

Every drafted quote is an exact span of the archived text; nothing here invents a date or a name.
"""
