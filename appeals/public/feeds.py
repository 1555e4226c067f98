"""The Commission's published decisions as an RSS feed: public fields only."""

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import selectors


class DecisionsFeed(Feed):
    title = _("Nafida — decisions of the Commission for the right of access to information")
    link = reverse_lazy("appeals:decisions")
    description = _("Decisions of the Commission published by its president.")

    def items(self):
        return selectors.published_decisions()[:50]

    def item_title(self, item):
        return f"{item.number} — {item.request.body.name} — {selectors.outcome_label(item)}"

    def item_description(self, item):
        return item.public_summary

    def item_link(self, item):
        return reverse("appeals:decision", args=[item.number])

    def item_pubdate(self, item):
        return item.published_at
