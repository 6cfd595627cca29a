"""Words that make up printed dates: month and weekday names, time zones, dateline labels.

``MONTHS`` and ``WEEKDAYS`` are English: the time-expression tagger, the page features and the
grouping's stop words read English prose. A page's own date block is printed in its outlet's
language ("1. November 2023", "4 de mayo de 2021", "Publié le 3 mars 2022"), so the printed-date
readers (``dateline.dates.printed``) also read the names of ``PRINTED_MONTHS`` and
``PRINTED_WEEKDAYS``: the languages of western and central Europe's press, whose dates put the
day before the month as English "18 September 2017" does. The readers build their patterns
from these tables and match them case-insensitively, so each spelling appears here once, in
its usual case. Abbreviations are listed with and without their full stop because both are
printed; an abbreviation that is also a common word in another language ("Do", "So", "ago") is
left out.
"""

from __future__ import annotations

import re

MONTHS: dict[int, tuple[str, ...]] = {
    1: ("January", "Jan", "Jan."),
    2: ("February", "Feb", "Feb."),
    3: ("March", "Mar", "Mar."),
    4: ("April", "Apr", "Apr."),
    5: ("May",),
    6: ("June", "Jun", "Jun."),
    7: ("July", "Jul", "Jul."),
    8: ("August", "Aug", "Aug."),
    9: ("September", "Sept", "Sept.", "Sep", "Sep."),
    10: ("October", "Oct", "Oct."),
    11: ("November", "Nov", "Nov."),
    12: ("December", "Dec", "Dec."),
}
"""Month number to every spelling of its name (AP style writes "Sept." as well as "Sep.")."""

WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("Monday", "Mon", "Mon."),
    1: ("Tuesday", "Tue", "Tue.", "Tues", "Tues."),
    2: ("Wednesday", "Wed", "Wed."),
    3: ("Thursday", "Thu", "Thu.", "Thur", "Thur.", "Thurs", "Thurs."),
    4: ("Friday", "Fri", "Fri."),
    5: ("Saturday", "Sat", "Sat."),
    6: ("Sunday", "Sun", "Sun."),
}
"""Weekday number as ``date.weekday()`` counts (Monday is 0) to every spelling of its name."""

TIMEZONES: tuple[str, ...] = (
    # Universal and western Europe
    "GMT", "UTC", "UT", "BST", "IST", "WET", "WEST",
    # Central and eastern Europe, Russia
    "CET", "CEST", "MET", "MEST", "EET", "EEST", "MSK",
    # North America (with the season-free forms US outlets print: "4 p.m. ET")
    "EST", "EDT", "ET", "CST", "CDT", "CT", "MST", "MDT", "MT", "PST", "PDT", "PT",
    "AKST", "AKDT", "HST", "AST", "ADT", "NST", "NDT",
    # Asia and Oceania
    "JST", "KST", "HKT", "SGT", "PHT", "WIB", "PKT", "AEST", "AEDT", "ACST", "ACDT", "AWST",
    "NZST", "NZDT",
    # Africa
    "SAST", "CAT", "EAT", "WAT",
)  # fmt: skip
"""Time-zone abbreviations printed after a time. Several are ambiguous (IST is India, Ireland
or Israel; AST Atlantic or Arabia); dateline only needs to recognise them, never to convert."""

TIMEZONE_PHRASES: tuple[str, ...] = ("UK time", "local time")
"""Zones written as words after a time, as the BBC prints "18:00 UK time"."""

DATELINE_LABELS: tuple[str, ...] = (
    "Published",
    "First published",
    "Posted",
    "Updated",
    "Last updated",
    "Page last updated",
    "Last modified",
    "Modified",
    "Date",
    "Dated",
    "Aired",
    "Broadcast",
)
"""Words that introduce an article's own date at its top ("Published: 12.04.2025")."""

FUTURE_CUES = re.compile(
    r"\b(?:will|shall|is to|are to|is due|are due|is set to|are set to|scheduled|planned|"
    r"expected to|upcoming|next|due to)\b",
    re.IGNORECASE,
)
"""A sentence with one of these looks ahead: a date it names says nothing about when it was
written ("the vote will be held on 8 June")."""


PRINTED_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("Januar", "Jänner", "janvier", "janv.", "enero", "gennaio", "januari", "janeiro",
        "stycznia", "styczeń"),
    2: ("Februar", "Feber", "février", "févr.", "febrero", "febbraio", "februari",
        "fevereiro", "lutego", "luty"),
    3: ("März", "Mär.", "Mrz.", "mars", "marzo", "maart", "março", "marca", "marzec"),
    4: ("avril", "avr.", "abril", "aprile", "kwietnia", "kwiecień"),
    5: ("Mai", "mayo", "maggio", "mei", "maio", "maja", "maj"),
    6: ("Juni", "juin", "junio", "giugno", "junho", "czerwca", "czerwiec"),
    7: ("Juli", "juillet", "juil.", "julio", "luglio", "julho", "lipca", "lipiec"),
    8: ("août", "agosto", "augustus", "sierpnia", "sierpień"),
    9: ("septembre", "septiembre", "setiembre", "settembre", "setembro", "września",
        "wrzesień"),
    10: ("Oktober", "Okt.", "Okt", "octobre", "octubre", "ottobre", "outubro", "października",
         "październik"),
    11: ("novembre", "noviembre", "novembro", "listopada", "listopad"),
    12: ("Dezember", "Dez.", "Dez", "décembre", "déc.", "diciembre", "dicembre", "dezembro",
         "grudnia", "grudzień"),
}  # fmt: skip
"""Month names of other languages (German, French, Spanish, Italian, Dutch, Portuguese and
Polish, whose dates print the month in its genitive: "4 maja 2021"), for printed dates only.
Names English shares ("April", "November") are in ``MONTHS``."""

PRINTED_WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("Montag", "lundi", "lunes", "lunedì", "maandag", "segunda-feira", "poniedziałek"),
    1: ("Dienstag", "mardi", "martes", "martedì", "dinsdag", "terça-feira", "wtorek"),
    2: ("Mittwoch", "mercredi", "miércoles", "mercoledì", "woensdag", "quarta-feira", "środa"),
    3: ("Donnerstag", "jeudi", "jueves", "giovedì", "donderdag", "quinta-feira", "czwartek"),
    4: ("Freitag", "vendredi", "viernes", "venerdì", "vrijdag", "sexta-feira", "piątek"),
    5: ("Samstag", "Sonnabend", "samedi", "sábado", "sabato", "zaterdag", "sobota"),
    6: ("Sonntag", "dimanche", "domingo", "domenica", "zondag", "niedziela"),
}  # fmt: skip
"""Weekday names of the languages of ``PRINTED_MONTHS``, as ``date.weekday()`` counts."""

PRINTED_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    number: names + PRINTED_MONTHS[number] for number, names in MONTHS.items()
}
"""Every spelling of every month in every language read in printed dates."""
PRINTED_WEEKDAY_NAMES: dict[int, tuple[str, ...]] = {
    number: names + PRINTED_WEEKDAYS[number] for number, names in WEEKDAYS.items()
}
"""Every spelling of every weekday in every language read in printed dates."""

PRINTED_LABELS: tuple[str, ...] = (
    "Veröffentlicht", "Veröffentlicht am", "Erschienen", "Erschienen am", "Erstellt",
    "Erstellt am", "Datum", "Publié", "Publié le", "Publicado", "Publicado el", "Publicado em",
    "Pubblicato", "Pubblicato il", "Gepubliceerd", "Gepubliceerd op", "Opublikowano",
    "Aktualisiert", "Aktualisiert am", "Zuletzt aktualisiert", "Stand", "Mis à jour",
    "Mis à jour le", "Actualizado", "Aggiornato", "Bijgewerkt", "Atualizado", "Aktualizacja",
)  # fmt: skip
"""Labels of an article's own date in the languages of ``PRINTED_MONTHS``. "Stand" ("as of")
and the words for "updated" name the latest change, as "Updated" does."""
