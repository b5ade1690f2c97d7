"""Putting figures into an indicator: the CSV import's draft, and indicators built whole (the
demo content, tests).

Figures are child rows of the snippet (`IndicatorFigure`), so replacing them in a revision is
what an editor's save does: the live figures stay until a reviewer publishes the revision.
"""

from collections.abc import Iterable
from decimal import Decimal

from wagtail.models import Revision

from indicators.models import Indicator, IndicatorFigure
from indicators.series import Row


def as_rows(rows: Iterable) -> list[Row]:
    """Rows, or (period, value) and (period, value, breakdown) tuples, as `Row`s."""
    made = []
    for row in rows:
        if isinstance(row, Row):
            made.append(row)
        else:
            period, value, *breakdown = row
            made.append(Row(str(period), Decimal(str(value)), *breakdown))
    return made


def figures_for(rows: Iterable) -> list[IndicatorFigure]:
    return [
        IndicatorFigure(period=row.period, breakdown=row.breakdown, value=row.value, sort_order=i)
        for i, row in enumerate(as_rows(rows))
    ]


def save_figures_as_draft(indicator: Indicator, rows: Iterable, user=None) -> Revision:
    """A new revision of `indicator`, its latest draft with these figures instead of its own.

    As the snippet editor saves: an indicator never published keeps its draft in its row too;
    a live one keeps its live figures until the revision is approved and published.
    """
    draft = indicator.get_latest_revision_as_object()
    draft.figures = figures_for(rows)
    if not indicator.live:
        draft.save()
    return draft.save_revision(user=user, log_action=True)


def create_indicator(
    *, rows: Iterable = (), publish: bool = True, user=None, **fields
) -> Indicator:
    """An indicator with these figures (rows, or (period, value[, breakdown]) tuples), saved and,
    unless `publish` is False, published through a revision as a reviewer's approval would.

    For demo content pass `illustrative=True`: the figures are then said to be illustrative
    wherever they show.
    """
    indicator = Indicator(live=False, figures=figures_for(rows), **fields)
    indicator.save()
    revision = indicator.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        indicator.refresh_from_db()
    return indicator
